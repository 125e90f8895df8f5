/**
 * The badge print station (role `badge_station`): its own small chunk, nothing
 * of the back office. The print queue, reprints and printer status come with
 * the printing issue; until then it says so.
 */
import { Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { registerNamespace, type Bundle } from '../../i18n'
import { DeviceFrame } from '../../ui/DeviceFrame'
import en from './locales/en.json'

export const badgeStationNamespace = {
  id: 'badgeStation',
  en,
  others: import.meta.glob<Bundle>(['./locales/*.json', '!./locales/en.json'], { import: 'default' })
} as const

export const ready = registerNamespace(badgeStationNamespace.id, badgeStationNamespace.en, badgeStationNamespace.others)

export default function BadgeStationShell() {
  const { t } = useTranslation('badgeStation')
  return (
    <DeviceFrame title={t('title')} testId="badge-station-shell">
      <Text size="lg">{t('body')}</Text>
    </DeviceFrame>
  )
}
