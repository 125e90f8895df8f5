import { Alert, Button, Loader, MantineProvider, Stack, Text, Title } from '@mantine/core'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from './api/client'
import { useSession } from './api/session'
import { useQuery } from './api/useQuery'
import { FirstRun } from './features/auth/FirstRun'
import { SignIn } from './features/auth/SignIn'
import { Shell } from './shell/Shell'
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

function Root() {
  const { t } = useTranslation()
  const token = useSession((s) => s.session?.token ?? null)
  const status = useQuery(() => call('system.status', {}), [token])
  const { reload } = status

  // The clock warning can appear while the desk runs.
  useEffect(() => {
    const timer = setInterval(reload, STATUS_POLL_MS)
    return () => clearInterval(timer)
  }, [reload])

  if (!status.data) {
    if (status.error) {
      return (
        <Centered>
          <Stack>
            <Title order={2}>{t('app.name')}</Title>
            <Alert color="red" title={t('boot.unreachable')} data-testid="boot-error">
              <Text className="ed-break">{status.error}</Text>
            </Alert>
            <Button onClick={reload} size="lg">
              {t('common.retry')}
            </Button>
          </Stack>
        </Centered>
      )
    }
    return (
      <Centered>
        <Stack align="center">
          <Loader />
          <Text>{t('boot.loading')}</Text>
        </Stack>
      </Centered>
    )
  }
  if (!token) {
    if (status.data.firstRun) return <FirstRun deskName={status.data.deskName} />
    return <SignIn deskName={status.data.deskName} />
  }
  return <Shell clockWarning={status.data.clockWarning} />
}
