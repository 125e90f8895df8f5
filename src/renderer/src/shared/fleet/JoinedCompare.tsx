import { Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { JoinResult } from '../../../../shared/contract/sync'
import { groupFingerprint } from '../../ui/format'

/** After joining: the organizer desk's name and fingerprint, for a person to compare with that desk's screen. */
export function JoinedCompare({ result }: { result: JoinResult }) {
  const { t } = useTranslation()
  return (
    <Stack gap={4}>
      <Text>{t('joined.compare', { desk: result.organizerDeskName })}</Text>
      <Text className="ed-mono ed-break" fw={700} size="lg" data-testid="joined-fingerprint">
        {groupFingerprint(result.fingerprint)}
      </Text>
      <Text size="sm" c="dimmed">
        {t('joined.compareHelp')}
      </Text>
    </Stack>
  )
}
