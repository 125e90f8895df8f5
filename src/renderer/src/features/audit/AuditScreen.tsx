import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChangeEntry } from '../../../../shared/contract/audit'
import { call, errorMessage } from '../../api/client'
import { actionLabel, columnLabel, describeValue, subjectOf, visibleColumns } from '../../ui/changes'
import { useTicketTypeMap } from '../events/store'
import { formatDateTime } from '../../ui/format'
import { Screen } from '../../ui/Screen'

const PAGE = 100

/** Organizers: every change on this desk (and those synced from others), newest first. */
export function AuditScreen() {
  const { t } = useTranslation()
  const [entries, setEntries] = useState<ChangeEntry[]>([])
  const [done, setDone] = useState(false)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const loadingRef = useRef(false)

  const load = useCallback(async (before?: string) => {
    if (loadingRef.current) return
    loadingRef.current = true
    setLoading(true)
    setError(null)
    try {
      const page = await call('audit.list', { limit: PAGE, ...(before ? { before } : {}) })
      setEntries((prev) => (before ? [...prev, ...page] : page))
      setDone(page.length < PAGE)
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      loadingRef.current = false
      setLoading(false)
    }
  }, [])

  useEffect(() => {
    void load()
  }, [load])

  const last = entries[entries.length - 1]

  return (
    <Screen
      title={t('audit.title')}
      actions={
        <Button variant="default" onClick={() => void load()} data-testid="audit-refresh">
          {t('audit.refresh')}
        </Button>
      }
    >
      <Stack gap="xs" data-testid="audit-list" maw={1100}>
        {entries.map((entry) => (
          <AuditEntry key={entry.hlc} entry={entry} />
        ))}
        {entries.length === 0 && !loading && !error && <Text c="dimmed">{t('audit.empty')}</Text>}
        {error && <Alert color="red">{error}</Alert>}
        {!done && last && (
          <Group justify="center" py="sm">
            <Button variant="default" loading={loading} onClick={() => void load(last.hlc)} data-testid="audit-more">
              {t('audit.more')}
            </Button>
          </Group>
        )}
      </Stack>
    </Screen>
  )
}

function AuditEntry({ entry }: { entry: ChangeEntry }) {
  const { t } = useTranslation()
  const columns = visibleColumns(entry.data)
  const subject = subjectOf(entry.data)
  // New rows: who or what was created. Changes: which fields, and their new values.
  const ticketTypes = useTicketTypeMap()
  const name = (id: string) => ticketTypes.get(id)?.name
  const values = columns
    .filter((c) => entry.op === 'update' || c === 'method' || c === 'role')
    .map((c) => `${columnLabel(t, c)}: ${describeValue(t, c, entry.data[c], name)}`)
    .join(' · ')
  const summary = entry.op === 'insert' ? [subject, values].filter(Boolean).join(' · ') : values
  return (
    <Paper withBorder px="md" py="xs" data-testid="audit-entry">
      <Group justify="space-between" wrap="nowrap" gap="md" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Text fw={700} className="ed-ellipsis">
              {actionLabel(t, entry.action)}
            </Text>
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {t('audit.onTable', { table: t(`tables.${entry.table}`, { defaultValue: entry.table }), op: t(`audit.op.${entry.op}`) })}
            </Text>
          </Group>
          {summary && (
            <Text size="sm" className="ed-ellipsis" title={summary}>
              {entry.op === 'insert' ? summary : t('audit.fields', { fields: summary })}
            </Text>
          )}
        </Stack>
        <Stack gap={2} align="flex-end" style={{ flex: '0 0 auto', maxWidth: '45%' }}>
          <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(entry.at)}
          </Text>
          <Text size="sm" c="dimmed" className="ed-ellipsis" maw="100%">
            {t('history.who', { staff: entry.staffName ?? t('audit.system'), desk: entry.deskName ?? t('common.unknownDesk') })}
          </Text>
        </Stack>
      </Group>
    </Paper>
  )
}
