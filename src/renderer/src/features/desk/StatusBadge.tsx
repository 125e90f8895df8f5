import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { AttendeeStatus } from '../../../../shared/contract/attendees'

const COLOR: Record<AttendeeStatus, string> = { registered: 'gray', cancelled: 'red', no_show: 'orange', merged: 'violet' }

export function StatusBadge({ status, hideRegistered = false }: { status: AttendeeStatus; hideRegistered?: boolean }) {
  const { t } = useTranslation()
  if (hideRegistered && status === 'registered') return null
  return (
    <Badge color={COLOR[status]} variant={status === 'registered' ? 'light' : 'filled'} size="md" radius="sm" data-testid="status-badge" data-status={status}>
      {t(`status.${status}`)}
    </Badge>
  )
}
