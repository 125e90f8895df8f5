import { Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core'
import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { EVENT_STATUSES, EVENT_TYPES, type EventInput, type EventRow, type EventStatus, type EventType } from '../../../../shared/contract/events'
import { LIMITS } from '../../../../shared/fields'
import { call } from '../../api/client'
import { FormError } from '../../ui/FormError'
import { notifySuccess } from '../../ui/notify'
import { useSave } from '../../ui/useSave'

const FIELDS = ['name', 'type', 'startDate', 'endDate', 'timezone', 'venue', 'capacity', 'status'] as const

interface Form {
  name: string
  type: EventType
  startDate: string
  endDate: string
  timezone: string
  venue: string
  capacity: string
  status: EventStatus
}

function today(): string {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  } catch {
    return 'UTC'
  }
}

function emptyForm(): Form {
  return { name: '', type: 'conference', startDate: today(), endDate: today(), timezone: browserTimeZone(), venue: '', capacity: '', status: 'draft' }
}

function toForm(e: EventRow): Form {
  return {
    name: e.name,
    type: e.type,
    startDate: e.startDate,
    endDate: e.endDate,
    timezone: e.timezone,
    venue: e.venue ?? '',
    capacity: e.capacity === null ? '' : String(e.capacity),
    status: e.status
  }
}

/** Create or edit an event. `event` null = a new one. */
export function EventForm({ event, onSaved }: { event: EventRow | null; onSaved: (e: EventRow, created: boolean) => void | Promise<void> }) {
  const { t } = useTranslation(['events', 'app', 'shared'])
  const [form, setForm] = useState<Form>(() => (event ? toForm(event) : emptyForm()))
  const { errors, formError, setErrors, busy, save: persist } = useSave({ fields: FIELDS, prefix: 'event' })

  useEffect(() => {
    setForm(event ? toForm(event) : emptyForm())
    setErrors({})
  }, [event])

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }))

  const save = async (e: FormEvent) => {
    e.preventDefault()
    const capacity = form.capacity.trim() === '' ? null : Number(form.capacity)
    if (capacity !== null && (!Number.isInteger(capacity) || capacity < 0)) {
      setErrors({ capacity: t('capacityInvalid') })
      return
    }
    const input: EventInput = {
      name: form.name.trim(),
      type: form.type,
      startDate: form.startDate,
      endDate: form.endDate,
      timezone: form.timezone.trim(),
      venue: form.venue.trim() || null,
      capacity,
      status: form.status
    }
    await persist(async () => {
      const saved = event ? await call('event.update', { id: event.id, event: input }) : await call('event.create', input)
      notifySuccess(t('saved'))
      await onSaved(saved, event === null)
    })
  }

  return (
    <form onSubmit={save} noValidate data-testid="event-form">
      <Stack gap="sm">
        <TextInput label={t('shared:fields.name')} data-testid="event-name" value={form.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} maxLength={LIMITS.text} required />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('shared:fields.eventType')}
            data-testid="event-type"
            value={form.type}
            onChange={(e) => set('type', e.currentTarget.value as EventType)}
            data={EVENT_TYPES.map((v) => ({ value: v, label: t(`shared:eventTypes.${v}`) }))}
            error={errors.type}
          />
          <NativeSelect
            label={t('shared:fields.eventStatus')}
            data-testid="event-status"
            value={form.status}
            onChange={(e) => set('status', e.currentTarget.value as EventStatus)}
            data={EVENT_STATUSES.map((v) => ({ value: v, label: t(`shared:eventStatus.${v}`) }))}
            error={errors.status}
          />
          <TextInput label={t('shared:fields.startDate')} type="date" data-testid="event-start" value={form.startDate} onChange={(e) => set('startDate', e.currentTarget.value)} error={errors.startDate} />
          <TextInput label={t('shared:fields.endDate')} type="date" data-testid="event-end" value={form.endDate} onChange={(e) => set('endDate', e.currentTarget.value)} error={errors.endDate} />
          <TextInput label={t('shared:fields.timezone')} data-testid="event-timezone" value={form.timezone} onChange={(e) => set('timezone', e.currentTarget.value)} error={errors.timezone} maxLength={64} />
          <TextInput label={t('shared:fields.capacity')} inputMode="numeric" data-testid="event-capacity" value={form.capacity} onChange={(e) => set('capacity', e.currentTarget.value)} error={errors.capacity} description={t('capacityHint')} />
        </SimpleGrid>
        <TextInput label={t('shared:fields.venue')} data-testid="event-venue" value={form.venue} onChange={(e) => set('venue', e.currentTarget.value)} error={errors.venue} maxLength={LIMITS.text} />
        <FormError message={formError} />
        <Group justify="flex-end">
          <Button type="submit" loading={busy} data-testid="event-save">
            {event ? t('app:common.save') : t('create')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
