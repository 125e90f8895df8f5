/**
 * Right after joining a fleet (catch-up until the fleet's staff arrive, then
 * on to sign-in by itself) or restoring a backup (what was restored, then on
 * to sign-in when the operator has read it).
 */
import { Alert, Button, Loader, Progress, Stack, Text, Title } from '@mantine/core'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RestoreResult } from '../../../shared/contract/backup'
import type { JoinResult } from '../../../shared/contract/sync'
import { useApi } from '../api/query'
import { JoinedCompare } from '../shared/fleet/JoinedCompare'
import { Centered } from '../ui/Centered'
import { formatDateTime, formatNumber } from '../ui/format'
import { useArrival, type Arrival } from './arrival'
import { AuthHeader } from './AuthHeader'

const POLL_MS = 1000

export function Arrived({ arrival, deskName, firstRun }: { arrival: Arrival; deskName: string; firstRun: boolean }) {
  return (
    <Centered width={640}>
      <Stack>
        <AuthHeader deskName={deskName} />
        {arrival.kind === 'joined' ? <Joined result={arrival.result} firstRun={firstRun} /> : <Restored result={arrival.result} />}
      </Stack>
    </Centered>
  )
}

function Joined({ result, firstRun }: { result: JoinResult; firstRun: boolean }) {
  const { t } = useTranslation()
  const toSignIn = useArrival((s) => s.toSignIn)
  // Until staff arrive this desk has no sign-in, and no pushes: ask every second.
  useApi('system.status', {}, { refetchInterval: POLL_MS })
  const sync = useApi('sync.status', {}, { refetchInterval: POLL_MS, enabled: firstRun, retry: false }).data
  const [most, setMost] = useState(0)
  const toGo = sync?.catchingUp ?? 0
  useEffect(() => setMost((m) => Math.max(m, toGo)), [toGo])
  useEffect(() => {
    if (!firstRun) toSignIn()
  }, [firstRun, toSignIn])

  return (
    <Stack data-testid="joined-screen">
      <Title order={3}>{t('joined.title', { desk: result.organizerDeskName })}</Title>
      <JoinedCompare result={result} />
      <Stack gap={6} data-testid="joined-progress">
        {sync && sync.connected > 0 ? (
          <>
            <Text fw={600}>{toGo > 0 ? t('sync.catchingUp', { count: toGo, n: formatNumber(toGo) }) : t('joined.waitingStaff')}</Text>
            <Progress value={most > 0 ? (100 * (most - toGo)) / most : 100} animated={toGo > 0} size="lg" />
          </>
        ) : (
          <Text fw={600}>
            <Loader size="xs" mr="xs" />
            {t('joined.linking')}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {t('joined.staffFromFleet')}
        </Text>
      </Stack>
    </Stack>
  )
}

function Restored({ result }: { result: RestoreResult }) {
  const { t } = useTranslation()
  const toSignIn = useArrival((s) => s.toSignIn)
  // The staff came with the backup: the first-run question is answered once system.status says so.
  const status = useApi('system.status', {}, { refetchInterval: POLL_MS }).data
  return (
    <Stack data-testid="restored-screen">
      <Title order={3}>{t('restore.doneTitle')}</Title>
      <Text data-testid="restored-summary">
        {t('restore.summary', { records: formatNumber(result.records), desk: result.sourceDeskName, when: formatDateTime(result.createdAt) })}
      </Text>
      {result.newerVersion && (
        <Alert color="yellow" data-testid="restored-newer">
          {t('restore.newerVersion', { n: formatNumber(result.deferred) })}
        </Alert>
      )}
      {result.rejected > 0 && <Alert color="yellow">{t('restore.rejected', { count: result.rejected, n: formatNumber(result.rejected) })}</Alert>}
      <Alert color="blue">{t('restore.newDesk')}</Alert>
      <Button size="lg" onClick={toSignIn} loading={status?.firstRun !== false} data-testid="restored-continue">
        {t('restore.continue')}
      </Button>
    </Stack>
  )
}
