import { Alert, Badge, Button, Group, MultiSelect, NumberInput, Paper, SegmentedControl, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core'
import { useMemo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { OPEN_LIST_RULES, type CheckinListFields, type CheckinListRow, type ListMode } from '../../../../shared/contract/checkin-lists'
import { call, errorMessage } from '../../api/client'
import { upsertApiRow, useApi } from '../../api/query'
import { useTicketTypes } from '../../shared/events'
import { FormError } from '../../ui/FormError'
import { formatDate, formatNumber } from '../../ui/format'
import { notifySuccess } from '../../ui/notify'
import { Screen } from '../../ui/Screen'
import { useSave } from '../../ui/useSave'

const FIELDS = ['name', 'ticketTypeIds', 'days', 'opensAt', 'closesAt', 'toleranceMinutes', 'mode', 'reentry', 'capacity', 'autoCheckoutAt'] as const

const EMPTY: CheckinListFields = { ...OPEN_LIST_RULES, name: '', toleranceMinutes: 15 }

/** Every date from the event's first day to its last. */
function eventDays(start: string, end: string): string[] {
  const days: string[] = []
  for (let d = new Date(`${start}T00:00:00Z`); d <= new Date(`${end}T00:00:00Z`) && days.length < 366; d.setUTCDate(d.getUTCDate() + 1)) {
    days.push(d.toISOString().slice(0, 10))
  }
  return days
}

/** The check-in lists of an event and their rules: a table and an add/edit form. */
export function ListsManager({ eventId }: { eventId: string }) {
  const { t } = useTranslation(['door', 'shared', 'app'])
  const lists = useApi('checkinList.list', { eventId })
  const events = useApi('event.list', {})
  const event = events.data?.find((e) => e.id === eventId)
  const ticketTypes = useTicketTypes(eventId)
  const typeNames = useMemo(() => new Map(ticketTypes.map((tt) => [tt.id, tt.name])), [ticketTypes])
  const [editing, setEditing] = useState<CheckinListRow | null>(null)
  const [form, setForm] = useState<CheckinListFields>(EMPTY)
  const { errors, formError, busy, save } = useSave({ fields: FIELDS, prefix: 'list' })
  const set = <K extends keyof CheckinListFields>(key: K, value: CheckinListFields[K]) => setForm((f) => ({ ...f, [key]: value }))

  const startNew = () => {
    setEditing(null)
    setForm(EMPTY)
  }
  const edit = (row: CheckinListRow) => {
    const { id: _id, eventId: _eventId, inside: _inside, admitted: _admitted, ...fields } = row
    setEditing(row)
    setForm(fields)
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const list = { ...form, name: form.name.trim(), opensAt: form.opensAt || null, closesAt: form.closesAt || null, autoCheckoutAt: form.autoCheckoutAt || null }
    await save(async () => {
      const saved = editing ? await call('checkinList.update', { id: editing.id, list }) : await call('checkinList.create', { id: crypto.randomUUID(), eventId, list })
      upsertApiRow('checkinList.list', { eventId }, saved)
      notifySuccess(t('lists.saved', { name: saved.name }))
      startNew()
    })
  }

  const remove = async (row: CheckinListRow) => {
    await save(async () => {
      await call('checkinList.delete', { id: row.id })
      notifySuccess(t('lists.deleted', { name: row.name }))
      if (editing?.id === row.id) startNew()
    })
  }

  const hours = (l: CheckinListRow) => (l.opensAt || l.closesAt ? `${l.opensAt ?? '00:00'}–${l.closesAt ?? '24:00'}` : t('lists.allDay'))
  const time = (v: string | null) => v ?? ''

  return (
    <Screen title={t('lists.title')} actions={<Button variant="default" onClick={startNew} data-testid="lists-new">{t('lists.new')}</Button>} testId="lists-screen">
      <Stack gap="lg">
        {lists.error && <Alert color="red">{errorMessage(lists.error)}</Alert>}
        {event && <Text c="dimmed">{t('lists.timezone', { timezone: event.timezone })}</Text>}
        <Table withTableBorder striped layout="fixed" data-testid="lists-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('shared:columns.checkin_lists.name')}</Table.Th>
              <Table.Th>{t('lists.admits')}</Table.Th>
              {/* Shares, not pixels: at 1024 px fixed widths left the name and ticket types a few pixels each. */}
              <Table.Th w="17%">{t('lists.when')}</Table.Th>
              <Table.Th w="15%">{t('shared:columns.checkin_lists.mode')}</Table.Th>
              <Table.Th w="10%">{t('lists.insideColumn')}</Table.Th>
              <Table.Th w="18%" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lists.data?.map((l) => (
              <Table.Tr key={l.id} data-testid="lists-row" bg={editing?.id === l.id ? 'blue.0' : undefined}>
                <Table.Td className="ed-ellipsis">{l.name}</Table.Td>
                <Table.Td>
                  {l.ticketTypeIds.length === 0 ? (
                    <Text size="sm">{t('lists.everyType')}</Text>
                  ) : (
                    <Group gap={4}>
                      {l.ticketTypeIds.map((id) => (
                        <Badge key={id} variant="light" h="auto" className="ed-wrap-label">
                          {typeNames.get(id) ?? id}
                        </Badge>
                      ))}
                    </Group>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{l.days.length === 0 ? t('lists.everyDay') : l.days.map(formatDate).join(', ')}</Text>
                  <Text size="sm" c="dimmed">
                    {hours(l)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`shared:listModes.${l.mode}`)}</Text>
                  {l.mode === 'entry_exit' && !l.reentry && (
                    <Text size="sm" c="dimmed">
                      {t('shared:scanOutcomes.no_reentry')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{l.capacity === null ? formatNumber(l.inside) : `${formatNumber(l.inside)} / ${formatNumber(l.capacity)}`}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="wrap">
                    <Button size="xs" variant="light" onClick={() => edit(l)} data-testid="lists-edit">
                      {t('app:common.edit')}
                    </Button>
                    <Button size="xs" variant="subtle" color="red" onClick={() => void remove(l)} data-testid="lists-delete">
                      {t('lists.delete')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>

        <Paper withBorder p="md" radius="md">
          <form onSubmit={submit}>
            <Stack>
              <Title order={3}>{editing ? t('lists.editTitle', { name: editing.name }) : t('lists.newTitle')}</Title>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('shared:columns.checkin_lists.name')} placeholder={t('lists.namePlaceholder')} value={form.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} required data-testid="lists-name" />
                <MultiSelect
                  label={t('shared:columns.checkin_lists.ticket_type_ids')}
                  placeholder={form.ticketTypeIds.length === 0 ? t('lists.everyType') : undefined}
                  data={ticketTypes.map((tt) => ({ value: tt.id, label: tt.name }))}
                  value={form.ticketTypeIds}
                  onChange={(v) => set('ticketTypeIds', v)}
                  error={errors.ticketTypeIds}
                  data-testid="lists-types"
                />
                <MultiSelect
                  label={t('shared:columns.checkin_lists.days')}
                  placeholder={form.days.length === 0 ? t('lists.everyDay') : undefined}
                  data={(event ? eventDays(event.startDate, event.endDate) : form.days).map((d) => ({ value: d, label: formatDate(d) }))}
                  value={form.days}
                  onChange={(v) => set('days', v)}
                  error={errors.days}
                  data-testid="lists-days"
                />
                <Group grow align="flex-start">
                  <TextInput type="time" label={t('shared:columns.checkin_lists.opens_at')} value={time(form.opensAt)} onChange={(e) => set('opensAt', e.currentTarget.value || null)} error={errors.opensAt} data-testid="lists-opens" />
                  <TextInput type="time" label={t('shared:columns.checkin_lists.closes_at')} value={time(form.closesAt)} onChange={(e) => set('closesAt', e.currentTarget.value || null)} error={errors.closesAt} data-testid="lists-closes" />
                  <NumberInput label={t('lists.tolerance')} min={0} max={1440} value={form.toleranceMinutes} onChange={(v) => set('toleranceMinutes', typeof v === 'number' ? v : 0)} error={errors.toleranceMinutes} data-testid="lists-tolerance" />
                </Group>
                <Stack gap={6}>
                  <Text size="sm" fw={500}>
                    {t('shared:columns.checkin_lists.mode')}
                  </Text>
                  <SegmentedControl
                    value={form.mode}
                    onChange={(v) => set('mode', v as ListMode)}
                    data={[
                      { value: 'entry', label: t('shared:listModes.entry') },
                      { value: 'entry_exit', label: t('shared:listModes.entry_exit') }
                    ]}
                    data-testid="lists-mode"
                  />
                  {form.mode === 'entry_exit' && (
                    <Switch label={t('shared:columns.checkin_lists.reentry')} checked={form.reentry} onChange={(e) => set('reentry', e.currentTarget.checked)} data-testid="lists-reentry" />
                  )}
                </Stack>
                <Group grow align="flex-start">
                  <NumberInput label={t('shared:columns.checkin_lists.capacity')} placeholder={t('lists.noLimit')} min={1} value={form.capacity ?? ''} onChange={(v) => set('capacity', typeof v === 'number' ? v : null)} error={errors.capacity} data-testid="lists-capacity" />
                  <TextInput type="time" label={t('shared:columns.checkin_lists.auto_checkout_at')} value={time(form.autoCheckoutAt)} onChange={(e) => set('autoCheckoutAt', e.currentTarget.value || null)} error={errors.autoCheckoutAt} data-testid="lists-checkout" />
                </Group>
              </SimpleGrid>
              <FormError message={formError} />
              <Group justify="flex-end">
                {editing && (
                  <Button variant="default" onClick={startNew}>
                    {t('app:common.cancel')}
                  </Button>
                )}
                <Button type="submit" loading={busy} data-testid="lists-save">
                  {t('lists.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      </Stack>
    </Screen>
  )
}
