import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { placeError } from './formErrors'

/**
 * The saving half of a form: `busy` while `save(work)` runs. A failure is shown
 * once, where the operator is looking: problems the core pins on a field this
 * form shows (`fields`, paths after `prefix.`) under that field (`errors`), any
 * other in one alert inside the form (`formError`); no toast. The messages are
 * worked out at render time, so they follow a language switch. `setErrors`
 * shows the form's own checks (made before asking the core). Nothing the
 * operator typed is touched. `save` resolves to the error, or null.
 */
export function useSave({ fields, prefix = '' }: { fields: readonly string[]; prefix?: string }) {
  useTranslation() // re-render (and re-translate) on a language switch
  const [failure, setFailure] = useState<unknown>(null)
  const [local, setLocal] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  const save = useCallback(async (work: () => Promise<void>): Promise<unknown> => {
    setBusy(true)
    setFailure(null)
    setLocal({})
    try {
      await work()
      return null
    } catch (err) {
      setFailure(err)
      return err
    } finally {
      setBusy(false)
    }
  }, [])

  const setErrors = useCallback((errors: Record<string, string>) => {
    setFailure(null)
    setLocal(errors)
  }, [])

  const placed = placeError(failure, fields, prefix)
  return { errors: { ...placed.fields, ...local }, formError: placed.form, setErrors, busy, save }
}
