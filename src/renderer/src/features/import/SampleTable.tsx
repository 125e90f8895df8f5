import { ScrollArea, Table } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/**
 * The first rows of the file as read, so the operator can see the columns are
 * right, each with its line in the file (as a spreadsheet numbers it, the
 * header being line 1): the numbers the check's problems name.
 */
export function SampleTable({ headers, rows, lines }: { headers: string[]; rows: string[][]; lines: number[] }) {
  const { t } = useTranslation(['import', 'app', 'shared'])
  return (
    <ScrollArea type="auto" offsetScrollbars data-testid="import-sample">
      <Table striped withTableBorder withColumnBorders fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('line')}</Table.Th>
            {headers.map((h, i) => (
              <Table.Th key={i} maw={220} className="ed-ellipsis" title={h}>
                {h.trim() ? h : t('column', { n: i + 1 })}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, r) => (
            <Table.Tr key={r}>
              <Table.Td c="dimmed" data-testid="import-sample-line" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {lines[r] ?? ''}
              </Table.Td>
              {headers.map((_, c) => (
                <Table.Td key={c} maw={220} className="ed-ellipsis" title={row[c] ?? ''}>
                  {row[c] ?? ''}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  )
}
