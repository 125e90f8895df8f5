import { Badge, Group, NativeSelect, Paper, Radio, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { FileTicketType } from '../../../../shared/contract/attendees'
import type { TicketTypeRow } from '../../../../shared/contract/events'
import { TicketBadge } from '../../shared/badges'
import { formatNumber } from '../../ui/format'
import { choiceFor, type TicketTypeChoice, type TicketTypeChoices as Choices } from './plan'

interface Props {
  fileTypes: readonly FileTicketType[]
  eventTypes: readonly TicketTypeRow[]
  choices: Choices
  onChoose: (value: string, choice: TicketTypeChoice) => void
  defaultTicketTypeId: string
  onDefault: (ticketTypeId: string) => void
}

/**
 * The ticket types the file names, with their row counts: those the event has
 * are matched; for each it lacks, create it (name editable) or use one the
 * event has. Rows without a ticket type take the default ticket type.
 */
export function TicketTypeChoices({ fileTypes, eventTypes, choices, onChoose, defaultTicketTypeId, onDefault }: Props) {
  const { t } = useTranslation(['import', 'app', 'shared'])
  const byId = new Map(eventTypes.map((tt) => [tt.id, tt]))
  const existing = eventTypes.map((tt) => ({ value: tt.id, label: tt.name }))
  return (
    <Stack gap="xs" data-testid="import-ticket-types">
      <Title order={5}>{t('ticketTypes.title')}</Title>
      <Paper withBorder>
        <Table fz="sm" verticalSpacing="xs" layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="32%">{t('ticketTypes.inFile')}</Table.Th>
              <Table.Th w={90}>{t('ticketTypes.rows')}</Table.Th>
              <Table.Th>{t('ticketTypes.becomes')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fileTypes.map((fileType) => (
              <Table.Tr key={fileType.value} data-testid="import-ticket-type" data-value={fileType.value} data-matched={fileType.matchId !== null}>
                <Table.Td className="ed-break" fw={600}>
                  {fileType.value === '' ? <Text span inherit c="dimmed" fs="italic">{t('ticketTypes.none')}</Text> : fileType.value}
                </Table.Td>
                <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{formatNumber(fileType.rows)}</Table.Td>
                <Table.Td>
                  {fileType.value === '' ? (
                    <NativeSelect
                      aria-label={t('defaultTicketType')}
                      data-testid="import-default-ticket-type"
                      value={defaultTicketTypeId}
                      onChange={(e) => onDefault(e.currentTarget.value)}
                      data={existing.length > 0 ? existing : [{ value: '', label: t('ticketTypes.noneInEvent') }]}
                      maw={320}
                    />
                  ) : fileType.matchId !== null ? (
                    <Group gap="xs" wrap="wrap">
                      <TicketBadge ticketType={byId.get(fileType.matchId)} />
                      <Text size="sm" c="dimmed">
                        {t('ticketTypes.matched')}
                      </Text>
                    </Group>
                  ) : (
                    <MissingChoice fileType={fileType} choice={choiceFor(fileType, choices)} existing={existing} onChoose={(c) => onChoose(fileType.value, c)} />
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  )
}

function MissingChoice({
  fileType,
  choice,
  existing,
  onChoose
}: {
  fileType: FileTicketType
  choice: TicketTypeChoice
  existing: { value: string; label: string }[]
  onChoose: (choice: TicketTypeChoice) => void
}) {
  const { t } = useTranslation(['import', 'app', 'shared'])
  // What each option keeps when the other is picked for a while.
  const name = choice.action === 'create' ? choice.name : fileType.suggested.name
  const mapTo = choice.action === 'map' ? choice.ticketTypeId : (existing[0]?.value ?? '')
  return (
    <Radio.Group
      value={choice.action}
      onChange={(action) => onChoose(action === 'map' && mapTo ? { action: 'map', ticketTypeId: mapTo } : { action: 'create', name })}
      aria-label={fileType.value}
    >
      <Stack gap={6}>
        <Group gap="xs" wrap="nowrap" align="center">
          <Radio value="create" label={t('ticketTypes.create')} data-testid="import-tt-create" style={{ flex: '0 0 auto' }} />
          <TextInput
            aria-label={t('ticketTypes.name')}
            data-testid="import-tt-name"
            value={name}
            onChange={(e) => onChoose({ action: 'create', name: e.currentTarget.value })}
            maxLength={200}
            size="xs"
            style={{ flex: '1 1 120px', minWidth: 0 }}
          />
          {choice.action === 'create' && name === fileType.suggested.name && fileType.suggested.code && (
            <Badge variant="outline" color="gray" radius="sm" tt="none" className="ed-mono" style={{ flex: '0 0 auto' }} title={t('ticketTypes.code')} data-testid="import-tt-code">
              {fileType.suggested.code}
            </Badge>
          )}
        </Group>
        <Group gap="xs" wrap="nowrap" align="center">
          <Radio value="map" label={t('ticketTypes.useExisting')} disabled={existing.length === 0} data-testid="import-tt-map" style={{ flex: '0 0 auto' }} />
          <NativeSelect
            aria-label={t('ticketTypes.useExisting')}
            data-testid="import-tt-existing"
            value={mapTo}
            onChange={(e) => onChoose({ action: 'map', ticketTypeId: e.currentTarget.value })}
            data={existing}
            disabled={existing.length === 0}
            size="xs"
            style={{ flex: '1 1 120px', minWidth: 0 }}
          />
        </Group>
      </Stack>
    </Radio.Group>
  )
}
