import { Badge, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../api/query'
import { useSession } from '../../api/session'
import { matchRoute, rolesFor } from '../../router/feature'
import { href } from '../../router/hash'
import { FEATURES } from '../../features'
import { formatNumber } from '../../ui/format'

const CONFLICTS_PATH = 'conflicts'

/**
 * "⚠ 2 conflicts" in the header while the event has open conflicts, for roles
 * that may count them; a link to the conflicts screen for those who may open it
 * (organizers), a plain badge for the others.
 */
export function ConflictBadge({ eventId }: { eventId: string | null }) {
  const { t } = useTranslation()
  const role = useSession((s) => s.session?.staff.role)
  const mayCount = role !== undefined && rolesFor(['conflict.count']).includes(role)
  const count = useApi('conflict.count', mayCount && eventId ? { eventId } : null).data
  if (!role || !count || count.open === 0) return null
  const label = t('header.conflicts', { count: count.open, n: formatNumber(count.open) })
  const mayOpen = matchRoute(FEATURES, role, CONFLICTS_PATH) !== null
  return (
    <Badge
      component={mayOpen ? 'a' : 'span'}
      href={mayOpen ? href(CONFLICTS_PATH) : undefined}
      color="orange.8"
      size="lg"
      radius="sm"
      tt="none"
      title={t('header.conflictsTitle')}
      aria-label={label}
      data-testid="header-conflicts"
      style={{ flex: '0 0 auto', cursor: mayOpen ? 'pointer' : 'default' }}
    >
      {/* The count alone where the header is narrow; the title says the rest. */}
      <Text span inherit hiddenFrom="xl">
        ⚠ {formatNumber(count.open)}
      </Text>
      <Text span inherit visibleFrom="xl">
        ⚠ {label}
      </Text>
    </Badge>
  )
}
