import { Button, Group, NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core'
import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AttendeeRow } from '../../../../shared/contract/attendees'
import type { TicketTypeRow } from '../../../../shared/contract/events'
import { LANGUAGES, LIMITS, type Language } from '../../../../shared/fields'
import { call } from '../../api/client'
import { FormError } from '../../ui/FormError'
import { notifySuccess } from '../../ui/notify'
import { useSave } from '../../ui/useSave'

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
    notes: a.notes ?? ''
  }
}

const FIELDS = ['firstName', 'lastName', 'email', 'company', 'jobTitle', 'phone', 'ticketTypeId', 'preferredLanguage', 'notes'] as const

/** The editable fields of one attendee. Unsaved edits survive live refreshes and errors. */
export function AttendeeForm({ attendee, ticketTypes, onSaved }: { attendee: AttendeeRow; ticketTypes: TicketTypeRow[]; onSaved: (a: AttendeeRow) => void }) {
  const { t } = useTranslation(['app', 'shared'])
  const [form, setForm] = useState<Form>(() => toForm(attendee))
  const [dirty, setDirty] = useState(false)
  const { errors, formError, setErrors, busy, save: saving } = useSave({ fields: FIELDS, prefix: 'fields' })

  useEffect(() => {
    if (!dirty) setForm(toForm(attendee))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attendee])

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    setDirty(true)
  }

  const save = async (e: FormEvent) => {
    e.preventDefault()
    await saving(async () => {
      const saved = await call('attendee.update', {
        id: attendee.id,
        fields: { ...form, preferredLanguage: form.preferredLanguage || null }
      })
      setDirty(false)
      setForm(toForm(saved))
      onSaved(saved)
      notifySuccess(t('detail.saved'))
    })
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
        <FormError message={formError} />
        <Group justify="flex-end">
          {dirty && (
            <Button
              variant="subtle"
              onClick={() => {
                setForm(toForm(attendee))
                setDirty(false)
                setErrors({})
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
