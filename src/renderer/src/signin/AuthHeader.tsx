import { Group, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { LanguageSelect } from '../ui/LanguageSelect'

/** App name, which desk this is, and the language switch: the top of the sign-in screens. */
export function AuthHeader({ deskName }: { deskName: string }) {
  const { t } = useTranslation()
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap">
      <Stack gap={4} style={{ minWidth: 0 }}>
        <Title order={1}>{t('app.name')}</Title>
        <Text c="dimmed" className="ed-break">
          {t('auth.desk', { name: deskName })}
        </Text>
      </Stack>
      <LanguageSelect />
    </Group>
  )
}
