import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core'
import { useCallback, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AttendeeFilter } from '../../../../shared/contract/attendees'
import { call, errorMessage } from '../../api/client'
import { useSession } from '../../api/session'
import { currentLanguage } from '../../i18n'
import { rolesFor, type EventScreenProps } from '../../router/feature'
import { navigate } from '../../router/hash'
import { buildPath } from '../../router/paths'
import { AttendeeDrawer } from '../../shared/attendee/AttendeeDrawer'
import { useTicketTypeMap } from '../../shared/events'
import { formatNumber } from '../../ui/format'
import { notifyError, notifySuccess } from '../../ui/notify'
import { AttendeeFilters, NO_FILTER, type FilterValues } from './AttendeeFilters'
import { AttendeeTable } from './AttendeeTable'
import { downloadExport } from '../../shared/download'
import { useAttendeePages } from './useAttendeePages'

/** Languages whose spreadsheets expect ';' between CSV fields (a decimal comma is theirs). */
const SEMICOLON_LANGUAGES = new Set(['nl', 'de', 'fr', 'es', 'it', 'pl'])

function toFilter(eventId: string, v: FilterValues): AttendeeFilter {
  return {
    eventId,
    ...(v.query.trim() ? { query: v.query.trim() } : {}),
    ...(v.status ? { status: v.status } : {}),
    ...(v.ticketTypeId ? { ticketTypeId: v.ticketTypeId } : {}),
    ...(v.checkedIn ? { checkedIn: v.checkedIn === 'yes' } : {}),
    ...(v.invalidEmail ? { invalidEmail: true } : {}),
    ...(v.attention ? { attention: true } : {})
  }
}

export default function AttendeesScreen({ eventId, params }: EventScreenProps) {
  const { t } = useTranslation(['attendees', 'app', 'shared'])
  const [values, setValues] = useState<FilterValues>(NO_FILTER)
  const filter = useMemo(() => toFilter(eventId, values), [eventId, values])
  const { total, rowAt, ensure, error } = useAttendeePages(filter)
  const ticketTypes = useTicketTypeMap()
  const openDetail = useCallback((attendeeId: string) => navigate(buildPath('attendees/:attendeeId', { attendeeId })), [])
  const [exporting, setExporting] = useState<'xlsx' | 'csv' | null>(null)
  // Exports carry everyone's personal data: only roles the contract lets export see the buttons.
  const role = useSession((s) => s.session?.staff.role)
  const mayExport = role !== undefined && rolesFor(['attendee.export']).includes(role)

  const doExport = useCallback(
    async (format: 'xlsx' | 'csv') => {
      setExporting(format)
      try {
        // Headers and statuses in the operator's language.
        const language = currentLanguage()
        const delimiter = SEMICOLON_LANGUAGES.has(language) ? (';' as const) : (',' as const)
        const file = await call('attendee.export', { ...filter, format, language, ...(format === 'csv' ? { delimiter } : {}) })
        downloadExport(file)
        notifySuccess(t('exported', { count: file.rows, n: formatNumber(file.rows), file: file.fileName }))
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
          <Title order={2}>{t('title')}</Title>
          <Text size="lg" fw={600} data-testid="attendees-total" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {total === null ? t('app:common.loading') : t('total', { count: total, n: formatNumber(total) })}
          </Text>
        </Group>
        {mayExport && (
          <Group gap="sm">
            <Button variant="default" loading={exporting === 'xlsx'} disabled={exporting !== null} onClick={() => void doExport('xlsx')} data-testid="export-xlsx">
              {t('exportXlsx')}
            </Button>
            <Button variant="default" loading={exporting === 'csv'} disabled={exporting !== null} onClick={() => void doExport('csv')} data-testid="export-csv">
              {t('exportCsv')}
            </Button>
          </Group>
        )}
      </Group>
      <AttendeeFilters value={values} onChange={setValues} />
      {error && <Alert color="red">{errorMessage(error)}</Alert>}
      <AttendeeTable total={total ?? 0} rowAt={rowAt} ensure={ensure} ticketTypes={ticketTypes} onOpen={openDetail} resetKey={JSON.stringify(filter)} />
      {total === 0 && (
        <Text c="dimmed" data-testid="attendees-empty">
          {t('empty')}
        </Text>
      )}
      <AttendeeDrawer attendeeId={params.attendeeId ?? null} onClose={() => navigate('attendees')} onOpenAttendee={openDetail} />
    </Stack>
  )
}
