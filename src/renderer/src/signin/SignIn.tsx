import { Alert, Button, Loader, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { call, errorMessage } from '../api/client'
import { useApi } from '../api/query'
import { useSession } from '../api/session'
import { roleLabel } from '../shared/labels'
import { Centered } from '../ui/Centered'
import { PinField } from '../ui/PinField'
import type { Arrival } from './arrival'
import { useArrival } from './arrival'
import { AuthHeader } from './AuthHeader'
import { JoinedCompare } from '../shared/fleet/JoinedCompare'

/** Pick your name, type your PIN. */
export function SignIn({ deskName, arrival = null }: { deskName: string; arrival?: Arrival | null }) {
  const { t } = useTranslation()
  const signInAs = useSession((s) => s.signIn)
  const clearArrival = useArrival((s) => s.clear)
  const signIn: typeof signInAs = (session) => {
    clearArrival()
    signInAs(session)
  }
  const options = useApi('staff.signInOptions', {})
  const [staffId, setStaffId] = useState<string | null>(null)
  const [pin, setPin] = useState('')
  const [failure, setFailure] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const pinRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (staffId) pinRef.current?.focus()
  }, [staffId])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!staffId || !pin) return
    setBusy(true)
    setFailure(null)
    try {
      signIn(await call('staff.signIn', { staffId, pin }))
    } catch (err) {
      setFailure(err)
      // Keep what was typed, but selected: the next digits replace it.
      requestAnimationFrame(() => pinRef.current?.select())
    } finally {
      setBusy(false)
    }
  }

  const chosen = options.data?.find((s) => s.id === staffId)

  return (
    <Centered width={640}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <AuthHeader deskName={deskName} />
          {arrival?.kind === 'joined' && (
            <Alert color="green" data-testid="signin-joined" title={t('joined.title', { desk: arrival.result.organizerDeskName })}>
              <Stack gap="xs">
                <Text fw={600}>{t('joined.signInWithFleetPin')}</Text>
                <JoinedCompare result={arrival.result} />
              </Stack>
            </Alert>
          )}
          {arrival?.kind === 'restored' && (
            <Alert color="blue" data-testid="signin-restored">
              <Text fw={600}>{t('restore.signInWithBackupPin')}</Text>
            </Alert>
          )}
          <Title order={3}>{t('signin.who')}</Title>
          {options.isPending && <Loader />}
          {options.error && <Alert color="red">{errorMessage(options.error)}</Alert>}
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" role="group" aria-label={t('signin.who')}>
            {options.data?.map((s) => (
              <UnstyledButton
                key={s.id}
                data-testid="signin-staff"
                aria-pressed={s.id === staffId}
                onClick={() => {
                  setStaffId(s.id)
                  setFailure(null)
                }}
                className="ed-staff-button"
              >
                <Text fw={700} size="lg" className="ed-ellipsis">
                  {s.name}
                </Text>
                <Text size="sm" c="dimmed" aria-hidden>
                  {roleLabel(s.role)}
                </Text>
              </UnstyledButton>
            ))}
          </SimpleGrid>
          {options.data && options.data.length === 0 && <Text>{t('signin.noStaff')}</Text>}
          <PinField
            ref={pinRef}
            label={chosen ? t('signin.pinFor', { name: chosen.name }) : t('signin.pin')}
            autoComplete="off"
            data-testid="signin-pin"
            value={pin}
            onChange={(e) => setPin(e.currentTarget.value)}
            disabled={!staffId}
            size="lg"
          />
          {failure !== null && (
            <Alert color="red" data-testid="signin-error" role="alert">
              <Text className="ed-break">{errorMessage(failure)}</Text>
            </Alert>
          )}
          <Button type="submit" size="lg" loading={busy} disabled={!staffId || !pin} data-testid="signin-submit">
            {t('signin.submit')}
          </Button>
        </Stack>
      </form>
    </Centered>
  )
}
