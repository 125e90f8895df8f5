import { Alert, AppShell, Box, Text } from '@mantine/core'
import { useCallback, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { ClockWarning } from '../../../shared/contract/desk'
import { STAFF_ROLES } from '../../../shared/roles'
import { call } from '../api/client'
import { useLiveRefresh } from '../api/live'
import { useSession } from '../api/session'
import { AttendeeDetail } from '../features/attendees/AttendeeDetail'
import { useCountersSync } from '../features/desk/counters'
import { useEvents } from '../features/events/store'
import { Header } from './Header'
import { Nav } from './Nav'
import { NoScreens } from './NoScreens'
import { ScreenView } from './ScreenView'
import { navigate, screensFor, useHashScreen } from './routes'

export function Shell({ clockWarning }: { clockWarning: ClockWarning | null }) {
  const { t } = useTranslation()
  const session = useSession((s) => s.session)
  const update = useSession((s) => s.update)
  const token = session?.token ?? null
  const role = session?.staff.role ?? 'kiosk'
  const screens = screensFor(role)
  const hashScreen = useHashScreen()
  const selectedId = useEvents((s) => s.selectedId)
  const loadEvents = useEvents((s) => s.loadEvents)
  const loadTicketTypes = useEvents((s) => s.loadTicketTypes)
  const canCount = (STAFF_ROLES.checkin as readonly string[]).includes(role)

  useEffect(() => {
    if (!token) return
    void loadEvents()
    // Name, role or desk may have changed since this session was stored.
    call('staff.me', {})
      .then((me) => update({ staff: me.staff, deskId: me.deskId, deskName: me.deskName }))
      .catch(() => undefined)
  }, [token, loadEvents, update])

  useLiveRefresh(['events'], null, useCallback(() => void loadEvents(), [loadEvents]))
  useLiveRefresh(['ticket_types'], selectedId, useCallback(() => void loadTicketTypes(), [loadTicketTypes]))
  useCountersSync(selectedId, canCount)

  const eventsLoaded = useEvents((s) => s.loaded)
  const noEvents = useEvents((s) => s.events.length === 0)
  // An organizer on a desk without events starts with event setup.
  useEffect(() => {
    if (eventsLoaded && noEvents && role === 'organizer') navigate('event')
  }, [eventsLoaded, noEvents, role])

  const screen = hashScreen && screens.includes(hashScreen) ? hashScreen : (screens[0] ?? null)
  const hasNav = screens.length > 0

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={hasNav ? { width: 200, breakpoint: 0 } : undefined}
      padding="md"
    >
      <AppShell.Header>
        <Header />
      </AppShell.Header>
      {hasNav && (
        <AppShell.Navbar>
          <Nav screens={screens} current={screen} />
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
          <Box className="ed-screen">{screen ? <ScreenView screen={screen} /> : <NoScreens role={role} />}</Box>
        </Box>
      </AppShell.Main>
      {(STAFF_ROLES.desk as readonly string[]).includes(role) && <AttendeeDetail />}
    </AppShell>
  )
}
