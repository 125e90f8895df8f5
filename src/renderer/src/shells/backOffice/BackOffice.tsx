/**
 * The back office: header, navigation and the screen of the current route,
 * all rendered from THE list of features (src/renderer/src/features/index.ts).
 * A route the operator may not open (or none) leads to their first screen.
 */
import { Alert, AppShell, Box, Center, Loader, Paper, Stack, Text, Title } from '@mantine/core'
import { Suspense, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { errorMessage } from '../../api/client'
import { useApi } from '../../api/query'
import { useSession } from '../../api/session'
import { FEATURES } from '../../features'
import { registerNamespace } from '../../i18n'
import { matchRoute, mayOpen, navFor } from '../../router/feature'
import { navigate, useHashPath } from '../../router/hash'
import { useEventList, useSelectedEventId } from '../../shared/events'
import type { ShellProps } from '..'
import { BackupStaleBanner } from '../../shared/fleet/BackupStaleBanner'
import { SyncBanners } from '../../ui/SyncBanners'
import { Header } from './Header'
import { Nav } from './Nav'
import { NoScreens } from './NoScreens'

/** Every feature's strings in the current language, before the shell first renders. */
export const ready = Promise.all(FEATURES.map((f) => registerNamespace(f.id, f.locales.en, f.locales.others))).then(() => undefined)

export default function BackOffice({ clockWarning }: ShellProps) {
  const { t } = useTranslation()
  const session = useSession((s) => s.session)
  const update = useSession((s) => s.update)
  const role = session?.staff.role ?? 'kiosk'
  const path = useHashPath()
  const nav = navFor(FEATURES, role)
  const match = matchRoute(FEATURES, role, path)
  const events = useEventList()
  const eventId = useSelectedEventId()
  const noEvents = events.data?.length === 0
  const eventSetup = FEATURES.find((f) => f.createsEvents && mayOpen(role, f.routes[0]))

  // Name, role or desk may have changed since this session was stored (or change now, on another desk).
  const me = useApi('staff.me', {}).data
  useEffect(() => {
    if (me) update({ staff: me.staff, deskId: me.deskId, deskName: me.deskName })
  }, [me, update])

  useEffect(() => {
    if (!match && nav[0]) navigate(nav[0].routes[0].path, { replace: true })
  }, [match, nav])

  // An organizer on a desk without events starts with event setup.
  useEffect(() => {
    if (noEvents && eventSetup && match?.feature.eventBound) navigate(eventSetup.routes[0].path, { replace: true })
  }, [noEvents, eventSetup, match])

  let screen
  if (!match) screen = nav.length === 0 ? <NoScreens role={role} /> : null
  else if (!match.feature.eventBound) screen = <match.feature.Screen route={match.route.path} params={match.params} />
  else if (events.error) screen = <Alert color="red">{errorMessage(events.error)}</Alert>
  else if (!events.data) screen = null
  else if (!eventId) screen = <NoEvent />
  // Keyed by event: switching events in the header starts the screen afresh.
  else screen = <match.feature.Screen key={eventId} route={match.route.path} params={match.params} eventId={eventId} />

  return (
    <AppShell header={{ height: 64 }} navbar={nav.length > 0 ? { width: 220, breakpoint: 0 } : undefined} padding="md">
      <AppShell.Header>
        <Header />
      </AppShell.Header>
      {nav.length > 0 && (
        <AppShell.Navbar>
          <Nav features={nav} current={match?.feature.id ?? null} />
        </AppShell.Navbar>
      )}
      <AppShell.Main>
        <Box className="ed-main">
          {clockWarning && (
            <Alert color="yellow" variant="filled" data-testid="clock-warning" mb="md" styles={{ message: { color: 'var(--mantine-color-black)' } }}>
              <Text fw={600} c="black" className="ed-break">
                {t(`header.clockWarning.${clockWarning.cause}`, { minutes: clockWarning.minutesBehind })}
              </Text>
            </Alert>
          )}
          <SyncBanners />
          {role === 'organizer' && <BackupStaleBanner />}
          <Box className="ed-screen">
            <Suspense
              fallback={
                <Center h="100%">
                  <Loader />
                </Center>
              }
            >
              {screen}
            </Suspense>
          </Box>
        </Box>
      </AppShell.Main>
    </AppShell>
  )
}

function NoEvent() {
  const { t } = useTranslation()
  return (
    <Paper withBorder p="xl" maw={640} data-testid="no-event">
      <Stack>
        <Title order={2}>{t('noEvent.title')}</Title>
        <Text>{t('noEvent.body')}</Text>
      </Stack>
    </Paper>
  )
}
