import { Group, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { LanguageSelect } from '../../shell/LanguageSelect'

/** App name, which desk this is, and the language switch: the top of the sign-in screens. */
export function AuthHeader({ deskName }: { deskName: string }) {
  const { t } = useTranslation()
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap">
      <Stack gap={4}>
        <Title order={1}>{t('app.name')}</Title>
        <Text c="dimmed">{t('auth.desk', { name: deskName })}</Text>
      </Stack>
      <LanguageSelect compact />
    </Group>
  )
}
