import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Switch, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { BackupStatus } from '../../../../shared/contract/backup'
import { call } from '../../api/client'
import { FormError } from '../../ui/FormError'
import { notifyError, notifySuccess } from '../../ui/notify'
import { useSave } from '../../ui/useSave'
import { keepStatus } from './BackupTab'

const FIELDS = ['intervalMinutes', 'keep', 'warnAfterHours'] as const

/** Whether this desk makes backups (a switch, saved at once), how often, how many it keeps, when to warn. */
export function BackupSettings({ status }: { status: BackupStatus }) {
  const { t } = useTranslation(['desks', 'app'])
  const [interval, setIntervalMinutes] = useState<number | string>(status.intervalMinutes)
  const [keep, setKeep] = useState<number | string>(status.keep)
  const [warn, setWarn] = useState<number | string>(status.warnAfterHours)
  const [switching, setSwitching] = useState(false)
  const { errors, formError, busy, save } = useSave({ fields: FIELDS })

  const toggle = async (enabled: boolean) => {
    setSwitching(true)
    try {
      keepStatus(await call('backup.configure', { enabled }))
    } catch (err) {
      notifyError(err)
    } finally {
      setSwitching(false)
    }
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    await save(async () => {
      keepStatus(await call('backup.configure', { intervalMinutes: Number(interval), keep: Number(keep), warnAfterHours: Number(warn) }))
      notifySuccess(t('backup.saved'))
    })
  }

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3}>{t('backup.settings')}</Title>
          <Switch
            size="md"
            label={t('backup.enabled')}
            description={t('backup.enabledHelp')}
            checked={status.enabled}
            disabled={switching}
            onChange={(e) => void toggle(e.currentTarget.checked)}
            data-testid="backup-enabled"
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput label={t('backup.interval')} min={5} max={10080} value={interval} onChange={setIntervalMinutes} error={errors.intervalMinutes} data-testid="backup-interval" allowDecimal={false} />
            <NumberInput label={t('backup.keep')} min={1} max={1000} value={keep} onChange={setKeep} error={errors.keep} data-testid="backup-keep" allowDecimal={false} />
            <NumberInput label={t('backup.warnAfter')} min={1} max={2160} value={warn} onChange={setWarn} error={errors.warnAfterHours} data-testid="backup-warn" allowDecimal={false} />
          </SimpleGrid>
          <FormError message={formError} />
          <Group justify="flex-end">
            <Button type="submit" variant="default" loading={busy} data-testid="backup-settings-save">
              {t('app:common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}
