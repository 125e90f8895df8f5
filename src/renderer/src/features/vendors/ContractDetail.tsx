import { Alert, Anchor, Badge, Button, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import {
  CONTRACT_TRANSITIONS,
  DELIVERABLE_STATES,
  PAYMENT_METHODS,
  type ContractDetail as Contract,
  type ContractStatus,
  type Deliverable,
  type MilestoneRow
} from '../../../../shared/contract/contracts'
import { call, errorMessage } from '../../api/client'
import { setApiData, useApi } from '../../api/query'
import { href } from '../../router/hash'
import { FormError } from '../../ui/FormError'
import { centsToInput, formatDate, formatMoney, parseAmount } from '../../ui/format'
import { notifyError, notifySuccess } from '../../ui/notify'
import { useSave } from '../../ui/useSave'
import { CONTRACT_COLOR } from './colors'

const today = () => new Date().toISOString().slice(0, 10)
const MOVE_LABEL: Record<ContractStatus, string> = {
  draft: '',
  sent: 'contract.markSent',
  signed: 'contract.sign',
  active: 'contract.activate',
  completed: 'contract.complete',
  cancelled: 'contract.cancel'
}

/** A contract: its status, payment milestones with their payments, the fulfilment checklist. */
export function ContractDetail({ contractId }: { contractId: string }) {
  const { t } = useTranslation(['vendors', 'app', 'shared'])
  const contract = useApi('contract.get', { id: contractId })
  if (contract.error) return <Alert color="red">{errorMessage(contract.error)}</Alert>
  if (!contract.data) return null
  const k = contract.data
  return (
    <Stack gap="lg" maw={1100} data-testid="contract-detail">
      <Anchor href={href('vendors/contracts')} size="sm">
        ← {t('contract.back')}
      </Anchor>
      <Group gap="sm" wrap="wrap">
        <Title order={3}>{k.vendorName}</Title>
        <Text c="dimmed">{k.title}</Text>
        <Badge color={CONTRACT_COLOR[k.status]} data-testid="contract-status" data-status={k.status}>
          {t(`shared:contractStatus.${k.status}`)}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Figure label={t('contracts.amount')} value={formatMoney(k.amountMinor, k.currency)} />
        <Figure label={t('contract.deposit')} value={formatMoney(k.depositMinor, k.currency)} />
        <Figure label={t('contracts.paid')} value={formatMoney(k.paidMinor, k.currency)} testId="contract-paid" />
        <Figure label={t('contract.signedBy')} value={k.signedBy ? `${k.signedBy} · ${formatDate(k.signedOn!)}` : '—'} />
      </SimpleGrid>
      <StatusActions contract={k} />
      <Milestones contract={k} />
      <Checklist contract={k} />
    </Stack>
  )
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  )
}

function StatusActions({ contract: k }: { contract: Contract }) {
  const { t } = useTranslation(['vendors', 'app', 'shared'])
  const [signedBy, setSignedBy] = useState('')
  const { errors, formError, busy, save } = useSave({ fields: ['signedBy'] })
  const moves = CONTRACT_TRANSITIONS[k.status]
  if (moves.length === 0) return null
  const move = (status: ContractStatus) =>
    save(async () => {
      setApiData('contract.get', { id: k.id }, await call('contract.setStatus', { id: k.id, status, signedBy: status === 'signed' ? signedBy : null }))
      notifySuccess(status === 'signed' ? t('contract.signed') : t('contract.statusChanged'))
    })
  return (
    <Paper withBorder p="md">
      <Group align="flex-end" wrap="wrap" gap="sm">
        {moves.includes('signed') && (
          <TextInput label={t('contract.signedBy')} value={signedBy} onChange={(e) => setSignedBy(e.currentTarget.value)} error={errors.signedBy} data-testid="contract-signed-by" />
        )}
        {moves.map((status) => (
          <Button
            key={status}
            variant={status === 'cancelled' ? 'outline' : 'filled'}
            color={status === 'cancelled' ? 'red' : undefined}
            loading={busy}
            onClick={() => void move(status)}
            data-testid={`contract-to-${status}`}
          >
            {t(MOVE_LABEL[status] as 'contract.sign')}
          </Button>
        ))}
      </Group>
      <FormError message={formError} />
    </Paper>
  )
}

