import { Group, Paper, Progress, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useCounters } from '../../shared/checkin/counters'
import { formatNumber } from '../../ui/format'

function percent(part: number, whole: number): number {
  return whole > 0 ? Math.min(100, (part / whole) * 100) : 0
}

/** Checked in vs expected, in total and per ticket type, live. */
export function CountersPanel({ eventId }: { eventId: string }) {
  const { t } = useTranslation(['desk', 'app', 'shared'])
  const counters = useCounters(eventId).data
  return (
    <Paper withBorder p="md" data-testid="counters">
      <Stack gap="sm">
        <Title order={4}>{t('counters.title')}</Title>
        {counters ? (
          <>
            <Group justify="space-between" align="baseline" wrap="nowrap">
              <Text fw={800} fz={32} lh={1} data-testid="counters-total" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {formatNumber(counters.checkedIn)}
              </Text>
              <Text c="dimmed" size="sm">
                {t('counters.ofExpected', { expected: formatNumber(counters.expected) })}
              </Text>
            </Group>
            <Progress value={percent(counters.checkedIn, counters.expected)} size="lg" aria-label={t('counters.title')} />
            {counters.byTicketType.map((row) => (
              <Stack gap={4} key={row.ticketTypeId} data-testid="counters-row">
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
                    <span aria-hidden style={{ width: 12, height: 12, borderRadius: 3, background: row.color, flex: '0 0 auto' }} />
                    <Text size="sm" fw={600} className="ed-ellipsis" title={row.name}>
                      {row.name}
                    </Text>
                  </Group>
                  <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                    {formatNumber(row.checkedIn)} / {formatNumber(row.expected)}
                  </Text>
                </Group>
                <Progress value={percent(row.checkedIn, row.expected)} color={row.color} size="md" aria-label={row.name} />
              </Stack>
            ))}
            {counters.byTicketType.length === 0 && <Text c="dimmed">{t('counters.noTicketTypes')}</Text>}
          </>
        ) : (
          <Text c="dimmed">{t('app:common.loading')}</Text>
        )}
      </Stack>
    </Paper>
  )
}
