import { Alert, Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core'
import { useState, type DragEvent, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { v7 as uuid } from 'uuid'
import { PRODUCTS, type BoardColumn, type OpportunityRow, type Product } from '../../../../shared/contract/pipeline'
import { STAGES, type Stage } from '../../../../shared/sales/stages'
import { call, errorMessage } from '../../api/client'
import { useApi } from '../../api/query'
import { FormError } from '../../ui/FormError'
import { formatDate, formatMoney, parseAmount } from '../../ui/format'
import { notifyError } from '../../ui/notify'
import { useSave } from '../../ui/useSave'
import { closeDateIn } from './dates'

const DRAG_TYPE = 'application/x-eventdesk-opportunity'

/**
 * The board: a column per stage with its count, total and weighted total per
 * currency — computed by the desk over every matching deal, not the cards
 * shown. A card moves by dragging it to another column or with its stage picker.
 */
export function PipelineView({ eventId }: { eventId: string }) {
  const { t } = useTranslation(['sales', 'shared'])
  const [product, setProduct] = useState<Product | ''>('')
  const board = useApi('pipeline.board', { eventId, ...(product ? { product } : {}), limit: 50 })
  const move = async (id: string, stage: Stage, lostReason?: string) => {
    try {
      await call('opportunity.move', { id, stage, lostReason: lostReason ?? null })
    } catch (err) {
      notifyError(err)
    }
  }
  return (
    <Stack gap="lg">
      <NewOpportunity eventId={eventId} />
      <Group gap="sm">
        <NativeSelect
          aria-label={t('shared:columns.opportunities.product')}
          data-testid="board-product"
          value={product}
          onChange={(e) => setProduct(e.currentTarget.value as Product | '')}
          data={[{ value: '', label: t('allProducts') }, ...PRODUCTS.map((p) => ({ value: p, label: t(`shared:products.${p}`) }))]}
        />
      </Group>
      {board.error && <Alert color="red">{errorMessage(board.error)}</Alert>}
      <div className="ed-board" data-testid="board">
        {board.data?.columns.map((column) => (
          <Column key={column.stage} column={column} probability={board.data.probabilities[column.stage]} onMove={move} />
        ))}
      </div>
    </Stack>
  )
}

function Column({ column, probability, onMove }: { column: BoardColumn; probability: number; onMove: (id: string, stage: Stage, lostReason?: string) => Promise<void> }) {
  const { t } = useTranslation(['sales', 'shared'])
  const [over, setOver] = useState(false)
  const drop = (e: DragEvent) => {
    e.preventDefault()
    setOver(false)
    const id = e.dataTransfer.getData(DRAG_TYPE)
    // Lost needs a reason: the card's own picker asks for it.
    if (id && column.stage !== 'lost') void onMove(id, column.stage)
  }
  return (
    <Paper
      withBorder
      p="xs"
      className="ed-board-column"
      data-testid="board-column"
      data-stage={column.stage}
      data-over={over || undefined}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(DRAG_TYPE)) {
          e.preventDefault()
          setOver(true)
        }
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <Stack gap={4} mb="xs" data-testid="column-head">
        <Group justify="space-between" gap={4} wrap="nowrap">
          <Text fw={700} className="ed-ellipsis" title={t(`shared:stages.${column.stage}`)}>
            {t(`shared:stages.${column.stage}`)}
          </Text>
          <Badge variant="light" data-testid="column-count" style={{ flexShrink: 0 }}>
            {column.count}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {t('probability', { pct: probability })}
        </Text>
        {column.totals.map((total) => (
          <div key={total.currency} data-testid="column-total" data-currency={total.currency}>
            <Text size="sm" fw={600} data-testid="column-sum">
              {formatMoney(total.totalCents, total.currency)}
            </Text>
            <Text size="xs" c="dimmed" data-testid="column-weighted">
              {t('weighted', { amount: formatMoney(total.weightedCents, total.currency) })}
            </Text>
          </div>
        ))}
      </Stack>
      <Stack gap="xs">
        {column.cards.map((card) => (
          <Card key={card.id} card={card} onMove={onMove} />
        ))}
        {column.count > column.cards.length && (
          <Text size="xs" c="dimmed">
            {t('more', { count: column.count - column.cards.length })}
          </Text>
        )}
      </Stack>
    </Paper>
  )
}

function Card({ card, onMove }: { card: OpportunityRow; onMove: (id: string, stage: Stage, lostReason?: string) => Promise<void> }) {
  const { t } = useTranslation(['sales', 'shared', 'app'])
  const [losing, setLosing] = useState(false)
  const [reason, setReason] = useState('')
  return (
    <Paper
      withBorder
      p="xs"
      shadow="xs"
      draggable
      onDragStart={(e) => e.dataTransfer.setData(DRAG_TYPE, card.id)}
      data-testid="board-card"
      data-id={card.id}
      style={{ cursor: 'grab' }}
    >
      <Text size="sm" fw={600} className="ed-ellipsis" title={card.name}>
        {card.name}
      </Text>
      <Text size="xs" c="dimmed" className="ed-ellipsis">
        {card.accountName ?? ''}
      </Text>
      <Text size="sm">{formatMoney(card.amountCents, card.currency)}</Text>
      <Text size="xs" c="dimmed">
        {formatDate(card.closeDate)} · {card.effectiveProbability} %
      </Text>
      <NativeSelect
        mt={4}
        size="xs"
        aria-label={t('moveTo')}
        data-testid="card-stage"
        value={card.stage}
        onChange={(e) => {
          const stage = e.currentTarget.value as Stage
          if (stage === 'lost') setLosing(true)
          else void onMove(card.id, stage)
        }}
        data={STAGES.map((s) => ({ value: s, label: t(`shared:stages.${s}`) }))}
      />
      {losing && (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            if (reason.trim()) void onMove(card.id, 'lost', reason).then(() => setLosing(false))
          }}
        >
          <TextInput mt={4} size="xs" placeholder={t('shared:columns.opportunities.lost_reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autoFocus data-testid="card-lost-reason" />
          <Group gap={4} mt={4}>
            <Button size="compact-xs" type="submit" color="red">
              {t('markLost')}
            </Button>
            <Button size="compact-xs" variant="subtle" onClick={() => setLosing(false)}>
              {t('app:common.cancel')}
            </Button>
          </Group>
        </form>
      )}
    </Paper>
  )
}

/** A new deal: an account (picked, or typed to make a new one), what, how much, by when. */
function NewOpportunity({ eventId }: { eventId: string }) {
  const { t } = useTranslation(['sales', 'shared', 'app'])
  const accounts = useApi('account.list', {})
  const empty = { accountName: '', name: '', product: 'sponsorship' as Product, amount: '', currency: 'EUR', closeDate: closeDateIn(30), probability: '' }
  const [form, setForm] = useState(empty)
  const [id, setId] = useState(() => uuid())
  const { errors, formError, busy, save, setErrors } = useSave({ fields: ['name', 'amountCents', 'currency', 'closeDate', 'probability'] })
  const set = (name: keyof typeof empty) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [name]: e.currentTarget.value })
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const amountCents = parseAmount(form.amount)
    const probability = form.probability.trim() === '' ? null : Number(form.probability)
    const local: Record<string, string> = {}
    if (amountCents === null) local.amountCents = t('amountInvalid')
    if (!form.accountName.trim()) local.accountName = t('accountRequired')
    if (probability !== null && !(Number.isInteger(probability) && probability >= 0 && probability <= 100)) local.probability = t('probabilityInvalid')
    if (Object.keys(local).length) return setErrors(local)
    const failed = await save(async () => {
      const known = accounts.data?.find((a) => a.name.toLowerCase() === form.accountName.trim().toLowerCase())
      const accountId =
        known?.id ?? (await call('account.create', { name: form.accountName, domain: null, industry: null, employees: null, website: null, notes: null })).id
      await call('opportunity.create', {
        id,
        eventId,
        accountId,
        name: form.name,
        product: form.product,
        sponsorLevel: null,
        boothSize: null,
        boothLocation: null,
        ticketCount: null,
        amountCents: amountCents!,
        currency: form.currency,
        probability,
        closeDate: form.closeDate,
        ownerId: null,
        nextStep: null,
        notes: null
      })
    })
    if (!failed) {
      setForm(empty)
      setId(uuid())
    }
  }
  return (
    <Paper withBorder p="md" component="form" onSubmit={(e: FormEvent) => void submit(e)} data-testid="opportunity-form">
      <Title order={4} mb="sm">
        {t('newOpportunity')}
      </Title>
      <SimpleGrid cols={{ base: 3, xl: 4 }} spacing="sm">
        <TextInput label={t('shared:columns.opportunities.account_id')} list="sales-accounts" value={form.accountName} onChange={set('accountName')} error={errors.accountName} data-testid="opp-account" />
        <datalist id="sales-accounts">{accounts.data?.map((a) => <option key={a.id} value={a.name} />)}</datalist>
        <TextInput label={t('shared:columns.opportunities.name')} value={form.name} onChange={set('name')} error={errors.name} data-testid="opp-name" />
        <NativeSelect label={t('shared:columns.opportunities.product')} value={form.product} onChange={set('product')} data={PRODUCTS.map((p) => ({ value: p, label: t(`shared:products.${p}`) }))} data-testid="opp-product" />
        <TextInput label={t('shared:columns.opportunities.amount_cents')} inputMode="decimal" value={form.amount} onChange={set('amount')} error={errors.amountCents} data-testid="opp-amount" />
        <TextInput label={t('shared:columns.opportunities.currency')} maxLength={3} value={form.currency} onChange={set('currency')} error={errors.currency} data-testid="opp-currency" />
        <TextInput label={t('shared:columns.opportunities.close_date')} type="date" value={form.closeDate} onChange={set('closeDate')} error={errors.closeDate} data-testid="opp-close" />
        <TextInput label={t('probabilityOverride')} inputMode="numeric" placeholder={t('stageDefault')} value={form.probability} onChange={set('probability')} error={errors.probability} data-testid="opp-probability" />
      </SimpleGrid>
      <Group mt="sm" gap="sm">
        <Button type="submit" loading={busy} data-testid="opp-add">
          {t('addOpportunity')}
        </Button>
        <FormError message={formError} />
      </Group>
    </Paper>
  )
}
