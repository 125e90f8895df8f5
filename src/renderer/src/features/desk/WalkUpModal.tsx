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
}

const FIELDS = ['firstName', 'lastName', 'email', 'company', 'ticketTypeId', 'paymentMethod', 'amountCents'] as const
const EMPTY: Form = { firstName: '', lastName: '', email: '', company: '', ticketTypeId: '', paymentMethod: 'cash', amount: '' }

/** Register someone who has no ticket yet, take the payment, check them in. */
export function WalkUpModal({ eventId, opened, onClose, onDone }: Props) {
  const { t } = useTranslation(['desk', 'app', 'shared'])
  const ticketTypes = useTicketTypes(eventId)
  const [form, setForm] = useState<Form>(EMPTY)
  // One id per person registered: a retry after a lost answer finds the first attempt's registration.
  const [registrationId, setRegistrationId] = useState(() => uuidv7())
  const { errors, formError, setErrors, busy, save } = useSave({ fields: FIELDS })

  const ticketType = ticketTypes.find((tt) => tt.id === form.ticketTypeId)

  // A fresh form picks the first ticket type and its price.
  useEffect(() => {
    if (!opened || form.ticketTypeId || ticketTypes.length === 0) return
    const first = ticketTypes[0]!
    setForm((f) => ({ ...f, ticketTypeId: first.id, amount: centsToInput(first.priceCents) }))
  }, [opened, ticketTypes, form.ticketTypeId])

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
        amountCents
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
            data={ticketTypes.map((tt) => ({ value: tt.id, label: tt.name }))}
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
