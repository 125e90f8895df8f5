import { Alert, Badge, Checkbox, Paper, ScrollArea, SimpleGrid, Stack, Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ImportCheckResult, RowIssue } from '../../../../shared/contract/attendees'
import { formatNumber } from '../../ui/format'

const COUNTS = [
  ['ready', 'green.9'],
  ['issueCount', 'red.9'],
  ['warningCount', 'orange.9'],
  ['existingDuplicates', 'dark'],
  ['skippedByStatus', 'dark']
] as const

const SEVERITY = {
  error: { color: 'red', row: 'var(--mantine-color-red-0)' },
  warning: { color: 'yellow', row: 'var(--mantine-color-yellow-0)' }
} as const

interface Props {
  check: ImportCheckResult
  allowOverCapacity: boolean
  onAllowOverCapacity: (allow: boolean) => void
}

/**
 * What the check found: rows ready, kept out by an error, imported with a
 * warning, already registered, skipped by their status; the problems line by
 * line; ticket types the import would take past their capacity.
 */
export function CheckSummary({ check, allowOverCapacity, onAllowOverCapacity }: Props) {
  const { t, i18n } = useTranslation(['import', 'app', 'shared'])
  // The core's English sentence is the fallback for a problem this UI has no text for.
  const issueText = (issue: RowIssue) =>
    i18n.exists(`shared:importIssues.${issue.code}`)
      ? t(`shared:importIssues.${issue.code}`, { ...issue.params, field: issue.field ? t(`shared:importFields.${issue.field}`) : '' })
      : issue.message
  const shownCount = check.issues.length
  const total = check.issueCount + check.warningCount
  return (
    <Stack gap="sm">
      <Paper withBorder p="sm" bg={check.issueCount > 0 ? 'yellow.0' : 'green.0'} data-testid="import-summary">
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
          {COUNTS.map(([key, color]) => (
            <Stack gap={0} key={key} data-testid={`import-summary-${key}`}>
              <Text fz={24} fw={800} c={check[key] > 0 ? color : 'dimmed'} style={{ fontVariantNumeric: 'tabular-nums' }}>
                {formatNumber(check[key])}
              </Text>
              <Text size="sm">{t(`summary.${key}`, { count: check[key] })}</Text>
            </Stack>
          ))}
        </SimpleGrid>
      </Paper>

      {check.overCapacity.length > 0 && (
        <Alert color="orange" title={t('overCapacity.title')} data-testid="import-over-capacity">
          <Stack gap="xs">
            {check.overCapacity.map((o) => (
              <Text size="sm" key={o.ticketTypeId} data-testid="import-over-capacity-type">
                {t('overCapacity.line', {
                  name: o.name,
                  capacity: formatNumber(o.capacity),
                  registered: formatNumber(o.registered),
                  adding: formatNumber(o.adding)
                })}
              </Text>
            ))}
            <Checkbox
              label={t('overCapacity.allow')}
              checked={allowOverCapacity}
              onChange={(e) => onAllowOverCapacity(e.currentTarget.checked)}
              data-testid="import-allow-over-capacity"
            />
          </Stack>
        </Alert>
      )}

      {shownCount > 0 && (
        <Paper withBorder data-testid="import-issues">
          <ScrollArea.Autosize mah={320} type="auto">
            <Table fz="sm" stickyHeader layout="fixed">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={80}>{t('line')}</Table.Th>
                  <Table.Th w={150}>{t('severity.title')}</Table.Th>
                  <Table.Th>{t('problem')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {check.issues.map((issue, i) => (
                  <Table.Tr key={i} data-testid="import-issue" data-severity={issue.severity} style={{ background: SEVERITY[issue.severity].row }}>
                    <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{issue.line}</Table.Td>
                    <Table.Td>
                      <Badge color={SEVERITY[issue.severity].color} variant={issue.severity === 'error' ? 'filled' : 'light'} radius="sm" tt="none" maw="100%" title={t(`severity.${issue.severity}`)}>
                        {t(`severity.${issue.severity}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td className="ed-break">{issueText(issue)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          {total > shownCount && (
            <Text size="sm" c="dimmed" p="xs">
              {t('issuesCapped', { shown: formatNumber(shownCount), total: formatNumber(total) })}
            </Text>
          )}
        </Paper>
      )}
    </Stack>
  )
}
