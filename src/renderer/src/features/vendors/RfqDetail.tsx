import { Alert, Anchor, Badge, Button, Group, NativeSelect, NumberInput, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Comparison, QuoteRow, RfqDetail as Rfq } from '../../../../shared/contract/procurement'
import { ApiError } from '../../../../shared/errors'
import { call, errorMessage } from '../../api/client'
import { setApiData, useApi } from '../../api/query'
import { useSession } from '../../api/session'
import { href } from '../../router/hash'
import { FormError } from '../../ui/FormError'
import { centsToInput, formatDate, formatMoney, parseAmount } from '../../ui/format'
import { notifyError, notifyInfo, notifySuccess } from '../../ui/notify'
import { useSave } from '../../ui/useSave'
import { INVITE_COLOR, RFQ_COLOR } from './colors'

/** One request: its invited vendors and their quotes, the comparison, the award. */
export function RfqDetail({ rfqId, eventId }: { rfqId: string; eventId: string }) {
  const { t } = useTranslation(['vendors', 'app', 'shared'])
  const rfq = useApi('rfq.get', { id: rfqId })
  const comparison = useApi('rfq.compare', { id: rfqId })
  const [quoting, setQuoting] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (rfq.error) return <Alert color="red">{errorMessage(rfq.error)}</Alert>
  if (!rfq.data) return null
  const r = rfq.data

  const move = async (method: 'rfq.send' | 'rfq.cancel', message: string) => {
    setBusy(true)
    try {
      setApiData('rfq.get', { id: rfqId }, await call(method, { id: rfqId }))
      notifySuccess(message)
    } catch (err) {
      notifyError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Stack gap="lg" maw={1200} data-testid="rfq-detail">
      <Anchor href={href('vendors/requests')} size="sm">
        ← {t('rfq.back')}
      </Anchor>
      <Group justify="space-between" wrap="wrap">
        <Group gap="sm" wrap="wrap">
          <Title order={3}>{r.title}</Title>
          <Badge color={RFQ_COLOR[r.status]} data-testid="rfq-status" data-status={r.status}>
            {t(`shared:rfqStatus.${r.status}`)}
          </Badge>
          <Text c="dimmed" size="sm">
            {t('requests.deadline')}: {formatDate(r.deadline)}
          </Text>
        </Group>
        <Group gap="xs">
          {r.status === 'draft' && (
            <Button loading={busy} onClick={() => void move('rfq.send', t('rfq.sent'))} data-testid="rfq-send">
              {t('rfq.send')}
            </Button>
          )}
          {(r.status === 'draft' || r.status === 'sent') && (
            <Button variant="outline" color="red" loading={busy} onClick={() => void move('rfq.cancel', t('rfq.cancelled'))} data-testid="rfq-cancel">
              {t('rfq.cancel')}
            </Button>
          )}
        </Group>
      </Group>

      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          {t('rfq.invited')}
        </Title>
        <Stack gap="xs">
          {r.invites.map((i) => (
            <Stack key={i.vendorId} gap="xs">
              <Group justify="space-between" wrap="wrap" data-testid="rfq-invite">
                <Group gap="sm">
                  <Text fw={600}>{i.vendorName}</Text>
                  <Badge color={INVITE_COLOR[i.status]} variant="light" maw={260} title={i.declineReason ?? ''}>
                    {t(`shared:inviteStatus.${i.status}`)}
                  </Badge>
                  {i.declineReason && (
                    <Text size="sm" c="dimmed" className="ed-ellipsis" maw={300}>
                      {i.declineReason}
                    </Text>
                  )}
                </Group>
                {r.status === 'sent' && (
                  <Button size="xs" variant="default" onClick={() => setQuoting(quoting === i.vendorId ? null : i.vendorId)} data-testid="quote-open">
                    {r.quotes.some((q) => q.vendorId === i.vendorId) ? t('rfq.editQuote') : t('rfq.enterQuote')}
                  </Button>
                )}
              </Group>
              {quoting === i.vendorId && (
                <QuoteForm rfq={r} vendorId={i.vendorId} vendorName={i.vendorName} quote={r.quotes.find((q) => q.vendorId === i.vendorId)} onDone={() => setQuoting(null)} />
              )}
            </Stack>
          ))}
        </Stack>
      </Paper>

      {comparison.data && r.quotes.length > 0 && <ComparisonTable comparison={comparison.data} rfq={r} />}
      {comparison.data && r.status === 'sent' && r.quotes.length > 0 && <AwardForm comparison={comparison.data} rfq={r} eventId={eventId} />}
    </Stack>
  )
}

function QuoteForm({ rfq, vendorId, vendorName, quote, onDone }: { rfq: Rfq; vendorId: string; vendorName: string; quote?: QuoteRow; onDone: () => void }) {
  const { t } = useTranslation(['vendors', 'app', 'shared'])
  const [prices, setPrices] = useState<Record<string, string>>(() =>
    Object.fromEntries(rfq.lines.map((l) => [l.id, quote?.prices[l.id] === undefined ? '' : centsToInput(quote.prices[l.id]!)]))
  )
  const [taxPercent, setTaxPercent] = useState<number>(quote ? quote.taxBp / 100 : 21)
  const [discount, setDiscount] = useState(quote ? centsToInput(quote.discountMinor) : '')
  const [validUntil, setValidUntil] = useState(quote?.validUntil ?? rfq.deadline)
  const [paymentTerms, setPaymentTerms] = useState(quote?.paymentTerms ?? '')
  const { errors, formError, busy, save, setErrors } = useSave({ fields: ['validUntil', 'paymentTerms', 'taxBp', 'discountMinor'] })

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const parsed = rfq.lines.flatMap((l) => (prices[l.id]?.trim() ? [{ lineId: l.id, unitPriceMinor: parseAmount(prices[l.id]!) }] : []))
    const wrong = Object.fromEntries(parsed.filter((p) => p.unitPriceMinor === null).map((p) => [p.lineId, t('amountInvalid')]))
    if (Object.keys(wrong).length) return setErrors(wrong)
    await save(async () => {
      setApiData(
        'rfq.get',
        { id: rfq.id },
        await call('quote.save', {
          rfqId: rfq.id,
          vendorId,
          prices: parsed as { lineId: string; unitPriceMinor: number }[],
          taxBp: Math.round(taxPercent * 100),
          discountMinor: parseAmount(discount) ?? 0,
          validUntil,
          paymentTerms
        })
      )
      notifySuccess(t('rfq.quoteSaved', { vendor: vendorName }))
      onDone()
    })
  }

  return (
    <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)">
      <form onSubmit={submit} noValidate data-testid="quote-form">
        <Stack gap="xs">
          <Text fw={600}>{t('rfq.quoteFor', { vendor: vendorName })}</Text>
          {rfq.lines.map((l) => (
            <Group key={l.id} gap="sm" wrap="nowrap">
              <Text size="sm" style={{ flex: 1 }} className="ed-ellipsis">
                {l.description} · {l.quantity} {l.unit}
              </Text>
              <TextInput w={150} aria-label={`${t('rfq.unitPrice')} ${l.description}`} placeholder={t('rfq.unitPrice')} value={prices[l.id] ?? ''} onChange={(e) => setPrices({ ...prices, [l.id]: e.currentTarget.value })} error={errors[l.id]} rightSection={<Text size="xs">{rfq.currency}</Text>} data-testid="quote-price" />
            </Group>
          ))}
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <NumberInput label={t('rfq.taxRate')} min={0} max={100} decimalScale={2} value={taxPercent} onChange={(v) => setTaxPercent(Number(v) || 0)} error={errors.taxBp} />
            <TextInput label={t('rfq.discount')} value={discount} onChange={(e) => setDiscount(e.currentTarget.value)} error={errors.discountMinor} />
            <TextInput type="date" label={t('rfq.validUntil')} value={validUntil} onChange={(e) => setValidUntil(e.currentTarget.value)} error={errors.validUntil} data-testid="quote-valid-until" />
            <TextInput label={t('rfq.paymentTerms')} value={paymentTerms} onChange={(e) => setPaymentTerms(e.currentTarget.value)} error={errors.paymentTerms} />
          </SimpleGrid>
          <FormError message={formError} />
          <Group justify="flex-end">
            <Button variant="subtle" onClick={onDone}>
              {t('app:common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="quote-save">
              {t('rfq.saveQuote')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}

const LOWEST = { background: 'var(--mantine-color-green-1)', fontWeight: 700 }

/** Lines × vendors; the lowest offer per line and the lowest total in green. */
function ComparisonTable({ comparison, rfq }: { comparison: Comparison; rfq: Rfq }) {
  const { t } = useTranslation(['vendors', 'app', 'shared'])
  const won = new Map(rfq.awards.map((a) => [a.lineId ?? '*', a.vendorId]))
  const winner = (lineId: string) => won.get(lineId) ?? won.get('*')
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        {t('rfq.comparison')}
      </Title>
      <Table withTableBorder withColumnBorders layout="fixed" data-testid="comparison">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="28%">{t('rfq.line')}</Table.Th>
            {comparison.vendors.map((v) => (
              <Table.Th key={v.vendorId} ta="right">
                <Text fw={700} size="sm" className="ed-ellipsis" title={v.name}>
                  {v.name}
                </Text>
                {v.quote?.expired && (
                  <Badge color="red" size="xs">
                    {t('rfq.expired')}
                  </Badge>
                )}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {comparison.lines.map((l) => (
            <Table.Tr key={l.id}>
              <Table.Td>
                <Text size="sm" className="ed-ellipsis" title={l.description}>
                  {l.description}
                </Text>
                <Text size="xs" c="dimmed">
                  {l.quantity} {l.unit}
                </Text>
              </Table.Td>
              {l.cells.map((c) => {
                const lowest = l.lowestVendorIds.includes(c.vendorId)
                return (
                  <Table.Td key={c.vendorId} ta="right" style={lowest ? LOWEST : undefined} data-testid="comparison-cell" data-lowest={lowest} data-vendor={c.vendorId}>
                    {c.totalMinor === null ? <Text c="dimmed" size="sm">{t('rfq.noQuote')}</Text> : formatMoney(c.totalMinor, comparison.currency)}
                    {winner(l.id) === c.vendorId && (
                      <Badge color="green" size="xs" ml={4} data-testid="comparison-awarded">
                        {t('rfq.award')}
                      </Badge>
                    )}
                  </Table.Td>
                )
              })}
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td fw={700}>{t('rfq.total')}</Table.Td>
            {comparison.vendors.map((v) => {
              const lowest = comparison.lowestTotalVendorIds.includes(v.vendorId)
              return (
                <Table.Td key={v.vendorId} ta="right" style={lowest ? LOWEST : { fontWeight: 700 }} data-testid="comparison-total" data-lowest={lowest}>
                  {v.quote ? formatMoney(v.quote.totalMinor, comparison.currency) : '—'}
                </Table.Td>
              )
            })}
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Paper>
  )
}

function AwardForm({ comparison, rfq, eventId }: { comparison: Comparison; rfq: Rfq; eventId: string }) {
  const { t } = useTranslation(['vendors', 'app', 'shared'])
  const role = useSession((s) => s.session?.staff.role)
  const budget = useApi('budget.list', { eventId })
  const quoted = comparison.vendors.filter((v) => v.quote && !v.quote.expired && !v.blocked)
  const [mode, setMode] = useState<'whole' | 'lines'>('lines')
  // What the organizer picked; until then the lowest offer (which changes as quotes come in).
  const [pickedWhole, setWhole] = useState<string | null>(null)
  const [picked, setPicked] = useState<Record<string, string>>({})
  const whole = pickedWhole ?? comparison.lowestTotalVendorIds[0] ?? quoted[0]?.vendorId ?? ''
  const perLine = Object.fromEntries(comparison.lines.map((l) => [l.id, picked[l.id] ?? l.lowestVendorIds[0] ?? '']))
  const [declineReason, setDeclineReason] = useState(t('rfq.declineDefault'))
  const [budgetLineId, setBudgetLineId] = useState('')
  const [overrideReason, setOverrideReason] = useState('')
  const [needsOverride, setNeedsOverride] = useState(false)
  const { errors, formError, busy, save } = useSave({ fields: ['declineReason', 'budgetLineId', 'override.reason'] })

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const failed = await save(async () => {
      const result = await call('rfq.award', {
        id: rfq.id,
        ...(mode === 'whole' ? { vendorId: whole } : { lines: Object.entries(perLine).filter(([, v]) => v).map(([lineId, vendorId]) => ({ lineId, vendorId })) }),
        declineReason,
        budgetLineId: budgetLineId || null,
        ...(needsOverride ? { override: { reason: overrideReason } } : {})
      })
      setApiData('rfq.get', { id: rfq.id }, result.rfq)
      // One note at a time: a budget warning says more than the success.
      const warning = result.warnings[0]
      if (warning) notifyInfo(t('rfq.budgetWarning', { line: warning.name, amount: formatMoney(warning.overMinor, warning.currency) }))
      else notifySuccess(t('rfq.awarded', { count: result.contracts.length }))
    })
    if (failed instanceof ApiError && failed.key === 'overBudget' && role === 'organizer') setNeedsOverride(true)
  }

  const options = [{ value: '', label: '—' }, ...quoted.map((v) => ({ value: v.vendorId, label: v.name }))]
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate data-testid="award-form">
        <Stack gap="sm">
          <Title order={4}>{t('rfq.award')}</Title>
          <SegmentedControl
            value={mode}
            onChange={(v) => setMode(v as 'whole' | 'lines')}
            data={[
              { value: 'lines', label: t('rfq.awardPerLine') },
              { value: 'whole', label: t('rfq.awardWhole') }
            ]}
            data-testid="award-mode"
          />
          {mode === 'whole' ? (
            <NativeSelect label={t('rfq.awardTo')} data={options.slice(1)} value={whole} onChange={(e) => setWhole(e.currentTarget.value)} data-testid="award-whole" />
          ) : (
            comparison.lines.map((l) => (
              <Group key={l.id} gap="sm" wrap="nowrap">
                <Text size="sm" style={{ flex: 1 }} className="ed-ellipsis">
                  {l.description}
                </Text>
                <NativeSelect w={260} aria-label={`${t('rfq.awardTo')} ${l.description}`} data={options} value={perLine[l.id] ?? ''} onChange={(e) => setPicked({ ...picked, [l.id]: e.currentTarget.value })} data-testid="award-line" />
              </Group>
            ))
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('rfq.declineReason')} value={declineReason} onChange={(e) => setDeclineReason(e.currentTarget.value)} error={errors.declineReason} data-testid="award-decline-reason" />
            <NativeSelect
              label={t('rfq.budgetLine')}
              data={[{ value: '', label: t('rfq.noBudgetLine') }, ...(budget.data?.lines ?? []).map((b) => ({ value: b.id, label: `${b.name} (${b.currency})` }))]}
              value={budgetLineId}
              onChange={(e) => setBudgetLineId(e.currentTarget.value)}
              error={errors.budgetLineId}
              data-testid="award-budget-line"
            />
          </SimpleGrid>
          {needsOverride && (
            <TextInput label={t('rfq.overrideReason')} value={overrideReason} onChange={(e) => setOverrideReason(e.currentTarget.value)} error={errors['override.reason']} data-testid="award-override-reason" />
          )}
          <FormError message={formError} />
          <Group justify="flex-end">
            <Button type="submit" loading={busy} color={needsOverride ? 'red' : undefined} data-testid="award-save">
              {t('rfq.award')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}
