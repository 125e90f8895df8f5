import { Alert, Button, Group, Paper, PasswordInput, Radio, Stack, Text, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { BackupStatus } from '../../../../shared/contract/backup'
import { call } from '../../api/client'
import { FormError } from '../../ui/FormError'
import { notifySuccess } from '../../ui/notify'
import { useSave } from '../../ui/useSave'
import { keepStatus } from './BackupTab'

/** The contract's minimum (backup.configure). */
const MIN_PASSPHRASE = 12

/** The key backups are sealed with: a passphrase the organizer keeps (the default), or the fleet key. */
export function BackupKey({ status }: { status: BackupStatus }) {
  const { t } = useTranslation(['desks', 'app'])
  const [source, setSource] = useState<'passphrase' | 'fleet'>(status.keySource ?? 'passphrase')
  const [passphrase, setPassphrase] = useState('')
  const [confirm, setConfirm] = useState('')
  const { errors, formError, setErrors, busy, save } = useSave({ fields: ['passphrase'], prefix: 'key' })

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (source === 'passphrase') {
      const local: Record<string, string> = {}
      if (passphrase.length < MIN_PASSPHRASE) local.passphrase = t('key.tooShort', { min: MIN_PASSPHRASE })
      else if (passphrase !== confirm) local.confirm = t('key.mismatch')
      if (Object.keys(local).length > 0) return setErrors(local)
    }
    await save(async () => {
      keepStatus(await call('backup.configure', { key: source === 'passphrase' ? { source, passphrase } : { source } }))
      setPassphrase('')
      setConfirm('')
      notifySuccess(t('key.saved'))
    })
  }

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate data-testid="backup-key-form">
        <Stack gap="sm">
          <Title order={3}>{t('key.title')}</Title>
          <Text data-testid="backup-key-now">{status.keySource ? t(`key.now.${status.keySource}`) : t('key.now.none')}</Text>
          <Radio.Group value={source} onChange={(v) => setSource(v as 'passphrase' | 'fleet')}>
            <Stack gap="xs">
              <Radio value="passphrase" label={t('key.passphrase')} description={t('key.passphraseHelp')} data-testid="backup-key-passphrase" />
              <Radio value="fleet" label={t('key.fleet')} description={t('key.fleetHelp')} data-testid="backup-key-fleet" />
            </Stack>
          </Radio.Group>
          {source === 'passphrase' && (
            <>
              <Group grow align="flex-start" wrap="wrap">
                <PasswordInput
                  label={t('key.new')}
                  description={t('key.minLength', { min: MIN_PASSPHRASE })}
                  value={passphrase}
                  onChange={(e) => setPassphrase(e.currentTarget.value)}
                  error={errors.passphrase}
                  data-testid="backup-passphrase"
                  autoComplete="new-password"
                  miw={240}
                />
                <PasswordInput
                  label={t('key.confirm')}
                  value={confirm}
                  onChange={(e) => setConfirm(e.currentTarget.value)}
                  error={errors.confirm}
                  data-testid="backup-passphrase-confirm"
                  autoComplete="new-password"
                  miw={240}
                />
              </Group>
              <Alert color="yellow" data-testid="backup-passphrase-warning">
                <Text fw={700}>{t('key.writeItDown')}</Text>
              </Alert>
            </>
          )}
          <FormError message={formError} />
          <Group justify="flex-end">
            <Button type="submit" variant="default" loading={busy} data-testid="backup-key-save">
              {t('key.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}
