import { Alert, Button, Group, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { MessageParams } from '../../../../shared/errors'

/**
 * An organizer's choice when a move or a status change would take a ticket
 * type past its capacity: go over it (the conflicts list then shows the ticket
 * type until its capacity is raised or people move out), or leave it.
 */
export function OverCapacityConfirm({ params, busy, onConfirm, onKeep }: { params: MessageParams; busy: boolean; onConfirm: () => void; onKeep: () => void }) {
  const { t } = useTranslation()
  return (
    <Alert color="orange" title={t('detail.overCapacityTitle', { name: params.name ?? '', count: params.count ?? '', capacity: params.capacity ?? '' })} data-testid="over-capacity-confirm">
      <Stack gap="sm">
        <Text size="sm">{t('detail.overCapacityBody')}</Text>
        <Group gap="sm">
          <Button color="orange.8" onClick={onConfirm} loading={busy} data-testid="over-capacity-go">
            {t('detail.overCapacityGo')}
          </Button>
          <Button variant="default" onClick={onKeep} data-testid="over-capacity-keep">
            {t('detail.overCapacityKeep')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  )
}
