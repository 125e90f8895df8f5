/**
 * The self check-in kiosk (role `kiosk`): its own small chunk, nothing of the
 * back office. Its screens (scan your QR code, find yourself, your badge
 * prints) come with the kiosk issue; until then it says so.
 */
import { Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { registerNamespace, type Bundle } from '../../i18n'
import { DeviceFrame } from '../../ui/DeviceFrame'
import en from './locales/en.json'

export const kioskNamespace = { id: 'kiosk', en, others: import.meta.glob<Bundle>(['./locales/*.json', '!./locales/en.json'], { import: 'default' }) } as const

export const ready = registerNamespace(kioskNamespace.id, kioskNamespace.en, kioskNamespace.others)

export default function KioskShell() {
  const { t } = useTranslation('kiosk')
  return (
    <DeviceFrame title={t('title')} testId="kiosk-shell">
      <Text size="lg">{t('body')}</Text>
    </DeviceFrame>
  )
}
