import { Group, Paper, Radio, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { FileStatus, ImportStatusCategory, StatusPlan } from '../../../../shared/contract/attendees'
import { formatNumber } from '../../ui/format'

/** "Refunded (3), Not Attending (2)". */
function valuesOf(statuses: readonly FileStatus[], category: ImportStatusCategory): string {
  return statuses
    .filter((s) => s.category === category && s.value !== '')
    .map((s) => `${s.value} (${formatNumber(s.rows)})`)
    .join(', ')
}

/**
 * The statuses the file uses, by what they mean here: registered ones are
 * imported as such; cancelled ones are imported as cancelled or skipped,
 * pending ones flagged for the door or skipped; values we do not know are
 * imported as registered.
 */
export function StatusChoices({ statuses, plan, onChange }: { statuses: readonly FileStatus[]; plan: StatusPlan; onChange: (plan: StatusPlan) => void }) {
  const { t } = useTranslation(['import', 'app', 'shared'])
  // Without a status column every row is '' (registered): nothing to decide.
  if (!statuses.some((s) => s.value !== '')) return null
  const registered = valuesOf(statuses, 'registered')
  const cancelled = valuesOf(statuses, 'cancelled')
  const pending = valuesOf(statuses, 'pending')
  const unknown = valuesOf(statuses, 'unknown')
  return (
    <Stack gap="xs" data-testid="import-statuses">
      <Title order={5}>{t('statuses.title')}</Title>
      <Paper withBorder p="sm">
        <Stack gap="sm">
          {registered && <Line label={t('statuses.registered')} values={registered} testId="import-status-registered" />}
          {cancelled && (
            <Line label={t('statuses.cancelled')} values={cancelled} testId="import-status-cancelled">
              <Radio.Group value={plan.cancelled} onChange={(v) => onChange({ ...plan, cancelled: v === 'skip' ? 'skip' : 'cancel' })} aria-label={t('statuses.cancelled')}>
                <Group gap="lg" wrap="wrap">
                  <Radio value="cancel" label={t('statuses.importCancelled')} data-testid="import-cancelled-import" />
                  <Radio value="skip" label={t('statuses.skip')} data-testid="import-cancelled-skip" />
                </Group>
              </Radio.Group>
            </Line>
          )}
          {pending && (
            <Line label={t('statuses.pending')} values={pending} testId="import-status-pending">
              <Radio.Group value={plan.pending} onChange={(v) => onChange({ ...plan, pending: v === 'skip' ? 'skip' : 'register' })} aria-label={t('statuses.pending')}>
                <Group gap="lg" wrap="wrap">
                  <Radio value="register" label={t('statuses.importFlagged')} data-testid="import-pending-import" />
                  <Radio value="skip" label={t('statuses.skip')} data-testid="import-pending-skip" />
                </Group>
              </Radio.Group>
            </Line>
          )}
          {unknown && <Line label={t('statuses.unknown')} values={unknown} testId="import-status-unknown" />}
        </Stack>
      </Paper>
    </Stack>
  )
}

function Line({ label, values, testId, children }: { label: string; values: string; testId: string; children?: ReactNode }) {
  return (
    <Stack gap={4} data-testid={testId}>
      <Text size="sm">
        <Text span fw={700} inherit>
          {label}
        </Text>{' '}
        <span className="ed-break">{values}</span>
      </Text>
      {children}
    </Stack>
  )
}
