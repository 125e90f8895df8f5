/**
 * "Add a desk" on the organizer's desk: one invitation at a time, shown as a
 * QR code and a 12-character code with its countdown, followed live from
 * sync.status (wrong attempts, the desk that joined, expired or burned).
 */
import { Alert, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Invitation, InvitationStatus, SyncStatus } from '../../../../shared/contract/sync'
import { encodePairingQr } from '../../../../shared/pairing-code'
import { call } from '../../api/client'
import { formatCountdown, groupFingerprint } from '../../ui/format'
import { notifyError } from '../../ui/notify'
import { QrCode } from '../../ui/QrCode'
import { useNow } from './useNow'

/** As many as the organizer's desk allows per invitation (src/main/sync/pairing.ts). */
const MAX_ATTEMPTS = 3

type Detail = NonNullable<SyncStatus['detail']>

export function Pairing({ detail }: { detail: Detail }) {
  const { t } = useTranslation(['desks', 'app'])
  const [created, setCreated] = useState<Invitation | null>(null)
  const [shown, setShown] = useState(false)
  const [busy, setBusy] = useState(false)
  // The live state from sync.status; just after sync.invite, the answer it gave (the push follows).
  const live = detail.invitation
  const invitation: InvitationStatus | null =
    live && (!created || live.code === created.code || live.expiresAt > created.expiresAt)
      ? live
      : created && { code: created.code, expiresAt: created.expiresAt, state: 'open', attempts: 0, joined: null }
  const visible = invitation !== null && (invitation.state === 'open' || (shown && invitation.state !== 'cancelled'))

  const invite = async () => {
    setBusy(true)
    try {
      setCreated(await call('sync.invite', {}))
      setShown(true)
    } catch (err) {
      notifyError(err)
    } finally {
      setBusy(false)
    }
  }
  const cancel = async () => {
    setShown(false)
    setCreated(null)
    await call('sync.cancelInvite', {}).catch(notifyError)
  }

  if (!visible || !invitation) {
    return (
      <Group gap="md" wrap="wrap">
        <Button size="md" onClick={() => void invite()} loading={busy} data-testid="pair-start">
          {t('pair.add')}
        </Button>
        <Text size="sm" c="dimmed" maw={560}>
          {t('pair.addHelp')}
        </Text>
      </Group>
    )
  }

  return (
    <Paper withBorder p="md" data-testid="pairing" data-state={invitation.state}>
      <Stack gap="md">
        <Title order={3}>{t('pair.title')}</Title>
        {invitation.state === 'open' ? (
          <OpenInvitation invitation={invitation} detail={detail} onCancel={() => void cancel()} />
        ) : (
          <Finished invitation={invitation} onAgain={() => void invite()} onDone={() => setShown(false)} busy={busy} />
        )}
      </Stack>
    </Paper>
  )
}

function OpenInvitation({ invitation, detail, onCancel }: { invitation: InvitationStatus; detail: Detail; onCancel: () => void }) {
  const { t } = useTranslation(['desks', 'app'])
  const now = useNow(1000)
  const left = Date.parse(invitation.expiresAt) - now
  const qr = encodePairingQr({ code: invitation.code, fingerprint: detail.fingerprint, addresses: detail.addresses, port: detail.port })
  return (
    <Group align="flex-start" gap="xl" wrap="wrap">
      <QrCode text={qr} size={232} label={t('pair.qrLabel')} testId="pairing-qr" />
      <Stack gap="sm" style={{ flex: '1 1 320px', minWidth: 0 }}>
        <List type="ordered" spacing={4}>
          <List.Item>{t('pair.step1')}</List.Item>
          <List.Item>{t('pair.step2')}</List.Item>
          <List.Item>{t('pair.step3')}</List.Item>
        </List>
        <Text className="ed-mono" fw={800} fz={44} lh={1.1} data-testid="pairing-code" style={{ whiteSpace: 'nowrap' }}>
          {invitation.code}
        </Text>
        <Text fw={600} data-testid="pairing-expires">
          {t('pair.expiresIn', { time: formatCountdown(left) })}
        </Text>
        {invitation.attempts > 0 && (
          <Alert color="yellow" py="xs" data-testid="pairing-attempts">
            {t('pair.attempts', { count: invitation.attempts, n: invitation.attempts, max: MAX_ATTEMPTS })}
          </Alert>
        )}
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            {t('pair.addresses')}
          </Text>
          <Text className="ed-mono ed-break" size="sm">
            {detail.addresses.map((a) => `${a}:${detail.port}`).join('  ')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('pair.fingerprint')}
          </Text>
          <Text className="ed-mono ed-break" size="sm" data-testid="pairing-fingerprint">
            {groupFingerprint(detail.fingerprint)}
          </Text>
        </Stack>
        <Group>
          <Button variant="default" onClick={onCancel} data-testid="pairing-cancel">
            {t('pair.cancel')}
          </Button>
        </Group>
      </Stack>
    </Group>
  )
}

function Finished({ invitation, onAgain, onDone, busy }: { invitation: InvitationStatus; onAgain: () => void; onDone: () => void; busy: boolean }) {
  const { t } = useTranslation(['desks', 'app'])
  const joined = invitation.state === 'used'
  const message = joined
    ? t('pair.joined', { desk: invitation.joined?.deskName ?? t('app:common.unknownDesk') })
    : invitation.state === 'burned'
      ? t('pair.burned', { max: MAX_ATTEMPTS })
      : t('pair.expired')
  return (
    <Stack gap="sm">
      <Alert color={joined ? 'green' : 'yellow'} data-testid="pairing-outcome">
        <Text fw={600}>{message}</Text>
        {joined && <Text size="sm">{t('pair.joinedHelp')}</Text>}
      </Alert>
      <Group>
        <Button onClick={onAgain} loading={busy} data-testid="pairing-again">
          {joined ? t('pair.another') : t('pair.newCode')}
        </Button>
        <Button variant="default" onClick={onDone} data-testid="pairing-done">
          {t('app:common.close')}
        </Button>
      </Group>
    </Stack>
  )
}
