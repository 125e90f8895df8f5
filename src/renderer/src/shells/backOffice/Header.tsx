import { Button, Group, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { call } from '../../api/client'
import { useSession } from '../../api/session'
import { rolesFor } from '../../router/feature'
import { href } from '../../router/hash'
import { useSelectedEventId } from '../../shared/events'
import { roleLabel } from '../../shared/labels'
import { LanguageSelect } from '../../ui/LanguageSelect'
import { SyncIndicator } from '../../ui/SyncIndicator'
import { ConflictBadge } from './ConflictBadge'
import { Counter } from './Counter'
import { EventPicker } from './EventPicker'

/** Who may open the Desks screen (the light links there for them). */
const DESKS_SCREEN_NEEDS = ['sync.invite'] as const

export function Header() {
  const { t } = useTranslation()
  const session = useSession((s) => s.session)
  const signOut = useSession((s) => s.signOut)
  const eventId = useSelectedEventId()
  if (!session) return null

  const onSignOut = () => {
    // Leave at once; telling the core is best effort.
    call('staff.signOut', {}).catch(() => undefined)
    signOut()
  }

  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="md">
      <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
        <Title order={3} style={{ whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </Title>
        <EventPicker />
        {rolesFor(['checkin.counters']).includes(session.staff.role) && <Counter eventId={eventId} />}
        <ConflictBadge eventId={eventId} />
      </Group>
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
        <Stack gap={0} style={{ minWidth: 0 }} visibleFrom="lg" data-testid="header-who">
          <Text size="sm" fw={700} className="ed-ellipsis" maw={260} data-testid="header-staff" title={session.staff.name}>
            {session.staff.name}
          </Text>
          {/* The desk's name alone: people name desks "Desk B", and "Desk Desk B" reads as a typo. */}
          <Text size="xs" c="dimmed" className="ed-ellipsis" maw={260} data-testid="header-desk" title={t('header.desk', { name: session.deskName })}>
            {roleLabel(session.staff.role)} · {session.deskName}
          </Text>
        </Stack>
        <SyncIndicator desksLink={rolesFor(DESKS_SCREEN_NEEDS).includes(session.staff.role) ? href('desks') : undefined} />
        <LanguageSelect />
        <Button variant="default" onClick={onSignOut} data-testid="signout" style={{ flex: '0 0 auto' }}>
          {t('header.signOut')}
        </Button>
      </Group>
    </Group>
  )
}
