import { Alert, Button, Group, NativeSelect, SimpleGrid, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core'
import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AttendeeRow } from '../../../../shared/contract/attendees'
import type { TicketTypeRow } from '../../../../shared/contract/events'
import { ApiError, type MessageParams } from '../../../../shared/errors'
import { LANGUAGES, LIMITS, type Language } from '../../../../shared/fields'
import { call } from '../../api/client'
import { useSession } from '../../api/session'
import { FormError } from '../../ui/FormError'
import { notifyError, notifySuccess } from '../../ui/notify'
import { useSave } from '../../ui/useSave'
import { OverCapacityConfirm } from './OverCapacityConfirm'

interface Form {
  firstName: string
  lastName: string
  email: string
  company: string
  jobTitle: string
  phone: string
  ticketTypeId: string
  preferredLanguage: '' | Language
  notes: string
  attention: boolean
  doorNote: string
}

function toForm(a: AttendeeRow): Form {
  return {
    firstName: a.firstName,
    lastName: a.lastName,
    email: a.email ?? '',
    company: a.company ?? '',
    jobTitle: a.jobTitle ?? '',
    phone: a.phone ?? '',
    ticketTypeId: a.ticketTypeId,
    preferredLanguage: a.preferredLanguage ?? '',
    notes: a.notes ?? '',
    attention: a.attention,
    doorNote: a.doorNote ?? ''
  }
}

const FIELDS = ['firstName', 'lastName', 'email', 'company', 'jobTitle', 'phone', 'ticketTypeId', 'preferredLanguage', 'notes', 'attention', 'doorNote'] as const

/** The fields of `attendee.update` as the row has them (what a change of one field sends along). */
export function fieldsOf(a: AttendeeRow) {
  return {
    firstName: a.firstName,
    lastName: a.lastName,
    email: a.email,
    company: a.company,
    jobTitle: a.jobTitle,
    phone: a.phone,
    ticketTypeId: a.ticketTypeId,
    preferredLanguage: a.preferredLanguage,
    notes: a.notes
  }
}

/** Only an organizer may take a ticket type past its capacity (the core refuses the flag from other roles). */
export function useMayExceedCapacity(): boolean {
  return useSession((s) => s.session?.staff.role) === 'organizer'
}

/** The error of a ticket type at capacity, whose params say which and how full. */
export function ticketTypeFull(err: unknown): MessageParams | null {
  return err instanceof ApiError && err.key === 'ticketTypeFull' ? (err.params ?? {}) : null
}