function Milestones({ contract: k }: { contract: Contract }) {
  const { t } = useTranslation(['vendors', 'app', 'shared'])
  const [paying, setPaying] = useState<string | null>(null)
  const [voiding, setVoiding] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const voidPayment = async (paymentId: string) => {
    try {
      setApiData('contract.get', { id: k.id }, await call('contract.voidPayment', { paymentId, reason }))
      setVoiding(null)
      setReason('')
    } catch (err) {
      notifyError(err)
    }
  }
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        {t('contract.milestones')}
      </Title>
      <Table layout="fixed" verticalSpacing="xs" data-testid="milestones">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('contract.milestone')}</Table.Th>
            <Table.Th w="12%">{t('contract.due')}</Table.Th>
            <Table.Th w="12%" ta="right">
              {t('contract.amount')}
            </Table.Th>
            <Table.Th w="12%" ta="right">
              {t('contract.paid')}
            </Table.Th>
            {/* Wide enough at 1024 px for the longest state ("Achterstallig") and button ("Enregistrer un paiement"). */}
            <Table.Th w="19%">{t('contract.state')}</Table.Th>
            <Table.Th w="25%" />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {k.milestones.map((m) => (
            <MilestoneLine key={m.id} contract={k} milestone={m} paying={paying === m.id} onPay={() => setPaying(paying === m.id ? null : m.id)} onDone={() => setPaying(null)} />
          ))}
        </Table.Tbody>
      </Table>
      <AddMilestone contract={k} />
      {k.payments.length > 0 && (
        <Stack gap={4} mt="md" data-testid="payments">
          <Text fw={600}>{t('contract.payments')}</Text>
          {k.payments.map((p) => (
            <Group key={p.id} gap="sm" data-testid="payment" data-voided={p.voided}>
              <Text size="sm" td={p.voided ? 'line-through' : undefined}>
                {formatDate(p.paidOn)} · {formatMoney(p.amountMinor, k.currency)} · {t(`shared:vendorPaymentMethods.${p.method}`)}
                {p.reference ? ` · ${p.reference}` : ''}
              </Text>
              {p.voided ? (
                <Badge color="gray" size="sm">
                  {t('contract.voided')}
                </Badge>
              ) : voiding === p.id ? (
                <Group gap={4}>
                  <TextInput size="xs" aria-label={t('contract.voidReason')} placeholder={t('contract.voidReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autoFocus />
                  <Button size="compact-sm" color="red" onClick={() => void voidPayment(p.id)}>
                    {t('contract.void')}
                  </Button>
                </Group>
              ) : (
                <Button size="compact-xs" variant="subtle" color="red" onClick={() => setVoiding(p.id)}>
                  {t('contract.void')}
                </Button>
              )}
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  )
}

const STATE_COLOR = { open: 'gray', paid: 'green', overdue: 'red' } as const

function MilestoneLine({ contract: k, milestone: m, paying, onPay, onDone }: { contract: Contract; milestone: MilestoneRow; paying: boolean; onPay: () => void; onDone: () => void }) {
  const { t } = useTranslation(['vendors', 'app', 'shared'])
  return (
    <>
      <Table.Tr data-testid="milestone" data-state={m.state}>
        <Table.Td>
          <Text size="sm" className="ed-ellipsis">
            {m.label}
            {m.percent !== null ? ` (${m.percent} %)` : ''}
          </Text>
        </Table.Td>
        <Table.Td>{formatDate(m.dueOn)}</Table.Td>
        <Table.Td ta="right">{formatMoney(m.amountMinor, k.currency)}</Table.Td>
        <Table.Td ta="right">{formatMoney(m.paidMinor, k.currency)}</Table.Td>
        <Table.Td>
          <Badge color={STATE_COLOR[m.state]} variant="light" h="auto" className="ed-wrap-label">
            {t(`contract.states.${m.state}`)}
          </Badge>
        </Table.Td>
        <Table.Td>
          {m.state !== 'paid' && k.status !== 'cancelled' && (
            <Button size="xs" variant="default" onClick={onPay} data-testid="milestone-pay" py={4} h="auto" className="ed-wrap-label">
              {t('contract.pay')}
            </Button>
          )}
        </Table.Td>
      </Table.Tr>
      {paying && (
        <Table.Tr>
          <Table.Td colSpan={6}>
            <PaymentForm contract={k} milestone={m} onDone={onDone} />
          </Table.Td>
        </Table.Tr>
      )}
    </>
  )
}

function PaymentForm({ contract: k, milestone: m, onDone }: { contract: Contract; milestone: MilestoneRow; onDone: () => void }) {
  const { t } = useTranslation(['vendors', 'app', 'shared'])
  const [amount, setAmount] = useState(centsToInput(m.amountMinor - m.paidMinor))
  const [paidOn, setPaidOn] = useState(today)
  const [method, setMethod] = useState<(typeof PAYMENT_METHODS)[number]>('bank_transfer')
  const [reference, setReference] = useState('')
  const { errors, formError, busy, save, setErrors } = useSave({ fields: ['amountMinor', 'paidOn', 'method', 'reference'] })
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const amountMinor = parseAmount(amount)
    if (amountMinor === null) return setErrors({ amountMinor: t('amountInvalid') })
    const failed = await save(async () => {
      setApiData('contract.get', { id: k.id }, await call('contract.pay', { milestoneId: m.id, amountMinor, paidOn, method, reference }))
      notifySuccess(t('contract.paymentSaved'))
    })
    if (!failed) onDone()
  }
  return (
    <form onSubmit={submit} noValidate data-testid="payment-form">
      <Group align="flex-start" gap="sm" wrap="wrap">
        <TextInput w={140} label={t('contract.amount')} value={amount} onChange={(e) => setAmount(e.currentTarget.value)} error={errors.amountMinor} data-testid="payment-amount" />
        <TextInput w={160} type="date" label={t('contract.paidOn')} value={paidOn} onChange={(e) => setPaidOn(e.currentTarget.value)} error={errors.paidOn} />
        <NativeSelect w={180} label={t('contract.method')} value={method} onChange={(e) => setMethod(e.currentTarget.value as typeof method)} data={PAYMENT_METHODS.map((p) => ({ value: p, label: t(`shared:vendorPaymentMethods.${p}`) }))} />
        <TextInput w={180} label={t('contract.reference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} error={errors.reference} />
        <Button type="submit" mt={25} loading={busy} data-testid="payment-save">
          {t('contract.savePayment')}
        </Button>
      </Group>
      <FormError message={formError} />
    </form>
  )
}

function AddMilestone({ contract: k }: { contract: Contract }) {
  const { t } = useTranslation(['vendors', 'app', 'shared'])
  const [label, setLabel] = useState('')
  const [dueOn, setDueOn] = useState(today)
  const [percent, setPercent] = useState<number | ''>('')
  const { errors, formError, busy, save } = useSave({ fields: ['milestone.label', 'milestone.dueOn', 'milestone.percent', 'milestone.amountMinor'] })
  if (k.status === 'cancelled' || k.status === 'completed') return null
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    await save(async () => {
      setApiData('contract.get', { id: k.id }, await call('contract.addMilestone', { contractId: k.id, milestone: { label, dueOn, percent: percent === '' ? null : percent, amountMinor: null } }))
      setLabel('')
      setPercent('')
    })
  }
  return (
    <form onSubmit={submit} noValidate data-testid="milestone-form">
      <Group align="flex-start" gap="sm" mt="sm" wrap="wrap">
        <TextInput label={t('contract.label')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} error={errors['milestone.label']} />
        <TextInput w={160} type="date" label={t('contract.due')} value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} error={errors['milestone.dueOn']} />
        <NumberInput w={140} label={t('contract.percent')} min={1} max={100} value={percent} onChange={(v) => setPercent(v === '' ? '' : Number(v))} error={errors['milestone.percent'] ?? errors['milestone.amountMinor']} />
        <Button type="submit" variant="default" mt={25} loading={busy}>
          {t('contract.addMilestone')}
        </Button>
      </Group>
      <FormError message={formError} />
    </form>
  )
}

function Checklist({ contract: k }: { contract: Contract }) {
  const { t } = useTranslation(['vendors', 'app', 'shared'])
  const [label, setLabel] = useState('')
  const store = async (checklist: Deliverable[]) => {
    try {
      setApiData('contract.get', { id: k.id }, await call('contract.setChecklist', { id: k.id, checklist }))
    } catch (err) {
      notifyError(err)
    }
  }
  return (
    <Paper withBorder p="md" data-testid="checklist">
      <Title order={4} mb="sm">
        {t('contract.checklist')}
      </Title>
      <Stack gap="xs">
        {k.checklist.map((d) => (
          <Group key={d.id} justify="space-between" wrap="nowrap">
            <Text size="sm" className="ed-ellipsis">
              {d.label}
            </Text>
            <NativeSelect
              w={180}
              aria-label={d.label}
              value={d.state}
              data={DELIVERABLE_STATES.map((s) => ({ value: s, label: t(`contract.deliverableStates.${s}`) }))}
              onChange={(e) => void store(k.checklist.map((x) => (x.id === d.id ? { ...x, state: e.currentTarget.value as Deliverable['state'] } : x)))}
            />
          </Group>
        ))}
        <Group gap="sm">
          <TextInput style={{ flex: 1 }} aria-label={t('contract.deliverable')} placeholder={t('contract.deliverable')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} />
          <Button
            variant="default"
            disabled={!label.trim()}
            onClick={() => {
              void store([...k.checklist, { id: crypto.randomUUID(), label, dueOn: null, state: 'unfulfilled' }])
              setLabel('')
            }}
          >
            {t('contract.addDeliverable')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  )
}
