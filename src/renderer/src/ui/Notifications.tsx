import { Notification, Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useNotes } from './notify'

const COLOR = { error: 'red', success: 'green', info: 'blue' } as const

export function Notifications() {
  const { t } = useTranslation()
  const notes = useNotes((s) => s.notes)
  const dismiss = useNotes((s) => s.dismiss)
  if (notes.length === 0) return null
  return (
    <Stack className="ed-notes" gap="sm" aria-live="assertive">
      {notes.map((n) => (
        <Notification
          key={n.id}
          data-testid="notification"
          data-kind={n.kind}
          color={COLOR[n.kind]}
          title={t(`notify.${n.kind}`)}
          withBorder
          closeButtonProps={{ 'aria-label': t('common.close') }}
          onClose={() => dismiss(n.id)}
          styles={{ root: { boxShadow: 'var(--mantine-shadow-md)' }, description: { color: 'var(--mantine-color-black)' }, title: { fontWeight: 700 } }}
        >
          <span className="ed-break">{n.message}</span>
        </Notification>
      ))}
    </Stack>
  )
}
