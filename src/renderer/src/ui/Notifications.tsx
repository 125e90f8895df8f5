import { Notification } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useNotes } from './notify'

const COLOR = { error: 'red', success: 'green', info: 'blue' } as const

/** The one toast, bottom left: away from the search field at the top and the submit buttons on the right. */
export function Notifications() {
  const { t } = useTranslation()
  const note = useNotes((s) => s.note)
  const dismiss = useNotes((s) => s.dismiss)
  return (
    <div className="ed-notes" aria-live={note?.kind === 'error' ? 'assertive' : 'polite'}>
      {note && (
        <Notification
          key={note.id}
          data-testid="notification"
          data-kind={note.kind}
          color={COLOR[note.kind]}
          title={t(`notify.${note.kind}`)}
          withBorder
          closeButtonProps={{ 'aria-label': t('common.close') }}
          onClose={dismiss}
          styles={{ root: { boxShadow: 'var(--mantine-shadow-md)' }, description: { color: 'var(--mantine-color-black)' }, title: { fontWeight: 700 } }}
        >
          <span className="ed-break">{note.message}</span>
        </Notification>
      )}
    </div>
  )
}
