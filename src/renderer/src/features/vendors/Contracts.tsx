import { Alert, Anchor, Badge, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { errorMessage } from '../../api/client'
import { useApi } from '../../api/query'
import { href } from '../../router/hash'
import { formatDate, formatMoney } from '../../ui/format'
import { CONTRACT_COLOR } from './colors'

/** The event's contracts, and the payments that are overdue. */
export function Contracts({ eventId }: { eventId: string }) {
  const { t } = useTranslation(['vendors', 'app', 'shared'])
  const list = useApi('contract.list', { eventId })
  const overdue = useApi('contract.overdue', { eventId })
  return (
    <Stack gap="lg" maw={1100}>
      {list.error && <Alert color="red">{errorMessage(list.error)}</Alert>}
      <Paper withBorder p="md" data-testid="overdue">
        <Title order={4} mb="xs">
          {t('contracts.overdue')}
        </Title>
        {overdue.data?.length === 0 && <Text c="dimmed">{t('contracts.noneOverdue')}</Text>}
        {overdue.data?.map((m) => (
          <Text key={m.id} c="red" data-testid="overdue-item">
            <Anchor href={href(`vendors/contracts/${m.contractId}`)} c="red" fw={600}>
              {m.vendorName} · {m.contractTitle}
            </Anchor>{' '}
            · {m.label} · {formatMoney(m.amountMinor - m.paidMinor, m.currency)} · {formatDate(m.dueOn)}
          </Text>
        ))}
      </Paper>
      {list.data?.length === 0 && <Text c="dimmed">{t('contracts.empty')}</Text>}
      {!!list.data?.length && (
        <Table withTableBorder striped layout="fixed" verticalSpacing="sm" data-testid="contract-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('contracts.contract')}</Table.Th>
              <Table.Th w={150}>{t('shared:columns.contracts.status')}</Table.Th>
              <Table.Th w={150} ta="right">
                {t('contracts.amount')}
              </Table.Th>
              <Table.Th w={150} ta="right">
                {t('contracts.paid')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((k) => (
              <Table.Tr key={k.id} data-testid="contract-row">
                <Table.Td>
                  <Anchor href={href(`vendors/contracts/${k.id}`)} fw={600} className="ed-ellipsis" display="block">
                    {k.vendorName}
                  </Anchor>
                  <Text size="xs" c="dimmed" className="ed-ellipsis">
                    {k.title}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={CONTRACT_COLOR[k.status]} maw="100%">
                    {t(`shared:contractStatus.${k.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">{formatMoney(k.amountMinor, k.currency)}</Table.Td>
                <Table.Td ta="right">{formatMoney(k.paidMinor, k.currency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}
