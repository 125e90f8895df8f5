import { Alert, Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { LeadRow } from '../../../../shared/contract/crm'
import { PRODUCTS, type Product } from '../../../../shared/contract/pipeline'
import { v7 as uuid } from 'uuid'
import { call, errorMessage } from '../../api/client'
import { useApi } from '../../api/query'
import { navigate } from '../../router/hash'
import { FormError } from '../../ui/FormError'
import { fullName, parseAmount } from '../../ui/format'
import { notifyError, notifySuccess } from '../../ui/notify'
import { useSave } from '../../ui/useSave'
import { closeDateIn } from './dates'

const STATUS_COLOR: Record<string, string> = { new: 'blue', working: 'yellow', qualified: 'green', disqualified: 'gray', converted: 'teal', merged: 'gray' }

/** Leads with their score: add one, qualify it once it reaches the threshold, turn a qualified one into an opportunity. */
export function LeadsView({ eventId }: { eventId: string }) {
  const { t } = useTranslation(['sales', 'shared'])
  const list = useApi('lead.list', { eventId })
  return (
    <Stack gap="lg" maw={1200}>
      <NewLead eventId={eventId} />
      {list.error && <Alert color="red">{errorMessage(list.error)}</Alert>}
      {list.data && (
        <Text size="sm" c="dimmed" data-testid="lead-threshold">
          {t('threshold', { threshold: list.data.threshold, count: list.data.total })}
        </Text>
      )}
      <Table withTableBorder striped layout="fixed" verticalSpacing="sm" data-testid="lead-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('person')}</Table.Th>
            <Table.Th>{t('shared:columns.leads.company')}</Table.Th>
            <Table.Th w={110}>{t('score')}</Table.Th>
            <Table.Th w={180}>{t('shared:columns.leads.status')}</Table.Th>
            <Table.Th w="30%" />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.leads.map((lead) => <LeadLine key={lead.id} lead={lead} eventId={eventId} />)}
        </Table.Tbody>
      </Table>
      {list.data?.leads.length === 0 && <Text c="dimmed">{t('noLeads')}</Text>}
    </Stack>
  )
}

function LeadLine({ lead, eventId }: { lead: LeadRow; eventId: string }) {
  const { t } = useTranslation(['sales', 'shared'])
  const [busy, setBusy] = useState(false)
  const [converting, setConverting] = useState(false)
  const qualify = async () => {
    setBusy(true)
    try {
      await call('lead.setStatus', { id: lead.id, status: 'qualified' })
      notifySuccess(t('qualified', { name: fullName(lead) }))
    } catch (err) {
      notifyError(err)
    } finally {
      setBusy(false)
    }
  }
  const why = [
    lead.score.parts.companyDomain && t('why.companyDomain', { points: lead.score.parts.companyDomain }),
    lead.score.parts.jobTitle && t('why.jobTitle', { points: lead.score.parts.jobTitle }),
    lead.score.parts.companySize && t('why.companySize', { points: lead.score.parts.companySize })
  ].filter(Boolean)
  return (
    <>
      <Table.Tr data-testid="lead-row" data-status={lead.status}>
        <Table.Td>
          <Text fw={600} className="ed-ellipsis">
            {fullName(lead)}
          </Text>
          <Text size="sm" c="dimmed" className="ed-ellipsis">
            {lead.email ?? '—'}
          </Text>
        </Table.Td>
        <Table.Td>
          <Text className="ed-ellipsis">{lead.company ?? '—'}</Text>
          <Text size="sm" c="dimmed" className="ed-ellipsis">
            {lead.jobTitle ?? ''}
          </Text>
        </Table.Td>
        <Table.Td>
          <Badge color={lead.ready ? 'green' : 'gray'} variant={lead.ready ? 'filled' : 'outline'} title={why.join(', ')} data-testid="lead-score">
            {lead.score.total}
          </Badge>
        </Table.Td>
        <Table.Td>
          <Badge color={STATUS_COLOR[lead.status]} variant="light" data-testid="lead-status">
            {t(`shared:leadStatus.${lead.status}`)}
          </Badge>
        </Table.Td>
        <Table.Td>
          <Group gap="xs" wrap="wrap">
            {lead.ready && (lead.status === 'new' || lead.status === 'working') && (
              <Button size="xs" loading={busy} onClick={() => void qualify()} data-testid="lead-qualify">
                {t('qualify')}
              </Button>
            )}
            {lead.status === 'qualified' && !converting && (
              <Button size="xs" variant="light" onClick={() => setConverting(true)} data-testid="lead-convert">
                {t('toOpportunity')}
              </Button>
            )}
          </Group>
        </Table.Td>
      </Table.Tr>
      {converting && (
        <Table.Tr>
          <Table.Td colSpan={5}>
            <ConvertLead lead={lead} eventId={eventId} onClose={() => setConverting(false)} />
          </Table.Td>
        </Table.Tr>
      )}
    </>
  )
}

