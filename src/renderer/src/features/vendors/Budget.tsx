import { Alert, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { BUDGET_CATEGORIES, BUDGET_CONTROLS, type BudgetControl, type BudgetLineSummary } from '../../../../shared/contract/contracts'
import { call, errorMessage } from '../../api/client'
import { useApi } from '../../api/query'
import { FormError } from '../../ui/FormError'
import { formatMoney, parseAmount } from '../../ui/format'
import { currentLanguage } from '../../i18n'
import { downloadExport } from '../../shared/download'
import { notifyError, notifySuccess } from '../../ui/notify'
import { useSave } from '../../ui/useSave'

const OVER = { color: 'var(--mantine-color-red-8)', background: 'var(--mantine-color-red-0)' }

/** Planned, committed, paid, forecast and variance per line; totals per currency, never across. */
export function Budget({ eventId }: { eventId: string }) {
  const { t } = useTranslation(['vendors', 'app', 'shared'])
  const budget = useApi('budget.list', { eventId })
  const money = (l: { currency: string }, n: number) => formatMoney(n, l.currency)
  const [exporting, setExporting] = useState(false)
  const exportXlsx = async () => {
    setExporting(true)
    try {
      downloadExport(await call('budget.export', { eventId, language: currentLanguage() }))
    } catch (err) {
      notifyError(err)
    } finally {
      setExporting(false)
    }
  }
  return (
    <Stack gap="lg" maw={1200}>
      {!!budget.data?.lines.length && (
        <Group justify="flex-end">
          <Button variant="default" loading={exporting} onClick={() => void exportXlsx()} data-testid="budget-export">
            {t('budget.export')}
          </Button>
        </Group>
      )}
      {budget.error && <Alert color="red">{errorMessage(budget.error)}</Alert>}
      {budget.data?.lines.length === 0 && <Text c="dimmed">{t('budget.empty')}</Text>}
      {!!budget.data?.lines.length && (
        <Table withTableBorder layout="fixed" verticalSpacing="sm" data-testid="budget-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('budget.name')}</Table.Th>
              {(['planned', 'committed', 'paid', 'forecast', 'variance'] as const).map((c) => (
                <Table.Th key={c} w="13%" ta="right">
                  {t(`budget.${c}`)}
                </Table.Th>
              ))}
              <Table.Th w={120}>{t('budget.control')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {budget.data.lines.map((l: BudgetLineSummary) => (
              <Table.Tr key={l.id} data-testid="budget-line" data-over={l.over} style={l.over ? OVER : undefined} title={l.over ? t('budget.over') : undefined}>
                <Table.Td>
                  <Text fw={600} size="sm" className="ed-ellipsis" inherit>
                    {l.name}
                  </Text>
                  <Text size="xs" c={l.over ? 'red.8' : 'dimmed'} className="ed-ellipsis">
                    {t(`shared:budgetCategories.${l.category}`)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" data-testid="budget-planned">{money(l, l.plannedMinor)}</Table.Td>
                <Table.Td ta="right" data-testid="budget-committed">{money(l, l.committedMinor)}</Table.Td>
                <Table.Td ta="right" data-testid="budget-paid">{money(l, l.paidMinor)}</Table.Td>
                <Table.Td ta="right">{money(l, l.forecastMinor)}</Table.Td>
                <Table.Td ta="right" fw={l.over ? 700 : undefined} data-testid="budget-variance">
                  {money(l, l.varianceMinor)}
                </Table.Td>
                <Table.Td>{t(`shared:budgetControls.${l.control}`)}</Table.Td>
              </Table.Tr>
            ))}
            {budget.data.totals.map((total) => (
              <Table.Tr key={total.currency} fw={700} data-testid="budget-total" style={total.varianceMinor < 0 ? OVER : undefined}>
                <Table.Td>{t('budget.total', { currency: total.currency })}</Table.Td>
                <Table.Td ta="right">{money(total, total.plannedMinor)}</Table.Td>
                <Table.Td ta="right">{money(total, total.committedMinor)}</Table.Td>
                <Table.Td ta="right">{money(total, total.paidMinor)}</Table.Td>
                <Table.Td ta="right">{money(total, total.forecastMinor)}</Table.Td>
                <Table.Td ta="right">{money(total, total.varianceMinor)}</Table.Td>
                <Table.Td />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <AddLine eventId={eventId} />
    </Stack>
  )
}

function AddLine({ eventId }: { eventId: string }) {
  const { t } = useTranslation(['vendors', 'app', 'shared'])
  const [category, setCategory] = useState<(typeof BUDGET_CATEGORIES)[number]>('venue')
  const [name, setName] = useState('')
  const [planned, setPlanned] = useState('')
  const [currency, setCurrency] = useState('EUR')
  const [control, setControl] = useState<BudgetControl>('warn')
  const { errors, formError, busy, save, setErrors } = useSave({ fields: ['category', 'name', 'plannedMinor', 'currency', 'control'] })
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const plannedMinor = parseAmount(planned)
    if (plannedMinor === null) return setErrors({ plannedMinor: t('amountInvalid') })
    await save(async () => {
      await call('budget.saveLine', { eventId, category, name, plannedMinor, currency, control })
      notifySuccess(t('budget.saved'))
      setName('')
      setPlanned('')
    })
  }
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate data-testid="budget-form">
        <Stack gap="sm">
          <Title order={4}>{t('budget.add')}</Title>
          <SimpleGrid cols={{ base: 2, sm: 3 }}>
            <NativeSelect label={t('budget.category')} value={category} onChange={(e) => setCategory(e.currentTarget.value as typeof category)} data={BUDGET_CATEGORIES.map((c) => ({ value: c, label: t(`shared:budgetCategories.${c}`) }))} data-testid="budget-category" />
            <TextInput label={t('budget.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} data-testid="budget-name" />
            <TextInput label={t('budget.planned')} value={planned} onChange={(e) => setPlanned(e.currentTarget.value)} error={errors.plannedMinor} data-testid="budget-planned-input" />
            <TextInput label={t('requests.currency')} value={currency} onChange={(e) => setCurrency(e.currentTarget.value)} error={errors.currency} maxLength={3} />
            <NativeSelect label={t('budget.control')} value={control} onChange={(e) => setControl(e.currentTarget.value as BudgetControl)} data={BUDGET_CONTROLS.map((c) => ({ value: c, label: t(`shared:budgetControls.${c}`) }))} data-testid="budget-control" />
          </SimpleGrid>
          <FormError message={formError} />
          <Group justify="flex-end">
            <Button type="submit" loading={busy} data-testid="budget-save">
              {t('budget.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}
