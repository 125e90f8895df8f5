import { useCallback, useState } from 'react'
import { fieldErrors } from '../api/client'
import { notifyError } from './notify'

/**
 * The saving half of a form: `busy` while `save(work)` runs; when it fails, the
 * API's field problems land in `errors` (keyed by field, `prefix.` stripped), a
 * notification says what went wrong, and the error is returned. Nothing the
 * operator typed is touched.
 */
export function useSave(prefix = '') {
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const save = useCallback(
    async (work: () => Promise<void>): Promise<unknown> => {
      setBusy(true)
      setErrors({})
      try {
        await work()
        return null
      } catch (err) {
        setErrors(fieldErrors(err, prefix))
        notifyError(err)
        return err
      } finally {
        setBusy(false)
      }
    },
    [prefix]
  )
  return { errors, setErrors, busy, save }
}