function NewLead({ eventId }: { eventId: string }) {
  const { t } = useTranslation(['sales', 'shared', 'app'])
  const empty = { firstName: '', lastName: '', email: '', company: '', jobTitle: '' }
  const [form, setForm] = useState(empty)
  // One id per lead typed in: a retry after a lost answer finds the lead its first attempt made.
  const [id, setId] = useState(() => uuid())
  const { errors, formError, busy, save } = useSave({ fields: ['firstName', 'lastName', 'email', 'company', 'jobTitle'] })
  const field = (name: keyof typeof empty) => ({
    value: form[name],
    onChange: (e: { currentTarget: { value: string } }) => setForm({ ...form, [name]: e.currentTarget.value }),
    error: errors[name],
    'data-testid': `lead-${name}`
  })
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const failed = await save(async () => {
      await call('lead.create', { id, eventId, ...form, companySize: null, phone: null, ownerId: null, notes: null })
    })
    if (!failed) {
      setForm(empty)
      setId(uuid())
    }
  }
  return (
    <Paper withBorder p="md" component="form" onSubmit={(e: FormEvent) => void submit(e)} data-testid="lead-form">
      <Title order={4} mb="sm">
        {t('newLead')}
      </Title>
      <SimpleGrid cols={{ base: 2, md: 3 }} spacing="sm">
        <TextInput label={t('shared:columns.leads.first_name')} {...field('firstName')} />
        <TextInput label={t('shared:columns.leads.last_name')} {...field('lastName')} />
        <TextInput label={t('shared:columns.leads.email')} type="email" {...field('email')} />
        <TextInput label={t('shared:columns.leads.company')} {...field('company')} />
        <TextInput label={t('shared:columns.leads.job_title')} {...field('jobTitle')} />
      </SimpleGrid>
      <Group mt="sm" gap="sm">
        <Button type="submit" loading={busy} data-testid="lead-add">
          {t('addLead')}
        </Button>
        <FormError message={formError} />
      </Group>
    </Paper>
  )
}

function ConvertLead({ lead, eventId, onClose }: { lead: LeadRow; eventId: string; onClose: () => void }) {
  const { t } = useTranslation(['sales', 'shared', 'app'])
  const [form, setForm] = useState({ name: `${lead.company ?? fullName(lead)} – ${t('shared:products.sponsorship')}`, product: 'sponsorship' as Product, amount: '', currency: 'EUR', closeDate: closeDateIn(30) })
  const { errors, formError, busy, save, setErrors } = useSave({ fields: ['name', 'amountCents', 'currency', 'closeDate'] })
  const [id] = useState(() => uuid())
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const amountCents = parseAmount(form.amount)
    if (amountCents === null) return setErrors({ amountCents: t('amountInvalid') })
    const failed = await save(async () => {
      const { amount: _amount, ...rest } = form
      await call('opportunity.fromLead', { ...rest, id, leadId: lead.id, eventId, sponsorLevel: null, amountCents })
    })
    if (!failed) {
      onClose()
      navigate('sales/pipeline')
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)} data-testid="convert-form">
      <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm">
        <TextInput label={t('shared:columns.opportunities.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} error={errors.name} />
        <NativeSelect
          label={t('shared:columns.opportunities.product')}
          value={form.product}
          onChange={(e) => setForm({ ...form, product: e.currentTarget.value as Product })}
          data={PRODUCTS.map((p) => ({ value: p, label: t(`shared:products.${p}`) }))}
        />
        <TextInput label={t('shared:columns.opportunities.amount_cents')} inputMode="decimal" value={form.amount} onChange={(e) => setForm({ ...form, amount: e.currentTarget.value })} error={errors.amountCents} data-testid="convert-amount" />
        <TextInput label={t('shared:columns.opportunities.currency')} maxLength={3} value={form.currency} onChange={(e) => setForm({ ...form, currency: e.currentTarget.value })} error={errors.currency} />
        <TextInput label={t('shared:columns.opportunities.close_date')} type="date" value={form.closeDate} onChange={(e) => setForm({ ...form, closeDate: e.currentTarget.value })} error={errors.closeDate} />
      </SimpleGrid>
      <Group mt="sm" gap="sm">
        <Button type="submit" loading={busy} data-testid="convert-save">
          {t('createOpportunity')}
        </Button>
        <Button variant="subtle" onClick={onClose}>
          {t('app:common.cancel')}
        </Button>
        <FormError message={formError} />
      </Group>
    </form>
  )
}
