import { NativeSelect } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useEvents } from '../features/events/store'

export function EventPicker() {
  const { t } = useTranslation()
  const events = useEvents((s) => s.events)
  const selectedId = useEvents((s) => s.selectedId)
  const select = useEvents((s) => s.select)
  return (
    <NativeSelect
      aria-label={t('header.event')}
      data-testid="event-select"
      value={selectedId ?? ''}
      onChange={(e) => select(e.currentTarget.value || null)}
      data={
        events.length === 0
          ? [{ value: '', label: t('header.noEvent') }]
          : events.map((e) => ({ value: e.id, label: e.name }))
      }
      size="sm"
      w={{ base: 160, lg: 260 }}
      styles={{ input: { textOverflow: 'ellipsis' } }}
    />
  )
}
