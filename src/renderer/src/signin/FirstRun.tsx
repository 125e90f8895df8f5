import { Button, Stack, Text, TextInput, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { LIMITS } from '../../../shared/fields'
import { call } from '../api/client'
import { useSession } from '../api/session'
import { Centered } from '../ui/Centered'
import { FormError } from '../ui/FormError'
import { PinField } from '../ui/PinField'
import { useSave } from '../ui/useSave'
import { AuthHeader } from './AuthHeader'

const FIELDS = ['name', 'pin'] as const

/** The very first start of a desk: create the first organizer, who is then signed in. */
export function FirstRun({ deskName }: { deskName: string }) {
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
    <Centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <AuthHeader deskName={deskName} />
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
    </Centered>
  )
}
