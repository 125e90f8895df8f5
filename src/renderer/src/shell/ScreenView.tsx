import { Paper, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useSession } from '../api/session'
import { AttendeesScreen } from '../features/attendees/AttendeesScreen'
import { AuditScreen } from '../features/audit/AuditScreen'
import { DeskScreen } from '../features/desk/DeskScreen'
import { EventSetup } from '../features/events/EventSetup'
import { useEvents } from '../features/events/store'
import { ImportScreen } from '../features/import/ImportScreen'
import { StaffScreen } from '../features/staff/StaffScreen'
import type { Screen } from './routes'

/** The screen the navigation points at; event-bound screens wait for an event. */
export function ScreenView({ screen }: { screen: Screen }) {
  const { t } = useTranslation()
  const role = useSession((s) => s.session?.staff.role)
  const loaded = useEvents((s) => s.loaded)
  const eventId = useEvents((s) => s.selectedId)
  const hasEvents = useEvents((s) => s.events.length > 0)

  if (screen === 'staff') return <StaffScreen />
  if (screen === 'audit') return <AuditScreen />
  if (screen === 'event') return <EventSetup />
  if (!loaded) return null
  if (!hasEvents || !eventId) {
    // Organizers are sent to set up their first event.
    if (role === 'organizer') return <EventSetup />
    return (
      <Paper withBorder p="xl" maw={640} data-testid="no-event">
        <Stack>
          <Title order={2}>{t('noEvent.title')}</Title>
          <Text>{t('noEvent.body')}</Text>
        </Stack>
      </Paper>
    )
  }
  // Keyed by event: switching events in the header starts each screen afresh.
  if (screen === 'desk') return <DeskScreen key={eventId} eventId={eventId} />
  if (screen === 'attendees') return <AttendeesScreen key={eventId} eventId={eventId} />
  return <ImportScreen key={eventId} eventId={eventId} />
}
