import { Alert, Paper, Stack, Switch, Text } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CONFLICT_KINDS, type Conflict } from '../../../../shared/contract/conflicts'
import { errorMessage } from '../../api/client'
import { useApi } from '../../api/query'
import type { EventScreenProps } from '../../router/feature'
import { formatNumber } from '../../ui/format'
import { Screen } from '../../ui/Screen'
import { ConflictCard } from './ConflictCard'

/** Open ones first, then by kind in the contract's order (a code two people hold stops people at the door). */
function ordered(conflicts: readonly Conflict[]): Conflict[] {
  const rank = (c: Conflict) => (c.acknowledged ? CONFLICT_KINDS.length : 0) + CONFLICT_KINDS.indexOf(c.kind)
  return [...conflicts].sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : 1))
}

/** Organizers: the event's conflicts, each explained, with what resolves it. */
export default function ConflictsScreen({ eventId }: EventScreenProps) {
  const { t } = useTranslation(['conflicts', 'app', 'shared'])
  const [showAcknowledged, setShowAcknowledged] = useState(false)
  const list = useApi('conflict.list', { eventId, includeAcknowledged: showAcknowledged })
  const conflicts = ordered(list.data ?? [])
  const open = conflicts.filter((c) => !c.acknowledged).length

  return (
    <Screen
      title={t('title')}
      testId="conflicts-screen"
      actions={
        <Switch
          label={t('showAcknowledged')}
          checked={showAcknowledged}
          onChange={(e) => setShowAcknowledged(e.currentTarget.checked)}
          data-testid="conflicts-show-acknowledged"
        />
      }
    >
      <Stack gap="md" maw={1100}>
        <Text c="dimmed">{t('intro')}</Text>
        {list.data && open > 0 && (
          <Text fw={700} data-testid="conflicts-open">
            {t('open', { count: open, n: formatNumber(open) })}
          </Text>
        )}
        {list.error && <Alert color="red">{errorMessage(list.error)}</Alert>}
        {list.data && conflicts.length === 0 && (
          <Paper withBorder p="lg" bg="green.0" data-testid="conflicts-empty">
            <Text fw={600}>{t(showAcknowledged ? 'noneAtAll' : 'none')}</Text>
          </Paper>
        )}
        {conflicts.map((conflict) => (
          <ConflictCard key={conflict.id} conflict={conflict} eventId={eventId} />
        ))}
      </Stack>
    </Screen>
  )
}
