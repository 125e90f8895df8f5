import { Button, Group, Stack, Text, Title } from '@mantine/core'
import { useCallback, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AttendeeFilter } from '../../../../shared/contract/attendees'
import { call } from '../../api/client'
import { useLiveRefresh } from '../../api/live'
import { formatNumber } from '../../ui/format'
import { notifyError, notifySuccess } from '../../ui/notify'
import { useTicketTypeMap } from '../events/store'
import { AttendeeFilters, NO_FILTER, type FilterValues } from './AttendeeFilters'
import { AttendeeTable } from './AttendeeTable'
import { useDetail } from './detailStore'
import { downloadExport } from './download'
import { useAttendeePages } from './useAttendeePages'

function toFilter(eventId: string, v: FilterValues): AttendeeFilter {
  return {
    eventId,
    ...(v.query.trim() ? { query: v.query.trim() } : {}),
    ...(v.status ? { status: v.status } : {}),
    ...(v.ticketTypeId ? { ticketTypeId: v.ticketTypeId } : {}),
    ...(v.checkedIn ? { checkedIn: v.checkedIn === 'yes' } : {})
  }
}

export function AttendeesScreen({ eventId }: { eventId: string }) {
  const { t } = useTranslation()
  const [values, setValues] = useState<FilterValues>(NO_FILTER)
  const filter = useMemo(() => toFilter(eventId, values), [eventId, values])
  const { total, rowAt, ensure, refresh } = useAttendeePages(filter)
  const ticketTypes = useTicketTypeMap()
  const openDetail = useDetail((s) => s.open)
  const [exporting, setExporting] = useState<'xlsx' | 'csv' | null>(null)

  useLiveRefresh(['attendees', 'checkins'], eventId, refresh, 400)

  const doExport = useCallback(
    async (format: 'xlsx' | 'csv') => {
      setExporting(format)
      try {
        const file = await call('attendee.export', { ...filter, format })
        downloadExport(file)
        notifySuccess(t('attendees.exported', { count: file.rows, n: formatNumber(file.rows), file: file.fileName }))
      } catch (err) {
        notifyError(err)
      } finally {
        setExporting(null)
      }
    },
    [filter, t]
  )

  return (
    <Stack gap="md" h="100%" style={{ minHeight: 0 }}>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="md" align="baseline">
          <Title order={2}>{t('attendees.title')}</Title>
          <Text size="lg" fw={600} data-testid="attendees-total" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {total === null ? t('common.loading') : t('attendees.total', { count: total, n: formatNumber(total) })}
          </Text>
        </Group>
        <Group gap="sm">
          <Button variant="default" loading={exporting === 'xlsx'} disabled={exporting !== null} onClick={() => void doExport('xlsx')} data-testid="export-xlsx">
            {t('attendees.exportXlsx')}
          </Button>
          <Button variant="default" loading={exporting === 'csv'} disabled={exporting !== null} onClick={() => void doExport('csv')} data-testid="export-csv">
            {t('attendees.exportCsv')}
          </Button>
        </Group>
      </Group>
      <AttendeeFilters value={values} onChange={setValues} />
      <AttendeeTable
        total={total ?? 0}
        rowAt={rowAt}
        ensure={ensure}
        ticketTypes={ticketTypes}
        onOpen={openDetail}
        resetKey={JSON.stringify(filter)}
      />
      {total === 0 && (
        <Text c="dimmed" data-testid="attendees-empty">
          {t('attendees.empty')}
        </Text>
      )}
    </Stack>
  )
}
