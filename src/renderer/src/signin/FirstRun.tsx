import { Button, Divider, Group, Stack, Text, TextInput, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { LIMITS } from '../../../shared/fields'
import { call } from '../api/client'
import { useSession } from '../api/session'
import { Centered } from '../ui/Centered'
import { FormError } from '../ui/FormError'
import { PinField } from '../ui/PinField'
import { useSave } from '../ui/useSave'
import { JoinFleetForm } from '../shared/fleet/JoinFleet'
import { useArrival } from './arrival'
import { AuthHeader } from './AuthHeader'
import { RestoreFromBackup } from './Restore'

const FIELDS = ['name', 'pin'] as const

type Mode = 'setup' | 'join' | 'restore'

/**
 * The very first start of a desk: create the first organizer (who is then
 * signed in), join an existing fleet with a pairing code, or restore from a backup.
 */
export function FirstRun({ deskName }: { deskName: string }) {
  const [mode, setMode] = useState<Mode>('setup')
  return (
    <Centered width={mode === 'setup' ? 460 : 640}>
      <Stack>
        <AuthHeader deskName={deskName} />
        {mode === 'setup' && <SetUp onMode={setMode} />}
        {mode === 'join' && <Join onBack={() => setMode('setup')} />}
        {mode === 'restore' && <RestoreFromBackup onBack={() => setMode('setup')} />}
      </Stack>
    </Centered>
  )
}

function Join({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation()
  const arrived = useArrival((s) => s.arrived)
  return (
    <Stack data-testid="first-run-join">
      <Title order={3}>{t('firstRun.joinTitle')}</Title>
      <Text>{t('firstRun.joinIntro')}</Text>
      <JoinFleetForm autoFocus onJoined={(result) => arrived({ kind: 'joined', result })} />
      <Group>
        <Button variant="subtle" onClick={onBack}>
          {t('firstRun.back')}
        </Button>
      </Group>
    </Stack>
  )
}

function SetUp({ onMode }: { onMode: (mode: Mode) => void }) {
  const { t } = useTranslation()
  const signIn = useSession((s) => s.signIn)
  const [name, setName] = useState('')
  const [pin, setPin] = useState('')
  const [confirm, setConfirm] = useState('')
  const { errors, formError, setErrors, busy, save } = useSave({ fields: FIELDS })

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const local: Record<string, string> = {}
    if (!name.trim()) local.name = t('auth.nameRequired')
    if (!/^\d+$/.test(pin) || pin.length < LIMITS.pin.min || pin.length > LIMITS.pin.max) {
      local.pin = t('auth.pinRule', { min: LIMITS.pin.min, max: LIMITS.pin.max })
    }
    if (pin !== confirm) local.confirm = t('auth.pinMismatch')
    if (Object.keys(local).length > 0) {
      setErrors(local)
      return
    }
    await save(async () => signIn(await call('staff.setupFirstOrganizer', { name: name.trim(), pin })))
  }

  return (
    <Stack>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={3}>{t('setup.title')}</Title>
          <Text>{t('setup.intro')}</Text>
          <TextInput
            label={t('setup.name')}
            data-testid="setup-name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            maxLength={LIMITS.name}
            autoFocus
            size="lg"
          />
          <PinField
            label={t('setup.pin')}
            description={t('auth.pinRule', { min: LIMITS.pin.min, max: LIMITS.pin.max })}
            data-testid="setup-pin"
            value={pin}
            onChange={(e) => setPin(e.currentTarget.value)}
            error={errors.pin}
            size="lg"
          />
          <PinField
            label={t('setup.pinConfirm')}
            data-testid="setup-pin-confirm"
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={errors.confirm}
            size="lg"
          />
          <FormError message={formError} testId="setup-error" />
          <Button type="submit" size="lg" loading={busy} data-testid="setup-submit">
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
      <Divider label={t('firstRun.or')} labelPosition="center" />
      <Stack gap="xs">
        <Button variant="default" size="md" onClick={() => onMode('join')} data-testid="first-run-join-open">
          {t('firstRun.join')}
        </Button>
        <Button variant="default" size="md" onClick={() => onMode('restore')} data-testid="first-run-restore-open">
          {t('firstRun.restore')}
        </Button>
      </Stack>
    </Stack>
  )
}
