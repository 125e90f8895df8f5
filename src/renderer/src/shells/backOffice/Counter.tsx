import { Group, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useCounters } from '../../shared/checkin/counters'

/** "312 / 2000" checked in, live. Plain digits so it reads the same in every language. */
export function Counter({ eventId }: { eventId: string | null }) {
  const { t } = useTranslation()
  const counters = useCounters(eventId).data
  return (
    <Group gap={6} wrap="nowrap" title={t('header.counterTitle')}>
      <Text size="sm" c="dimmed" visibleFrom="xl" style={{ whiteSpace: 'nowrap' }}>
        {t('header.checkedIn')}
      </Text>
      <Text fw={800} size="lg" data-testid="counter-checked-in" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
        {counters ? `${counters.checkedIn} / ${counters.expected}` : '– / –'}
      </Text>
    </Group>
  )
}
