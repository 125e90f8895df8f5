import { Button, Group, NativeSelect, Paper, Stack, Text } from '@mantine/core'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDate } from '../../ui/format'
import { Screen } from '../../ui/Screen'
import { EventForm } from './EventForm'
import { useEvents } from './store'
import { TicketTypes } from './TicketTypes'

/** Organizers: create and edit events and their ticket types. */
export function EventSetup() {
  const { t } = useTranslation()
  const events = useEvents((s) => s.events)
  const loaded = useEvents((s) => s.loaded)
  const selectedId = useEvents((s) => s.selectedId)
  const select = useEvents((s) => s.select)
  const loadEvents = useEvents((s) => s.loadEvents)
  // The event being edited; null = a new event.
  const [editingId, setEditingId] = useState<string | null>(selectedId)

  useEffect(() => {
    if (loaded && editingId && !events.some((e) => e.id === editingId)) setEditingId(selectedId)
  }, [loaded, events, editingId, selectedId])

  const editing = events.find((e) => e.id === editingId) ?? null

  return (
    <Screen title={t('events.title')} testId="event-setup">
      <Stack gap="lg" maw={980}>
        {loaded && events.length === 0 && (
          <Paper withBorder p="md" bg="blue.0" data-testid="event-first">
            <Text fw={600}>{t('events.first')}</Text>
          </Paper>
        )}
        {events.length > 0 && (
          <Group align="flex-end" gap="sm">
            <NativeSelect
              label={t('events.pick')}
              data-testid="event-setup-select"
              value={editingId ?? ''}
              onChange={(e) => setEditingId(e.currentTarget.value || null)}
              data={[
                ...(editingId === null ? [{ value: '', label: t('events.newOption') }] : []),
                ...events.map((e) => ({ value: e.id, label: `${e.name} · ${formatDate(e.startDate)}` }))
              ]}
              w={420}
              maw="100%"
            />
            <Button variant="default" onClick={() => setEditingId(null)} data-testid="event-new">
              {t('events.new')}
            </Button>
          </Group>
        )}
        <Paper withBorder p="md">
          <EventForm
            event={editing}
            onSaved={async (saved, created) => {
              await loadEvents()
              // A new event becomes the one the header (and every screen) works on.
              if (created) select(saved.id)
              setEditingId(saved.id)
            }}
          />
        </Paper>
        {editing && <TicketTypes eventId={editing.id} />}
      </Stack>
    </Screen>
  )
}
