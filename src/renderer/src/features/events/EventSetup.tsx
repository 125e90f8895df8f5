import { Button, Group, NativeSelect, Paper, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ScreenProps } from '../../router/feature'
import { navigate } from '../../router/hash'
import { buildPath } from '../../router/paths'
import { putEvent, selectEvent, useEventList, useSelectedEventId } from '../../shared/events'
import { formatDate } from '../../ui/format'
import { Screen } from '../../ui/Screen'
import { EventForm } from './EventForm'
import { TicketTypes } from './TicketTypes'

const editPath = (eventId: string) => buildPath('event/:eventId', { eventId })

/**
 * Organizers: create and edit events and their ticket types. `#/event/<id>` edits one, `#/event/new` starts one,
 * `#/event/<id>/ticket-type/<ticketTypeId>` opens one of its ticket types for editing.
 */
export default function EventSetup({ route, params }: ScreenProps) {
  const { t } = useTranslation(['events', 'app', 'shared'])
  const list = useEventList()
  const events = list.data ?? []
  const selectedId = useSelectedEventId()
  // The event being edited; null = a new one.
  const editingId = route === 'event/new' ? null : (params.eventId ?? selectedId)
  const editing = events.find((e) => e.id === editingId) ?? null

  return (
    <Screen title={t('title')} testId="event-setup">
      <Stack gap="lg" maw={980}>
        {list.data && events.length === 0 && (
          <Paper withBorder p="md" bg="blue.0" data-testid="event-first">
            <Text fw={600}>{t('first')}</Text>
          </Paper>
        )}
        {events.length > 0 && (
          <Group align="flex-end" gap="sm">
            <NativeSelect
              label={t('pick')}
              data-testid="event-setup-select"
              value={editing?.id ?? ''}
              onChange={(e) => navigate(e.currentTarget.value ? editPath(e.currentTarget.value) : 'event/new')}
              data={[
                ...(editing === null ? [{ value: '', label: t('newOption') }] : []),
                ...events.map((e) => ({ value: e.id, label: `${e.name} · ${formatDate(e.startDate)}` }))
              ]}
              w={420}
              maw="100%"
            />
            <Button variant="default" onClick={() => navigate('event/new')} data-testid="event-new">
              {t('new')}
            </Button>
          </Group>
        )}
        <Paper withBorder p="md">
          <EventForm
            event={editing}
            onSaved={(saved, created) => {
              putEvent(saved)
              // A new event becomes the one the header (and every screen) works on.
              if (created) selectEvent(saved.id)
              navigate(editPath(saved.id))
            }}
          />
        </Paper>
        {editing && <TicketTypes eventId={editing.id} editId={params.ticketTypeId} />}
      </Stack>
    </Screen>
  )
}
