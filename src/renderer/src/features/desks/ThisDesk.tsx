/** This desk as its peers know it: name, certificate fingerprint, where it listens, its fleet. */
import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { SyncStatus } from '../../../../shared/contract/sync'
import { useSession } from '../../api/session'
import { groupFingerprint } from '../../ui/format'

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text className="ed-break" data-testid={testId}>
        {children}
      </Text>
    </Stack>
  )
}

export function ThisDesk({ detail }: { detail: NonNullable<SyncStatus['detail']> }) {
  const { t } = useTranslation(['desks', 'app'])
  const deskName = useSession((s) => s.session?.deskName ?? '')
  return (
    <Paper withBorder p="md" data-testid="this-desk">
      <Stack gap="sm">
        <Title order={3}>{t('thisDesk.title')}</Title>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Fact label={t('thisDesk.name')}>{deskName}</Fact>
          <Fact label={t('thisDesk.addresses')}>
            <span className="ed-mono">{detail.addresses.map((a) => `${a}:${detail.port}`).join('  ')}</span>
          </Fact>
          <Fact label={t('thisDesk.fingerprint')} testId="this-desk-fingerprint">
            <span className="ed-mono">{groupFingerprint(detail.fingerprint)}</span>
          </Fact>
          <Fact label={t('thisDesk.fleet')}>
            {detail.fleetId ? <span className="ed-mono">{detail.fleetId}</span> : t('thisDesk.noFleet')}
          </Fact>
          <Fact label={t('thisDesk.admission')}>{detail.admission ? t(`thisDesk.admissionMode.${detail.admission}`) : '–'}</Fact>
          <Fact label={t('thisDesk.keyGeneration')}>{detail.keyEpoch ?? '–'}</Fact>
          <Fact label={t('thisDesk.discovery')}>{detail.discovery ? t('thisDesk.discoveryOn') : t('thisDesk.discoveryOff')}</Fact>
        </SimpleGrid>
      </Stack>
    </Paper>
  )
}
