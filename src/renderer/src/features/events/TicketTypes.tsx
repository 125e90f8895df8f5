import { Alert, Badge, Button, ColorInput, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { TicketTypeRow } from '../../../../shared/contract/events'
import { call } from '../../api/client'
import { useLiveRefresh } from '../../api/live'
import { useQuery } from '../../api/useQuery'
import { centsToInput, formatMoney, formatNumber, parseAmount } from '../../ui/format'
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

/** The ticket types of one event: a table and an add/edit form. */
export function TicketTypes({ eventId }: { eventId: string }) {
  const { t } = useTranslation()
  const list = useQuery(() => call('ticketType.list', { eventId }), [eventId])
  useLiveRefresh(['ticket_types'], eventId, list.reload)
  const [editing, setEditing] = useState<TicketTypeRow | null>(null)
  const [form, setForm] = useState<Form>(EMPTY)
  const { errors, setErrors, busy, save: persist } = useSave()

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

  const save = async (e: FormEvent) => {
    e.preventDefault()
    const priceCents = parseAmount(form.price)
    const capacity = form.capacity.trim() === '' ? null : Number(form.capacity)
    const local: Record<string, string> = {}
    if (priceCents === null) local.priceCents = t('walkup.amountInvalid')
    if (capacity !== null && (!Number.isInteger(capacity) || capacity < 0)) local.capacity = t('events.capacityInvalid')
    setErrors(local)
    if (Object.keys(local).length > 0 || priceCents === null) return
    const fields = {
      code: form.code.trim(),
      name: form.name.trim(),
      priceCents,
      currency: form.currency.trim().toUpperCase(),
      capacity,
      color: form.color.trim().toLowerCase()
    }
    await persist(async () => {
      if (editing) await call('ticketType.update', { id: editing.id, ...fields })
      else await call('ticketType.create', { eventId, ...fields })
      notifySuccess(t('ticketTypes.saved', { name: fields.name }))
      startNew()
      list.reload()
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
      {list.error && <Alert color="red">{list.error}</Alert>}
      <Table withTableBorder striped highlightOnHover data-testid="tt-table" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>{t('fields.code')}</Table.Th>
            <Table.Th>{t('fields.name')}</Table.Th>
            <Table.Th w={130}>{t('fields.price')}</Table.Th>
            <Table.Th w={110}>{t('fields.capacity')}</Table.Th>
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
                  {t('common.edit')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data?.length === 0 && <Text c="dimmed">{t('ticketTypes.empty')}</Text>}

      <Paper withBorder p="md">
        <form onSubmit={save} noValidate data-testid="tt-form">
          <Stack gap="sm">
            <Text fw={700}>{editing ? t('ticketTypes.editing', { name: editing.name }) : t('ticketTypes.adding')}</Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={t('fields.code')} data-testid="tt-code" value={form.code} onChange={(e) => set('code', e.currentTarget.value)} error={errors.code} maxLength={16} />
              <TextInput label={t('fields.name')} data-testid="tt-name" value={form.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} maxLength={200} />
              <ColorInput
                label={t('fields.color')}
                data-testid="tt-color"
                value={form.color}
                onChange={(v) => set('color', v)}
                format="hex"
                swatches={SWATCHES}
                error={errors.color}
              />
              <TextInput label={t('fields.price')} inputMode="decimal" data-testid="tt-price" value={form.price} onChange={(e) => set('price', e.currentTarget.value)} error={errors.priceCents} />
              <TextInput label={t('fields.currency')} data-testid="tt-currency" value={form.currency} onChange={(e) => set('currency', e.currentTarget.value)} error={errors.currency} maxLength={3} />
              <TextInput label={t('fields.capacity')} inputMode="numeric" data-testid="tt-capacity" value={form.capacity} onChange={(e) => set('capacity', e.currentTarget.value)} error={errors.capacity} placeholder={t('ticketTypes.noLimit')} />
            </SimpleGrid>
            <Group justify="flex-end">
              {editing && (
                <Button variant="subtle" onClick={startNew}>
                  {t('common.cancel')}
                </Button>
              )}
              <Button type="submit" loading={busy} data-testid="tt-save">
                {editing ? t('common.save') : t('ticketTypes.add')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  )
}
