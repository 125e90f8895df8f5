import { Badge, Group, Stack, Text, Timeline } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ChangeEntry } from '../../../../shared/contract/audit'
import type { CheckinHistoryEntry } from '../../../../shared/contract/checkin'
import type { TicketTypeRow } from '../../../../shared/contract/events'
import { formatDateTime } from '../../ui/format'
import { actionLabel, columnLabel, describeValue, visibleColumns } from '../labels'

type Item =
  | { kind: 'change'; at: string; entry: ChangeEntry }
  | { kind: 'checkin'; at: string; entry: CheckinHistoryEntry }

/** Who changed what, from which desk, and every check-in and undo, newest first. */
export function AttendeeHistory({ history, ticketTypes }: { history: { changes: ChangeEntry[]; checkins: CheckinHistoryEntry[] }; ticketTypes: Map<string, TicketTypeRow> }) {
  const { t } = useTranslation()
  const items: Item[] = [
    ...history.changes.map((entry) => ({ kind: 'change' as const, at: entry.at, entry })),
    ...history.checkins.map((entry) => ({ kind: 'checkin' as const, at: entry.at, entry }))
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))

  const who = (staff: string | null, desk: string | null) =>
    t('history.who', { staff: staff ?? t('common.unknownStaff'), desk: desk ?? t('common.unknownDesk') })

  const ticketTypeName = (id: string) => ticketTypes.get(id)?.name

  if (items.length === 0) return <Text c="dimmed">{t('history.empty')}</Text>

  return (
    <Timeline bulletSize={14} lineWidth={2}>
      {items.map((item, i) => (
        <Timeline.Item
          key={i}
          data-testid="history-item"
          color={item.kind === 'checkin' ? (item.entry.kind === 'in' ? 'green' : 'orange') : 'blue'}
          title={
            <Group gap="xs" wrap="wrap">
              <Text fw={700} size="sm">
                {item.kind === 'checkin'
                  ? t(item.entry.kind === 'in' ? 'history.checkedIn' : 'history.undone')
                  : item.entry.op === 'insert'
                    ? t('history.created')
                    : actionLabel(item.entry.action)}
              </Text>
              {item.kind === 'checkin' && item.entry.kind === 'in' && (
                <Badge size="xs" variant="light" color="gray">
                  {describeValue('checkins', 'method', item.entry.method)}
                </Badge>
              )}
            </Group>
          }
        >
          <Text size="xs" c="dimmed">
            {formatDateTime(item.at)} · {who(item.entry.staffName, item.entry.deskName)}
          </Text>
          {item.kind === 'change' && item.entry.op === 'update' && (
            <Stack gap={0} mt={4}>
              {visibleColumns(item.entry.data).map((column) => (
                <Text size="sm" key={column} className="ed-break">
                  <b>{columnLabel(item.entry.table, column)}:</b> {describeValue(item.entry.table, column, item.entry.data[column], { ticketTypeName, currency: item.entry.currency })}
                </Text>
              ))}
            </Stack>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  )
}
