import { Alert, Button, Loader, MantineProvider, Stack, Text, Title } from '@mantine/core'
import { Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { errorMessage } from './api/client'
import { useApi } from './api/query'
import { useSession } from './api/session'
import { shellFor } from './shells'
import { useArrival } from './signin/arrival'
import { Arrived } from './signin/Arrived'
import { FirstRun } from './signin/FirstRun'
import { SignIn } from './signin/SignIn'
import { Centered } from './ui/Centered'
import { Notifications } from './ui/Notifications'
import { theme } from './ui/theme'

const STATUS_POLL_MS = 60_000

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" forceColorScheme="light">
      <Notifications />
      <Root />
    </MantineProvider>
  )
}

function Loading() {
  const { t } = useTranslation()
  return (
    <Centered>
      <Stack align="center">
        <Loader />
        <Text>{t('boot.loading')}</Text>
      </Stack>
    </Centered>
  )
}

function Root() {
  const { t } = useTranslation()
  const session = useSession((s) => s.session)
  const arrival = useArrival()
  // The clock warning can appear while the desk runs.
  const status = useApi('system.status', {}, { refetchInterval: STATUS_POLL_MS })

  if (!status.data) {
    if (status.error) {
      return (
        <Centered>
          <Stack>
            <Title order={2}>{t('app.name')}</Title>
            <Alert color="red" title={t('boot.unreachable')} data-testid="boot-error">
              <Text className="ed-break">{errorMessage(status.error)}</Text>
            </Alert>
            <Button onClick={() => void status.refetch()} size="lg">
              {t('common.retry')}
            </Button>
          </Stack>
        </Centered>
      )
    }
    return <Loading />
  }
  if (!session) {
    if (arrival.arrival && !arrival.onSignIn) return <Arrived arrival={arrival.arrival} deskName={status.data.deskName} firstRun={status.data.firstRun} />
    if (status.data.firstRun) return <FirstRun deskName={status.data.deskName} />
    return <SignIn deskName={status.data.deskName} arrival={arrival.arrival} />
  }
  // Each role's shell is its own chunk: a kiosk tablet never downloads the back office.
  const Shell = shellFor(session.staff.role)
  return (
    <Suspense fallback={<Loading />}>
      <Shell clockWarning={status.data.clockWarning} />
    </Suspense>
  )
}
