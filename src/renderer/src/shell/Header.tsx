import { Button, Group, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { STAFF_ROLES } from '../../../shared/roles'
import { call } from '../api/client'
import { useSession } from '../api/session'
import { roleLabel } from '../features/auth/roles'
import { Counter } from './Counter'
import { EventPicker } from './EventPicker'
import { LanguageSelect } from './LanguageSelect'

export function Header() {
  const { t } = useTranslation()
  const session = useSession((s) => s.session)
  const signOut = useSession((s) => s.signOut)
  if (!session) return null
  const canCount = (STAFF_ROLES.checkin as readonly string[]).includes(session.staff.role)

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
        {canCount && <Counter />}
      </Group>
      <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
        <Stack gap={0} style={{ minWidth: 0 }} visibleFrom="md" data-testid="header-who">
          <Text size="sm" fw={700} className="ed-ellipsis" maw={220} data-testid="header-staff">
            {session.staff.name} · {roleLabel(t, session.staff.role)}
          </Text>
          <Text size="xs" c="dimmed" className="ed-ellipsis" maw={220} data-testid="header-desk">
            {t('header.desk', { name: session.deskName })}
          </Text>
        </Stack>
        <LanguageSelect compact />
        <Button variant="default" onClick={onSignOut} data-testid="signout">
          {t('header.signOut')}
        </Button>
      </Group>
    </Group>
  )
}