/** The editable fields of one attendee. Unsaved edits survive live refreshes and errors. */
export function AttendeeForm({ attendee, ticketTypes, onSaved }: { attendee: AttendeeRow; ticketTypes: TicketTypeRow[]; onSaved: (a: AttendeeRow) => void }) {
  const { t } = useTranslation(['app', 'shared'])
  const [form, setForm] = useState<Form>(() => toForm(attendee))
  const [dirty, setDirty] = useState(false)
  const { errors, formError, setErrors, busy, save: saving } = useSave({ fields: FIELDS, prefix: 'fields' })
  const mayExceed = useMayExceedCapacity()
  /** The ticket type the last save found full, for an organizer's "go over capacity". */
  const [full, setFull] = useState<MessageParams | null>(null)
  const [discarding, setDiscarding] = useState(false)

  useEffect(() => {
    if (!dirty) setForm(toForm(attendee))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attendee])

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    setDirty(true)
    setFull(null)
  }

  const submit = async (allowOverCapacity: boolean) => {
    const err = await saving(async () => {
      const saved = await call('attendee.update', {
        id: attendee.id,
        fields: { ...form, preferredLanguage: form.preferredLanguage || null },
        ...(allowOverCapacity ? { allowOverCapacity } : {})
      })
      setDirty(false)
      setForm(toForm(saved))
      onSaved(saved)
      notifySuccess(t('detail.saved'))
    })
    setFull(mayExceed ? ticketTypeFull(err) : null)
  }

  const save = (e: FormEvent) => {
    e.preventDefault()
    void submit(false)
  }

  const discardInvalidEmail = async () => {
    setDiscarding(true)
    try {
      onSaved(await call('attendee.update', { id: attendee.id, fields: { ...fieldsOf(attendee), invalidEmail: null } }))
    } catch (err) {
      notifyError(err)
    } finally {
      setDiscarding(false)
    }
  }

  const ticketOptions = ticketTypes.map((tt) => ({ value: tt.id, label: tt.name }))
  if (!ticketTypes.some((tt) => tt.id === form.ticketTypeId)) ticketOptions.unshift({ value: form.ticketTypeId, label: '—' })

  return (
    <form onSubmit={save} noValidate data-testid="detail-form">
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <TextInput label={t('shared:fields.firstName')} data-testid="detail-first-name" value={form.firstName} onChange={(e) => set('firstName', e.currentTarget.value)} error={errors.firstName} maxLength={LIMITS.text} />
          <TextInput label={t('shared:fields.lastName')} data-testid="detail-last-name" value={form.lastName} onChange={(e) => set('lastName', e.currentTarget.value)} error={errors.lastName} maxLength={LIMITS.text} />
        </SimpleGrid>
        <TextInput label={t('shared:fields.email')} type="email" data-testid="detail-email" value={form.email} onChange={(e) => set('email', e.currentTarget.value)} error={errors.email} maxLength={LIMITS.text} />
        {attendee.invalidEmail && (
          <Alert color="yellow" variant="light" data-testid="detail-invalid-email" py="xs">
            <Stack gap={6}>
              <Text size="sm" className="ed-break">
                {t('detail.invalidEmail', { value: attendee.invalidEmail })}
              </Text>
              <Group>
                <Button size="compact-sm" variant="default" loading={discarding} onClick={() => void discardInvalidEmail()} data-testid="detail-invalid-email-discard">
                  {t('detail.invalidEmailDiscard')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        <SimpleGrid cols={2}>
          <TextInput label={t('shared:fields.company')} data-testid="detail-company" value={form.company} onChange={(e) => set('company', e.currentTarget.value)} error={errors.company} maxLength={LIMITS.text} />
          <TextInput label={t('shared:fields.jobTitle')} data-testid="detail-job-title" value={form.jobTitle} onChange={(e) => set('jobTitle', e.currentTarget.value)} error={errors.jobTitle} maxLength={LIMITS.text} />
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <TextInput label={t('shared:fields.phone')} type="tel" data-testid="detail-phone" value={form.phone} onChange={(e) => set('phone', e.currentTarget.value)} error={errors.phone} maxLength={40} />
          <NativeSelect
            label={t('shared:fields.language')}
            data-testid="detail-language"
            value={form.preferredLanguage}
            onChange={(e) => set('preferredLanguage', e.currentTarget.value as Form['preferredLanguage'])}
            data={[{ value: '', label: t('detail.noLanguage') }, ...LANGUAGES.map((l) => ({ value: l, label: t(`shared:languages.${l}`) }))]}
            error={errors.preferredLanguage}
          />
        </SimpleGrid>
        <NativeSelect
          label={t('shared:fields.ticketType')}
          data-testid="detail-ticket-type"
          value={form.ticketTypeId}
          onChange={(e) => set('ticketTypeId', e.currentTarget.value)}
          data={ticketOptions}
          error={errors.ticketTypeId}
        />
        <Textarea label={t('shared:fields.notes')} data-testid="detail-notes" value={form.notes} onChange={(e) => set('notes', e.currentTarget.value)} error={errors.notes} autosize minRows={2} maxRows={6} maxLength={LIMITS.notes} />
        <Switch
          label={t('detail.attention')}
          description={t('detail.attentionHint')}
          data-testid="detail-attention"
          checked={form.attention}
          onChange={(e) => set('attention', e.currentTarget.checked)}
          error={errors.attention}
        />
        <Textarea
          label={t('detail.doorNote')}
          description={t('detail.doorNoteHint')}
          data-testid="detail-door-note"
          value={form.doorNote}
          onChange={(e) => set('doorNote', e.currentTarget.value)}
          error={errors.doorNote}
          autosize
          minRows={1}
          maxRows={4}
          maxLength={LIMITS.notes}
        />
        <FormError message={formError} />
        {full && (
          <OverCapacityConfirm params={full} busy={busy} onConfirm={() => void submit(true)} onKeep={() => setFull(null)} />
        )}
        <Group justify="flex-end">
          {dirty && (
            <Button
              variant="subtle"
              onClick={() => {
                setForm(toForm(attendee))
                setDirty(false)
                setErrors({})
                setFull(null)
              }}
            >
              {t('detail.discard')}
            </Button>
          )}
          <Button type="submit" loading={busy} disabled={!dirty} data-testid="detail-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
