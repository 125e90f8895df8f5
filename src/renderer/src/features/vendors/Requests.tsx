import { ActionIcon, Alert, Anchor, Badge, Button, Group, MultiSelect, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { LIMITS } from '../../../../shared/fields'
import { call, errorMessage } from '../../api/client'
import { useApi } from '../../api/query'
import { href, navigate } from '../../router/hash'
import { FormError } from '../../ui/FormError'
import { formatDate } from '../../ui/format'
import { notifySuccess } from '../../ui/notify'
import { useSave } from '../../ui/useSave'
import { RFQ_COLOR } from './colors'

/** The event's requests for quotation, and a new one. */
export function Requests({ eventId }: { eventId: string }) {
  const { t } = useTranslation(['vendors', 'app', 'shared'])
  const list = useApi('rfq.list', { eventId })
  return (
    <Stack gap="lg" maw={1100}>
      {list.error && <Alert color="red">{errorMessage(list.error)}</Alert>}
      {list.data?.length === 0 && <Text c="dimmed">{t('requests.empty')}</Text>}
      {!!list.data?.length && (
        <Table withTableBorder striped layout="fixed" verticalSpacing="sm" data-testid="rfq-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('requests.titleLabel')}</Table.Th>
              <Table.Th w={170}>{t('shared:columns.rfqs.status')}</Table.Th>
              <Table.Th w={170}>{t('requests.deadline')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((r) => (
              <Table.Tr key={r.id} data-testid="rfq-row">
                <Table.Td>
                  <Anchor href={href(`vendors/requests/${r.id}`)} fw={600} className="ed-ellipsis" display="block">
                    {r.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge color={RFQ_COLOR[r.status]} maw="100%">
                    {t(`shared:rfqStatus.${r.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{formatDate(r.deadline)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <NewRequest eventId={eventId} />
    </Stack>
  )
}

interface LineDraft {
  description: string
  quantity: number
  unit: string
}

const emptyLine = (): LineDraft => ({ description: '', quantity: 1, unit: '' })
const inTwoWeeks = () => new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10)

function NewRequest({ eventId }: { eventId: string }) {
  const { t } = useTranslation(['vendors', 'app', 'shared'])
  const vendors = useApi('vendor.list', { status: 'active' })
  const [title, setTitle] = useState('')
  const [currency, setCurrency] = useState('EUR')
  const [deadline, setDeadline] = useState(inTwoWeeks)
  const [lines, setLines] = useState<LineDraft[]>([emptyLine()])
  const [vendorIds, setVendorIds] = useState<string[]>([])
  const { errors, formError, busy, save } = useSave({ fields: ['title', 'currency', 'deadline', 'lines', 'vendorIds', ...lines.flatMap((_, i) => [`lines.${i}.description`, `lines.${i}.quantity`, `lines.${i}.unit`])] })
  const setLine = (i: number, patch: Partial<LineDraft>) => setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)))

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    await save(async () => {
      const rfq = await call('rfq.create', { eventId, title, currency, deadline, lines, vendorIds })
      notifySuccess(t('requests.created'))
      navigate(`vendors/requests/${rfq.id}`)
    })
  }

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate data-testid="rfq-form">
        <Stack gap="sm">
          <Title order={4}>{t('requests.new')}</Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('requests.titleLabel')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} maxLength={LIMITS.text} data-testid="rfq-title" />
            <TextInput label={t('requests.currency')} value={currency} onChange={(e) => setCurrency(e.currentTarget.value)} error={errors.currency} maxLength={3} />
            <TextInput type="date" label={t('requests.deadline')} value={deadline} onChange={(e) => setDeadline(e.currentTarget.value)} error={errors.deadline} />
          </SimpleGrid>
          <Text fw={600} size="sm">
            {t('requests.lines')}
          </Text>
          {lines.map((line, i) => (
            <Group key={i} gap="xs" align="flex-start" wrap="nowrap" data-testid="rfq-line">
              <TextInput style={{ flex: 1 }} aria-label={t('requests.description')} placeholder={t('requests.description')} value={line.description} onChange={(e) => setLine(i, { description: e.currentTarget.value })} error={errors[`lines.${i}.description`]} data-testid="rfq-line-description" />
              <NumberInput w={110} aria-label={t('requests.quantity')} placeholder={t('requests.quantity')} min={0} value={line.quantity} onChange={(v) => setLine(i, { quantity: Number(v) || 0 })} error={errors[`lines.${i}.quantity`]} data-testid="rfq-line-quantity" />
              <TextInput w={110} aria-label={t('requests.unit')} placeholder={t('requests.unit')} value={line.unit} onChange={(e) => setLine(i, { unit: e.currentTarget.value })} error={errors[`lines.${i}.unit`]} maxLength={20} data-testid="rfq-line-unit" />
              <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('requests.removeLine')} title={t('requests.removeLine')} disabled={lines.length === 1} onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}>
                ×
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button variant="default" size="xs" onClick={() => setLines((ls) => [...ls, emptyLine()])} data-testid="rfq-add-line">
              {t('requests.addLine')}
            </Button>
          </Group>
          <MultiSelect
            label={t('requests.vendors')}
            data={(vendors.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
            value={vendorIds}
            onChange={setVendorIds}
            error={errors.vendorIds}
            searchable
            data-testid="rfq-vendors"
          />
          <FormError message={formError ?? errors.lines ?? null} />
          <Group justify="flex-end">
            <Button type="submit" loading={busy} data-testid="rfq-create">
              {t('requests.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}
