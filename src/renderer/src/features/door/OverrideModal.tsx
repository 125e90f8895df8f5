import { Button, Select, Stack, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { DoorScanResult, ScanResult } from '../../../../shared/contract/checkin-lists'
import { call } from '../../api/client'
import { useApi } from '../../api/query'
import { FormError } from '../../ui/FormError'
import { PinField } from '../../ui/PinField'
import { useSave } from '../../ui/useSave'

type Answer = ScanResult | DoorScanResult

/** A supervisor lets in a person a scan refused: who approves, their PIN, and why. */
export function OverrideModal({ scan, onDone }: { scan: Answer; onDone: (result: Answer) => void }) {
  const { t } = useTranslation(['door', 'shared'])
  const members = useApi('staff.signInOptions', {})
  const supervisors = (members.data ?? []).filter((m) => m.role === 'organizer')
  const [supervisorId, setSupervisorId] = useState<string | null>(null)
  const [pin, setPin] = useState('')
  const [reason, setReason] = useState('')
  const [id] = useState(() => crypto.randomUUID())
  const { errors, formError, busy, save } = useSave({ fields: ['supervisorId', 'pin', 'reason'] })

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!supervisorId) return
    await save(async () => onDone(await call('checkin.override', { id, scanId: scan.scanId, supervisorId, pin, reason })))
  }

  return (
    <form onSubmit={submit}>
      <Stack>
        <Text>{t('override.explain', { outcome: t(`shared:scanOutcomes.${scan.outcome}`) })}</Text>
        <Select
          label={t('override.supervisor')}
          data={supervisors.map((m) => ({ value: m.id, label: m.name }))}
          value={supervisorId}
          onChange={setSupervisorId}
          error={errors.supervisorId}
          data-testid="override-supervisor"
          required
        />
        <PinField label={t('override.pin')} value={pin} onChange={(e) => setPin(e.currentTarget.value)} error={errors.pin} data-testid="override-pin" required />
        <TextInput label={t('override.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} data-testid="override-reason" required />
        <FormError message={formError} />
        <Button type="submit" loading={busy} disabled={!supervisorId} data-testid="override-submit">
          {t('override.submit')}
        </Button>
      </Stack>
    </form>
  )
}
