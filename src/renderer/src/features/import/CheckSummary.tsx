import { Alert, Paper, ScrollArea, Stack, Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ImportCheckResult, RowIssue } from '../../../../shared/contract/attendees'
import { formatNumber } from '../../ui/format'

/** What the check found: how many rows are ready, and the problems line by line. */
export function CheckSummary({ check }: { check: ImportCheckResult }) {
  const { t, i18n } = useTranslation(['import', 'app', 'shared'])
  // The core's English sentence is the fallback for a problem this UI has no text for.
  const issueText = (issue: RowIssue) =>
    i18n.exists(`shared:importIssues.${issue.code}`)
      ? t(`shared:importIssues.${issue.code}`, { ...issue.params, field: issue.field ? t(`shared:importFields.${issue.field}`) : '' })
      : issue.message
  return (
    <Stack gap="sm">
      <Alert color={check.issueCount > 0 ? 'yellow' : 'green'} variant="light" data-testid="import-summary">
        <Text fw={700} size="lg">
          {t('summary', {
            ready: formatNumber(check.ready),
            issues: formatNumber(check.issueCount),
            duplicates: formatNumber(check.existingDuplicates)
          })}
        </Text>
      </Alert>
      {check.issues.length > 0 && (
        <Paper withBorder data-testid="import-issues">
          <ScrollArea.Autosize mah={320} type="auto">
            <Table fz="sm" striped stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={80}>{t('line')}</Table.Th>
                  <Table.Th>{t('problem')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {check.issues.map((issue, i) => (
                  <Table.Tr key={i} data-testid="import-issue">
                    <Table.Td>{issue.line}</Table.Td>
                    <Table.Td className="ed-break">{issueText(issue)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          {check.issueCount > check.issues.length && (
            <Text size="sm" c="dimmed" p="xs">
              {t('issuesCapped', { shown: formatNumber(check.issues.length), total: formatNumber(check.issueCount) })}
            </Text>
          )}
        </Paper>
      )}
    </Stack>
  )
}
