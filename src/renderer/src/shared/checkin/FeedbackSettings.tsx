import { Stack, Switch } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { setFeedback, useFeedbackSettings } from './feedback'

/** The door's own choices, remembered on this device: beeps on or off, a full-screen flash. */
export function FeedbackSettings() {
  const { t } = useTranslation()
  const { muted, flash } = useFeedbackSettings()
  return (
    <Stack gap="xs" data-testid="feedback-settings">
      <Switch
        label={t('outcome.settings.sound')}
        checked={!muted}
        onChange={(e) => setFeedback({ muted: !e.currentTarget.checked })}
        data-testid="feedback-sound"
      />
      <Switch
        label={t('outcome.settings.flash')}
        checked={flash}
        onChange={(e) => setFeedback({ flash: e.currentTarget.checked })}
        data-testid="feedback-flash"
      />
    </Stack>
  )
}
