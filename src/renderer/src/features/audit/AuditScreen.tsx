import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core'
import { useInfiniteQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { ChangeEntry } from '../../../../shared/contract/audit'
import type { ApiError } from '../../../../shared/errors'
import { call, errorMessage } from '../../api/client'
import { apiKey } from '../../api/query'
import { useTicketTypeMap } from '../../shared/events'
import { actionLabel, columnLabel, describeValue, subjectOf, tableLabel, visibleColumns } from '../../shared/labels'
import { formatDateTime } from '../../ui/format'
import { Screen } from '../../ui/Screen'

const PAGE = 100
/** What a new row says besides its subject: how someone was let in or paid, a role, a price. */
const SHOWN_ON_INSERT = new Set(['method', 'role', 'payment_method', 'amount_cents', 'price_cents'])

/** Organizers: every change on this desk (and those synced from others), newest first, live. */
export default function AuditScreen() {
  const { t } = useTranslation(['audit', 'app', 'shared'])
  const list = useInfiniteQuery<ChangeEntry[], ApiError>({
    queryKey: apiKey('audit.list', { limit: PAGE }),
    queryFn: ({ pageParam }) => call('audit.list', { limit: PAGE, ...(typeof pageParam === 'string' ? { before: pageParam } : {}) }),
    initialPageParam: null,
    getNextPageParam: (last) => (last.length < PAGE ? undefined : last[last.length - 1]?.hlc)
  })
  const entries = list.data?.pages.flat() ?? []

  return (
    <Screen title={t('title')}>
      <Stack gap="xs" data-testid="audit-list" maw={1100}>
        {entries.map((entry) => (
          <AuditEntry key={entry.hlc} entry={entry} />
        ))}
        {list.data && entries.length === 0 && <Text c="dimmed">{t('empty')}</Text>}
        {list.error && <Alert color="red">{errorMessage(list.error)}</Alert>}
        {list.hasNextPage && (
          <Group justify="center" py="sm">
            <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} data-testid="audit-more">
              {t('more')}
            </Button>
          </Group>
        )}
      </Stack>
    </Screen>
  )
}

function AuditEntry({ entry }: { entry: ChangeEntry }) {
  const { t } = useTranslation(['audit', 'app', 'shared'])
  const ticketTypes = useTicketTypeMap()
  const columns = visibleColumns(entry.data)
  // Who or what the row is, as the core names it now (a check-in: the person let in); else what the change itself says.
  const subject = entry.subject ?? subjectOf(entry.data)
  // New rows: who or what was created. Changes: which fields, and their new values (amounts in their currency).
  const context = { ticketTypeName: (id: string) => ticketTypes.get(id)?.name, currency: entry.currency }
  const values = columns
    .filter((c) => entry.op === 'update' || SHOWN_ON_INSERT.has(c))
    .map((c) => `${columnLabel(entry.table, c)}: ${describeValue(entry.table, c, entry.data[c], context)}`)
    .join(' · ')
  const summary = values && (entry.op === 'insert' ? values : t('fields', { fields: values }))
  return (
    <Paper withBorder px="md" py="xs" data-testid="audit-entry">
      <Group justify="space-between" wrap="nowrap" gap="md" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Text fw={700} className="ed-ellipsis">
              {actionLabel(entry.action)}
            </Text>
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {t('onTable', { table: tableLabel(entry.table), op: t(`op.${entry.op}`) })}
            </Text>
          </Group>
          {(subject || summary) && (
            <Text size="sm" className="ed-ellipsis" title={[subject, summary].filter(Boolean).join(' · ')}>
              {subject && (
                <Text span fw={600} size="sm" data-testid="audit-subject">
                  {subject}
                </Text>
              )}
              {subject && summary && ' · '}
              {summary && <span data-testid="audit-values">{summary}</span>}
            </Text>
          )}
        </Stack>
        <Stack gap={2} align="flex-end" style={{ flex: '0 0 auto', maxWidth: '45%' }}>
          <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(entry.at)}
          </Text>
          <Text size="sm" c="dimmed" className="ed-ellipsis" maw="100%">
            {t('app:history.who', { staff: entry.staffName ?? t('system'), desk: entry.deskName ?? t('app:common.unknownDesk') })}
          </Text>
        </Stack>
      </Group>
    </Paper>
  )
}
