import { NativeSelect } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { selectEvent, useEventList, useSelectedEventId } from '../../shared/events'

export function EventPicker() {
  const { t } = useTranslation()
  const events = useEventList().data ?? []
  const selectedId = useSelectedEventId()
  return (
    <NativeSelect
      aria-label={t('header.event')}
      data-testid="event-select"
      value={selectedId ?? ''}
      onChange={(e) => selectEvent(e.currentTarget.value || null)}
      data={events.length === 0 ? [{ value: '', label: t('header.noEvent') }] : events.map((e) => ({ value: e.id, label: e.name }))}
      size="sm"
      w={{ base: 160, lg: 240 }}
      styles={{ input: { textOverflow: 'ellipsis' } }}
    />
  )
}
