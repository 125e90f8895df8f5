/**
 * Joining a fleet with the code (or scanned QR) from the organizer's desk:
 * on the first-run screen and, for a desk set up alone, on the Desks screen.
 * The code formats itself as it is typed and its check character flags a
 * typo before anything is sent; the address field appears when the code
 * alone does not find the organizer's desk.
 */
import { Button, Stack, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { JoinResult } from '../../../../shared/contract/sync'
import { ApiError } from '../../../../shared/errors'
import { call } from '../../api/client'
import { FormError } from '../../ui/FormError'
import { useSave } from '../../ui/useSave'
import { codeComplete, codeProblem, formatCode, scannedQr } from './code'

/** `autoFocus` on the first-run screen only: on the Desks screen it would scroll the page past the desk's status. */
export function JoinFleetForm({ onJoined, autoFocus = false }: { onJoined: (result: JoinResult) => void; autoFocus?: boolean }) {
  const { t } = useTranslation()
  const [code, setCode] = useState('')
  const [address, setAddress] = useState('')
  const [askAddress, setAskAddress] = useState(false)
  const { errors, formError, setErrors, busy, save } = useSave({ fields: ['code', 'address'] })
  const problem = codeProblem(code)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (problem) return
    if (!codeComplete(code)) {
      setErrors({ code: t('join.codeIncomplete') })
      return
    }
    const qr = scannedQr(code)
    const input = qr ? { qr } : { code }
    const failure = await save(async () => onJoined(await call('sync.join', { ...input, ...(askAddress && address.trim() ? { address: address.trim() } : {}) })))
    if (failure instanceof ApiError && failure.key === 'pairingDeskNotFound') setAskAddress(true)
  }

  return (
    <form onSubmit={submit} noValidate data-testid="join-form">
      <Stack gap="sm">
        <TextInput
          label={t('join.code')}
          description={t('join.codeHelp')}
          placeholder="XXXX-XXXX-XXXX"
          data-testid="join-code"
          value={code}
          onChange={(e) => setCode(formatCode(e.currentTarget.value))}
          error={problem ? t(`join.${problem}`) : errors.code}
          size="xl"
          autoComplete="off"
          spellCheck={false}
          styles={{
            // The large input, with the label and help at the size of the other forms' fields.
            label: { fontSize: 'var(--mantine-font-size-md)' },
            description: { fontSize: 'var(--mantine-font-size-sm)' },
            input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.12em', fontWeight: 700 }
          }}
          autoFocus={autoFocus}
        />
        {askAddress && (
          <TextInput
            label={t('join.address')}
            description={t('join.addressHelp')}
            placeholder="192.168.1.20"
            data-testid="join-address"
            value={address}
            onChange={(e) => setAddress(e.currentTarget.value)}
            error={errors.address}
            size="md"
            autoComplete="off"
          />
        )}
        <FormError message={formError} testId="join-error" />
        <Button type="submit" size="lg" loading={busy} disabled={problem !== null} data-testid="join-submit">
          {t('join.submit')}
        </Button>
        {busy && (
          <Text size="sm" c="dimmed">
            {t('join.busy')}
          </Text>
        )}
      </Stack>
    </form>
  )
}
