import { NativeSelect } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { setLanguage, UI_LANGUAGES } from '../i18n'

export function LanguageSelect({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation()
  return (
    <NativeSelect
      aria-label={t('header.language')}
      label={compact ? undefined : t('header.language')}
      data-testid="language-select"
      value={i18n.language}
      onChange={(e) => setLanguage(e.currentTarget.value)}
      data={UI_LANGUAGES.map((lng) => ({ value: lng, label: t(`languages.short.${lng}`) }))}
      size={compact ? 'sm' : 'md'}
      w={compact ? 76 : undefined}
    />
  )
}
