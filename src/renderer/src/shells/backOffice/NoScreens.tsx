import { Paper, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Role } from '../../../../shared/roles'
import { roleLabel } from '../../shared/labels'

export function NoScreens({ role }: { role: Role }) {
  const { t } = useTranslation()
  return (
    <Paper withBorder p="xl" maw={640} data-testid="no-screens">
      <Stack>
        <Title order={2}>{t('noScreens.title', { role: roleLabel(role) })}</Title>
        <Text>{t('noScreens.body')}</Text>
      </Stack>
    </Paper>
  )
}
