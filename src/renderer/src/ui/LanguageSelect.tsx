import { NativeSelect } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { LANGUAGE_NAMES } from '../../../shared/i18n'
import { currentLanguage, setLanguage, UI_LANGUAGES } from '../i18n'

/** The seven UI languages, each in its own name, so anyone finds theirs. */
export function LanguageSelect() {
  const { t } = useTranslation()
  return (
    <NativeSelect
      aria-label={t('header.language')}
      data-testid="language-select"
      value={currentLanguage()}
      onChange={(e) => void setLanguage(e.currentTarget.value)}
      data={UI_LANGUAGES.map((lng) => ({ value: lng, label: LANGUAGE_NAMES[lng] }))}
      size="sm"
      w={134}
    />
  )
}
