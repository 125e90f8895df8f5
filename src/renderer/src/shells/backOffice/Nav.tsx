import { NavLink, Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import i18n from '../../i18n'
import type { Feature } from '../../router/feature'
import { href, navigate } from '../../router/hash'

export function Nav({ features, current }: { features: readonly Feature[]; current: string | null }) {
  const { t } = useTranslation()
  return (
    <Stack gap={4} p="sm" component="nav" aria-label={t('nav.label')}>
      {features.map((f) => (
        <NavLink
          key={f.id}
          href={href(f.routes[0].path)}
          data-testid={'nav-' + f.routes[0].path}
          label={i18n.t(`${f.id}:${f.nav.label}` as never)}
          leftSection={<span aria-hidden style={{ width: 20, textAlign: 'center', fontSize: 18 }}>{f.nav.icon}</span>}
          active={f.id === current}
          variant="filled"
          onClick={(e) => {
            e.preventDefault()
            navigate(f.routes[0].path)
          }}
          styles={{ root: { minHeight: 48, borderRadius: 8 }, label: { fontSize: 15, fontWeight: 600 } }}
        />
      ))}
    </Stack>
  )
}
