import { NavLink, Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { navigate, type Screen } from './routes'

const ICON: Record<Screen, string> = {
  desk: '⌨',
  attendees: '☰',
  import: '⇪',
  event: '◷',
  staff: '☺',
  audit: '⎘'
}

export function Nav({ screens, current }: { screens: readonly Screen[]; current: Screen | null }) {
  const { t } = useTranslation()
  return (
    <Stack gap={4} p="sm" component="nav" aria-label={t('nav.label')}>
      {screens.map((s) => (
        <NavLink
          key={s}
          href={'#/' + s}
          data-testid={'nav-' + s}
          label={t(`nav.${s}`)}
          leftSection={<span aria-hidden style={{ width: 20, textAlign: 'center', fontSize: 18 }}>{ICON[s]}</span>}
          active={s === current}
          variant="filled"
          onClick={(e) => {
            e.preventDefault()
            navigate(s)
          }}
          styles={{ root: { minHeight: 48, borderRadius: 8 }, label: { fontSize: 16, fontWeight: 600 } }}
        />
      ))}
    </Stack>
  )
}
