import { Button, Group, Modal, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { v7 as uuidv7 } from 'uuid'
import { PAYMENT_METHODS, type AttendeeRow, type PaymentMethod } from '../../../../shared/contract/attendees'
import type { CheckinResult } from '../../../../shared/contract/checkin'
import { call } from '../../api/client'
import { useTicketTypes } from '../../shared/events'
import { centsToInput, parseAmount } from '../../ui/format'
import { FormError } from '../../ui/FormError'
import { useSave } from '../../ui/useSave'

interface Props {
  eventId: string
  opened: boolean
  /** What was typed in the search when the form opened: the person's name (or e-mail) to start from. */
  typed: string
  onClose: () => void
  onDone: (result: { attendee: AttendeeRow; checkin: CheckinResult }) => void
}

interface Form {
  firstName: string
  lastName: string
  email: string
  company: string
  ticketTypeId: string
  paymentMethod: PaymentMethod
  amount: string
  priceReason: string
}

const FIELDS = ['firstName', 'lastName', 'email', 'company', 'ticketTypeId', 'paymentMethod', 'amountCents', 'priceReason'] as const
const EMPTY: Form = { firstName: '', lastName: '', email: '', company: '', ticketTypeId: '', paymentMethod: 'cash', amount: '', priceReason: '' }

/** The search text as the start of a form: an e-mail, or a name whose last word is the last name. */
function fromSearch(typed: string): Partial<Form> {
  const text = typed.trim()
  if (text === '') return {}
  if (text.includes('@')) return { email: text }
  const words = text.split(/\s+/)
  return { lastName: words.pop()!, firstName: words.join(' ') }
}

/** Register someone who has no ticket yet, take the payment, check them in. */
export function WalkUpModal({ eventId, opened, typed, onClose, onDone }: Props) {
  const { t } = useTranslation(['desk', 'app', 'shared'])
  const ticketTypes = useTicketTypes(eventId)
  const [form, setForm] = useState<Form>(EMPTY)
  // One id per person registered: a retry after a lost answer finds the first attempt's registration.
  const [registrationId, setRegistrationId] = useState(() => uuidv7())
  const { errors, formError, setErrors, busy, save } = useSave({ fields: FIELDS })

  const ticketType = ticketTypes.find((tt) => tt.id === form.ticketTypeId)
  const typedCents = parseAmount(form.amount)
  // Another price than the ticket's (complimentary is its own reason): say why.
  const otherPrice = ticketType !== undefined && form.paymentMethod !== 'complimentary' && typedCents !== null && typedCents !== ticketType.priceCents

  // An untouched form starts from what was typed in the search. No ticket type is
  // chosen for the operator: Enter after a name must never sell the first (or dearest) one.
  useEffect(() => {
    if (!opened) return
    setForm((f) => (f.firstName || f.lastName || f.email ? f : { ...f, ...fromSearch(typed) }))
    // Only when the form opens: typing in the search meanwhile is not this form's business.
  }, [opened])

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }))

  const chooseTicketType = (id: string) => {
    const tt = ticketTypes.find((x) => x.id === id)
    setForm((f) => ({
      ...f,
      ticketTypeId: id,
      amount: f.paymentMethod === 'complimentary' ? '0.00' : tt ? centsToInput(tt.priceCents) : f.amount
    }))
  }

  const choosePayment = (method: PaymentMethod) => {
    setForm((f) => ({
      ...f,
      paymentMethod: method,
      amount: method === 'complimentary' ? '0.00' : f.amount === '0.00' && ticketType ? centsToInput(ticketType.priceCents) : f.amount
    }))
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const amountCents = parseAmount(form.amount)
    const local: Record<string, string> = {}
    if (otherPrice && !form.priceReason.trim()) local.priceReason = t('walkup.priceReasonRequired')
    if (!form.firstName.trim() && !form.lastName.trim()) local.lastName = t('walkup.nameRequired')
    if (amountCents === null) local.amountCents = t('walkup.amountInvalid')
    if (!form.ticketTypeId) local.ticketTypeId = t('walkup.ticketTypeRequired')
    if (Object.keys(local).length > 0 || amountCents === null) {
      setErrors(local)
      return
    }
    // Everything typed stays after a failure; the problem is shown once, where it is.
    await save(async () => {
      const result = await call('checkin.walkUp', {
        id: registrationId,
        eventId,
        firstName: form.firstName.trim(),
        lastName: form.lastName.trim(),
        email: form.email.trim(),
        company: form.company.trim(),
        ticketTypeId: form.ticketTypeId,
        paymentMethod: form.paymentMethod,
        amountCents,
        priceReason: otherPrice ? form.priceReason.trim() : null
      })
      setForm(EMPTY)
      setRegistrationId(uuidv7())
      onDone(result)
    })
  }

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700} size="lg">{t('walkup.title')}</Text>} size="lg" centered closeButtonProps={{ 'aria-label': t('app:common.close') }}>
      <form onSubmit={submit} noValidate data-testid="walkup-form">
        <Stack>
          <SimpleGrid cols={2}>
            <TextInput label={t('shared:fields.firstName')} data-testid="walkup-first-name" value={form.firstName} onChange={(e) => set('firstName', e.currentTarget.value)} error={errors.firstName} data-autofocus maxLength={200} />
            <TextInput label={t('shared:fields.lastName')} data-testid="walkup-last-name" value={form.lastName} onChange={(e) => set('lastName', e.currentTarget.value)} error={errors.lastName} maxLength={200} />
          </SimpleGrid>
          <TextInput label={t('shared:fields.email')} type="email" data-testid="walkup-email" value={form.email} onChange={(e) => set('email', e.currentTarget.value)} error={errors.email} maxLength={200} />
          <TextInput label={t('shared:fields.company')} data-testid="walkup-company" value={form.company} onChange={(e) => set('company', e.currentTarget.value)} error={errors.company} maxLength={200} />
          <NativeSelect
            label={t('shared:fields.ticketType')}
            data-testid="walkup-ticket-type"
            value={form.ticketTypeId}
            onChange={(e) => chooseTicketType(e.currentTarget.value)}
            data={[{ value: '', label: t('walkup.chooseTicketType'), disabled: true }, ...ticketTypes.map((tt) => ({ value: tt.id, label: tt.name }))]}
            error={errors.ticketTypeId}
          />
          <SimpleGrid cols={2}>
            <NativeSelect
              label={t('walkup.payment')}
              data-testid="walkup-payment"
              value={form.paymentMethod}
              onChange={(e) => choosePayment(e.currentTarget.value as PaymentMethod)}
              data={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`shared:payment.${m}`) }))}
              error={errors.paymentMethod}
            />
            <TextInput
              label={t('walkup.amount', { currency: ticketType?.currency ?? '' })}
              data-testid="walkup-amount"
              inputMode="decimal"
              value={form.amount}
              onChange={(e) => set('amount', e.currentTarget.value)}
              error={errors.amountCents}
            />
          </SimpleGrid>
          {otherPrice && (
            <TextInput
              label={t('walkup.priceReason', { price: centsToInput(ticketType.priceCents) })}
              data-testid="walkup-price-reason"
              value={form.priceReason}
              onChange={(e) => set('priceReason', e.currentTarget.value)}
              error={errors.priceReason}
              maxLength={200}
            />
          )}
          <FormError message={formError} testId="walkup-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('app:common.cancel')}
            </Button>
            <Button type="submit" size="lg" color="green.8" loading={busy} data-testid="walkup-submit">
              {t('walkup.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
