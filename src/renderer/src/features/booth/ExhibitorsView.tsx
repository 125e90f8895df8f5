import { Alert, Badge, Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { v7 as uuid } from 'uuid'
import { VISIBLE_FIELDS, DEFAULT_VISIBLE_FIELDS, type ExhibitorRow, type VisibleField } from '../../../../shared/contract/booth'
import { call, errorMessage } from '../../api/client'
import { useApi } from '../../api/query'
import { useSelectedEventId } from '../../shared/events'
import { FormError } from '../../ui/FormError'
import { notifyError } from '../../ui/notify'
import { useSave } from '../../ui/useSave'

/** Organizers: the event's exhibitors, what of a scanned person each may see, and who scans for them. */
export function ExhibitorsView() {
  const { t } = useTranslation('booth')
  const eventId = useSelectedEventId()
  const list = useApi('exhibitor.list', eventId ? { eventId } : null)
  const staff = useApi('staff.list', {})
  const scanners = (staff.data ?? []).filter((s) => s.role === 'exhibitor' && s.active)
  if (!eventId) return null
  return (
    <Stack gap="lg" maw={1100}>
      <NewExhibitor eventId={eventId} />
      {list.error && <Alert color="red">{errorMessage(list.error)}</Alert>}
      <Table withTableBorder striped layout="fixed" verticalSpacing="sm" data-testid="exhibitor-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('exhibitor')}</Table.Th>
            <Table.Th w="36%">{t('visibleFields')}</Table.Th>
            <Table.Th w={90}>{t('leadsCount')}</Table.Th>
            <Table.Th w="26%">{t('scanStaff')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.map((e) => <ExhibitorLine key={e.id} exhibitor={e} scanners={scanners} />)}
        </Table.Tbody>
      </Table>
      {list.data?.length === 0 && <Text c="dimmed">{t('noExhibitors')}</Text>}
    </Stack>
  )
}

function FieldChoice({ value, onChange }: { value: VisibleField[]; onChange: (fields: VisibleField[]) => void }) {
  const { t } = useTranslation('booth')
  return (
    <Checkbox.Group value={value} onChange={(v) => onChange(v as VisibleField[])}>
      <Group gap="xs" wrap="wrap">
        {VISIBLE_FIELDS.map((f) => (
          <Checkbox key={f} value={f} label={t(`fields.${f}`)} size="xs" />
        ))}
      </Group>
    </Checkbox.Group>
  )
}

function ExhibitorLine({ exhibitor, scanners }: { exhibitor: ExhibitorRow; scanners: { id: string; name: string }[] }) {
  const { t } = useTranslation('booth')
  const change = async (work: () => Promise<unknown>) => {
    try {
      await work()
    } catch (err) {
      notifyError(err)
    }
  }
  const unassigned = scanners.filter((s) => !exhibitor.members.some((m) => m.id === s.id))
  return (
    <Table.Tr data-testid="exhibitor-row">
      <Table.Td>
        <Text fw={600} className="ed-ellipsis">
          {exhibitor.name}
        </Text>
        <Text size="sm" c="dimmed">
          {exhibitor.booth ?? ''}
        </Text>
      </Table.Td>
      <Table.Td>
        <FieldChoice
          value={exhibitor.fields}
          onChange={(fields) => void change(() => call('exhibitor.save', { id: exhibitor.id, eventId: exhibitor.eventId, name: exhibitor.name, booth: exhibitor.booth, fields }))}
        />
      </Table.Td>
      <Table.Td>
        <Badge variant="light">{exhibitor.leads}</Badge>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="wrap" mb={4}>
          {exhibitor.members.map((m) => (
            <Badge key={m.id} variant="outline" rightSection={<span onClick={() => void change(() => call('exhibitor.assign', { staffId: m.id, exhibitorId: null }))} style={{ cursor: 'pointer' }} aria-label={t('unassign')}>×</span>}>
              {m.name}
            </Badge>
          ))}
        </Group>
        {unassigned.length > 0 && (
          <NativeSelect
            size="xs"
            aria-label={t('assign')}
            value=""
            onChange={(e) => {
              const staffId = e.currentTarget.value
              if (staffId) void change(() => call('exhibitor.assign', { staffId, exhibitorId: exhibitor.id }))
            }}
            data={[{ value: '', label: t('assign') }, ...unassigned.map((s) => ({ value: s.id, label: s.name }))]}
          />
        )}
      </Table.Td>
    </Table.Tr>
  )
}

function NewExhibitor({ eventId }: { eventId: string }) {
  const { t } = useTranslation('booth')
  const [name, setName] = useState('')
  const [booth, setBooth] = useState('')
  const [fields, setFields] = useState<VisibleField[]>(DEFAULT_VISIBLE_FIELDS)
  // One id per exhibitor typed in: a retry after a lost answer finds the one its first attempt made.
  const [id, setId] = useState(() => uuid())
  const { errors, formError, busy, save } = useSave({ fields: ['name', 'booth'] })
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const failed = await save(async () => {
      await call('exhibitor.save', { id, eventId, name, booth, fields })
    })
    if (!failed) {
      setName('')
      setBooth('')
      setId(uuid())
    }
  }
  return (
    <Paper withBorder p="md" component="form" onSubmit={(e: FormEvent) => void submit(e)} data-testid="exhibitor-form">
      <Title order={4} mb="sm">
        {t('newExhibitor')}
      </Title>
      <SimpleGrid cols={2} spacing="sm">
        <TextInput label={t('exhibitor')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} data-testid="exhibitor-name" />
        <TextInput label={t('boothLabel')} value={booth} onChange={(e) => setBooth(e.currentTarget.value)} error={errors.booth} data-testid="exhibitor-booth" />
      </SimpleGrid>
      <Text size="sm" fw={600} mt="sm" mb={4}>
        {t('visibleFields')}
      </Text>
      <FieldChoice value={fields} onChange={setFields} />
      <Group mt="sm" gap="sm">
        <Button type="submit" loading={busy} data-testid="exhibitor-add">
          {t('addExhibitor')}
        </Button>
        <FormError message={formError} />
      </Group>
    </Paper>
  )
}
