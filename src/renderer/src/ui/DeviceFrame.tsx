import { Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../api/client'
import { useSession } from '../api/session'
import { LanguageSelect } from './LanguageSelect'
import { SyncIndicator } from './SyncIndicator'

/** The frame of a single-purpose device (kiosk, badge station): its name, the language, signing out, one panel. */
export function DeviceFrame({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  const { t } = useTranslation()
  const session = useSession((s) => s.session)
  const signOut = useSession((s) => s.signOut)
  const onSignOut = () => {
    call('staff.signOut', {}).catch(() => undefined)
    signOut()
  }
  return (
    <Stack mih="100vh" gap={0} data-testid={testId}>
      <Group justify="space-between" wrap="nowrap" px="md" py="sm" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Title order={3}>{t('app.name')}</Title>
          <Text size="sm" c="dimmed" className="ed-ellipsis">
            {t('header.desk', { name: session?.deskName ?? '' })}
          </Text>
        </Stack>
        <Group gap="sm" wrap="nowrap">
          <SyncIndicator compact />
          <LanguageSelect />
          <Button variant="default" onClick={onSignOut} data-testid="signout">
            {t('header.signOut')}
          </Button>
        </Group>
      </Group>
      <Center style={{ flex: 1 }} p="md">
        <Paper withBorder shadow="sm" radius="lg" p="xl" maw={720}>
          <Stack>
            <Title order={1}>{title}</Title>
            {children}
          </Stack>
        </Paper>
      </Center>
    </Stack>
  )
}
