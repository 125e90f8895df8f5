import { Alert, Badge, Button, ColorInput, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { TicketTypeRow } from '../../../../shared/contract/events'
import { call, errorMessage } from '../../api/client'
import { upsertApiRow, useApi } from '../../api/query'
import { centsToInput, formatMoney, formatNumber, parseAmount } from '../../ui/format'
import { FormError } from '../../ui/FormError'
import { notifySuccess } from '../../ui/notify'
import { useSave } from '../../ui/useSave'

interface Form {
  code: string
  name: string
  price: string
  currency: string
  capacity: string
  color: string
}

const FIELDS = ['code', 'name', 'color', 'priceCents', 'currency', 'capacity'] as const
const SWATCHES = ['#8e24aa', '#1e88e5', '#43a047', '#fb8c00', '#e53935', '#546e7a', '#00897b', '#fdd835', '#3949ab', '#6d4c41']
const EMPTY: Form = { code: '', name: '', price: '0.00', currency: 'EUR', capacity: '', color: '#1e88e5' }

function toForm(tt: TicketTypeRow): Form {
  return {
    code: tt.code,
    name: tt.name,
    price: centsToInput(tt.priceCents),
    currency: tt.currency,
    capacity: tt.capacity === null ? '' : String(tt.capacity),
    color: tt.color
  }
}

/** The ticket types of one event: a table and an add/edit form; `editId` (from a link) opens one for editing. */
export function TicketTypes({ eventId, editId }: { eventId: string; editId?: string }) {
  const { t } = useTranslation(['events', 'app', 'shared'])
  const list = useApi('ticketType.list', { eventId })
  const [editing, setEditing] = useState<TicketTypeRow | null>(null)
  const [form, setForm] = useState<Form>(EMPTY)
  const { errors, formError, setErrors, busy, save: persist } = useSave({ fields: FIELDS })

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }))

  const startNew = () => {
    setEditing(null)
    setForm(EMPTY)
    setErrors({})
  }

  const edit = (tt: TicketTypeRow) => {
    setEditing(tt)
    setForm(toForm(tt))
    setErrors({})
  }

  // A link to one ticket type (e.g. from the conflicts list) opens it in the form, once the list is here.
  const formRef = useRef<HTMLFormElement>(null)
  const linked = list.data?.find((tt) => tt.id === editId)
  useEffect(() => {
    if (!linked) return
    edit(linked)
    formRef.current?.scrollIntoView({ block: 'center' })
    // Only when the link (or the row it names) first arrives, not on every refresh of the list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [linked?.id])

  const save = async (e: FormEvent) => {
    e.preventDefault()
    const priceCents = parseAmount(form.price)
    const capacity = form.capacity.trim() === '' ? null : Number(form.capacity)
    const local: Record<string, string> = {}
    if (priceCents === null) local.priceCents = t('ticketTypes.priceInvalid')
    if (capacity !== null && (!Number.isInteger(capacity) || capacity < 0)) local.capacity = t('capacityInvalid')
    if (Object.keys(local).length > 0 || priceCents === null) {
      setErrors(local)
      return
    }
    const fields = {
      code: form.code.trim(),
      name: form.name.trim(),
      priceCents,
      currency: form.currency.trim().toUpperCase(),
      capacity,
      color: form.color.trim().toLowerCase()
    }
    await persist(async () => {
      const saved = editing ? await call('ticketType.update', { id: editing.id, ...fields }) : await call('ticketType.create', { eventId, ...fields })
      upsertApiRow('ticketType.list', { eventId }, saved)
      notifySuccess(t('ticketTypes.saved', { name: fields.name }))
      startNew()
    })
  }

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3}>{t('ticketTypes.title')}</Title>
        <Button variant="default" onClick={startNew} data-testid="tt-new">
          {t('ticketTypes.new')}
        </Button>
      </Group>
      {list.error && <Alert color="red">{errorMessage(list.error)}</Alert>}
      <Table withTableBorder striped highlightOnHover data-testid="tt-table" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>{t('shared:fields.code')}</Table.Th>
            <Table.Th>{t('shared:fields.name')}</Table.Th>
            <Table.Th w={130}>{t('shared:fields.price')}</Table.Th>
            <Table.Th w={110}>{t('shared:fields.capacity')}</Table.Th>
            <Table.Th w={110} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.map((tt) => (
            <Table.Tr key={tt.id} data-testid="tt-row" bg={editing?.id === tt.id ? 'blue.0' : undefined}>
              <Table.Td className="ed-mono ed-ellipsis">{tt.code}</Table.Td>
              <Table.Td>
                <Badge color={tt.color} autoContrast radius="sm" maw="100%" title={tt.name}>
                  {tt.name}
                </Badge>
              </Table.Td>
              <Table.Td>{formatMoney(tt.priceCents, tt.currency)}</Table.Td>
              <Table.Td>{tt.capacity === null ? '—' : formatNumber(tt.capacity)}</Table.Td>
              <Table.Td>
                <Button size="xs" variant="light" onClick={() => edit(tt)} data-testid="tt-edit">
                  {t('app:common.edit')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data?.length === 0 && <Text c="dimmed">{t('ticketTypes.empty')}</Text>}

      <Paper withBorder p="md">
        <form onSubmit={save} noValidate data-testid="tt-form" ref={formRef}>
          <Stack gap="sm">
            <Text fw={700}>{editing ? t('ticketTypes.editing', { name: editing.name }) : t('ticketTypes.adding')}</Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={t('shared:fields.code')} data-testid="tt-code" value={form.code} onChange={(e) => set('code', e.currentTarget.value)} error={errors.code} maxLength={16} />
              <TextInput label={t('shared:fields.name')} data-testid="tt-name" value={form.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} maxLength={200} />
              <ColorInput
                label={t('shared:fields.color')}
                data-testid="tt-color"
                value={form.color}
                onChange={(v) => set('color', v)}
                format="hex"
                swatches={SWATCHES}
                error={errors.color}
              />
              <TextInput label={t('shared:fields.price')} inputMode="decimal" data-testid="tt-price" value={form.price} onChange={(e) => set('price', e.currentTarget.value)} error={errors.priceCents} />
              <TextInput label={t('shared:fields.currency')} data-testid="tt-currency" value={form.currency} onChange={(e) => set('currency', e.currentTarget.value)} error={errors.currency} maxLength={3} />
              <TextInput label={t('shared:fields.capacity')} inputMode="numeric" data-testid="tt-capacity" value={form.capacity} onChange={(e) => set('capacity', e.currentTarget.value)} error={errors.capacity} placeholder={t('ticketTypes.noLimit')} />
            </SimpleGrid>
            <FormError message={formError} />
            <Group justify="flex-end">
              {editing && (
                <Button variant="subtle" onClick={startNew}>
                  {t('app:common.cancel')}
                </Button>
              )}
              <Button type="submit" loading={busy} data-testid="tt-save">
                {editing ? t('app:common.save') : t('ticketTypes.add')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  )
}
