import { Alert, Badge, Button, FileButton, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Table, Tabs, Text, TextInput } from '@mantine/core'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BADGE_FIELDS, defaultTemplate, type BadgeElement, type BadgeTemplate } from '../../../../shared/badge-template'
import type { BadgePreview, BadgeTemplateRow, PrinterRow, PrintJobView } from '../../../../shared/contract/badges'
import { call, errorMessage } from '../../api/client'
import { useApi } from '../../api/query'
import type { EventScreenProps } from '../../router/feature'
import { useTicketTypes } from '../../shared/events'
import { formatDateTime } from '../../ui/format'
import { notifyError, notifySuccess } from '../../ui/notify'
import { Screen } from '../../ui/Screen'
import { BadgePreviewSvg } from './BadgePreviewSvg'

export default function BadgesScreen({ eventId }: EventScreenProps) {
  const { t } = useTranslation(['badges', 'app', 'shared'])
  return (
    <Screen title={t('title')} testId="badges-screen">
      <Tabs defaultValue="templates" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="templates" data-testid="badges-tab-templates">
            {t('tabs.templates')}
          </Tabs.Tab>
          <Tabs.Tab value="printers" data-testid="badges-tab-printers">
            {t('tabs.printers')}
          </Tabs.Tab>
          <Tabs.Tab value="queue" data-testid="badges-tab-queue">
            {t('tabs.queue')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="templates">
          <Templates eventId={eventId} />
        </Tabs.Panel>
        <Tabs.Panel value="printers">
          <Printers eventId={eventId} />
        </Tabs.Panel>
        <Tabs.Panel value="queue">
          <Queue eventId={eventId} />
        </Tabs.Panel>
      </Tabs>
    </Screen>
  )
}

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

function Templates({ eventId }: { eventId: string }) {
  const { t } = useTranslation(['badges', 'app', 'shared'])
  const list = useApi('badge.templates', { eventId })
  const ticketTypes = useTicketTypes(eventId)
  const [editing, setEditing] = useState<string | null>(null)
  const current = list.data?.find((x) => x.id === editing) ?? list.data?.[0] ?? null

  const run = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work()
      if (done) notifySuccess(done)
    } catch (err) {
      notifyError(err)
    }
  }

  const assigned = (ticketTypeId: string | null) =>
    list.data?.find((x) => (ticketTypeId ? x.ticketTypeIds.includes(ticketTypeId) : x.isDefault))?.id ?? ''

  return (
    <Stack gap="md">
      {list.error && <Alert color="red">{errorMessage(list.error)}</Alert>}
      <Group gap="xs">
        <Button
          data-testid="badge-template-new"
          onClick={() => void run(async () => setEditing((await call('badge.saveTemplate', { eventId, name: t('newName'), template: defaultTemplate() })).id))}
        >
          {t('newTemplate')}
        </Button>
        <FileButton
          accept="application/json,.json"
          onChange={(file) => file && void run(async () => setEditing((await call('badge.importTemplate', { eventId, json: await file.text() })).id), t('imported'))}
        >
          {(props) => (
            <Button variant="default" {...props} data-testid="badge-template-import">
              {t('import')}
            </Button>
          )}
        </FileButton>
      </Group>
      {list.data && list.data.length === 0 && <Text c="dimmed">{t('noTemplates')}</Text>}
      {list.data && list.data.length > 0 && (
        <Table withTableBorder layout="fixed" data-testid="badge-templates">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('shared:fields.name')}</Table.Th>
              <Table.Th w="45%" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((x) => (
              <Table.Tr key={x.id} data-testid="badge-template-row" bg={x.id === current?.id ? 'var(--mantine-color-blue-light)' : undefined}>
                <Table.Td>
                  <Text fw={600} className="ed-ellipsis" title={x.name}>
                    {x.name}
                  </Text>
                  {x.isDefault && <Badge size="sm">{t('default')}</Badge>}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="wrap">
                    <Button size="xs" variant="default" onClick={() => setEditing(x.id)} data-testid="badge-template-edit">
                      {t('edit')}
                    </Button>
                    <Button size="xs" variant="default" onClick={() => void run(async () => setEditing((await call('badge.duplicateTemplate', { id: x.id })).id))}>
                      {t('duplicate')}
                    </Button>
                    <Button size="xs" variant="default" onClick={() => void run(async () => {
                      const file = await call('badge.exportTemplate', { id: x.id })
                      download(file.fileName, file.json)
                    })}>
                      {t('export')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list.data && list.data.length > 0 && (
        <Paper withBorder p="md">
          <Text fw={700} mb="xs">
            {t('assignTitle')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {[null, ...ticketTypes.map((tt) => tt.id)].map((ticketTypeId) => (
              <NativeSelect
                key={ticketTypeId ?? 'default'}
                label={ticketTypeId ? ticketTypes.find((tt) => tt.id === ticketTypeId)?.name : t('defaultFor')}
                value={assigned(ticketTypeId)}
                data={[{ value: '', label: '—' }, ...list.data!.map((x) => ({ value: x.id, label: x.name }))]}
                onChange={(e) => {
                  const templateId = e.currentTarget.value
                  if (templateId) void run(() => call('badge.assign', { eventId, ticketTypeId, templateId }))
                }}
              />
            ))}
          </SimpleGrid>
        </Paper>
      )}
      {current && <Editor key={current.id} row={current} eventId={eventId} />}
    </Stack>
  )
}

type NumberKey = 'x' | 'y' | 'w' | 'h' | 'size' | 'minSize'

function Editor({ row, eventId }: { row: BadgeTemplateRow; eventId: string }) {
  const { t } = useTranslation(['badges', 'app', 'shared'])
  const [name, setName] = useState(row.name)
  const [template, setTemplate] = useState<BadgeTemplate>(row.template)
  const [selected, setSelected] = useState<string>(row.template.elements.find((e) => e.type === 'text')?.id ?? row.template.elements[0]?.id ?? '')
  const [longest, setLongest] = useState(false)
  const [preview, setPreview] = useState<BadgePreview | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  // Live preview: the core fits the text with the badge's own fonts; asked again 250 ms after the last edit.
  useEffect(() => {
    let live = true
    const timer = setTimeout(() => {
      call('badge.preview', { eventId, template, longest })
        .then((p) => live && (setPreview(p), setProblem(null)))
        .catch((err: unknown) => live && setProblem(errorMessage(err)))
    }, 250)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [eventId, template, longest])

  const element = template.elements.find((e) => e.id === selected)
  const fit = preview?.shapes.find((s) => s.kind === 'text' && s.id === selected)
  const change = (patch: Partial<Record<string, unknown>>) =>
    setTemplate((tpl) => ({ ...tpl, elements: tpl.elements.map((e) => (e.id === selected ? ({ ...e, ...patch } as BadgeElement) : e)) }))

  const numberField = (key: NumberKey, label: string) =>
    element && key in element ? (
      <NumberInput
        key={key}
        label={label}
        data-testid={`badge-prop-${key}`}
        value={(element as unknown as Record<NumberKey, number>)[key]}
        decimalScale={1}
        min={0}
        step={key === 'size' || key === 'minSize' ? 1 : 0.5}
        onChange={(v) => typeof v === 'number' && change({ [key]: v })}
      />
    ) : null

  const save = async () => {
    setSaving(true)
    try {
      await call('badge.saveTemplate', { id: row.id, eventId, name, template })
      notifySuccess(t('saved'))
    } catch (err) {
      notifyError(err)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Paper withBorder p="md" data-testid="badge-editor">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="sm">
          <TextInput label={t('shared:fields.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="badge-template-name" />
          <NativeSelect
            label={t('element')}
            data-testid="badge-element"
            value={selected}
            onChange={(e) => setSelected(e.currentTarget.value)}
            data={template.elements.map((e) => ({ value: e.id, label: `${t(`elementTypes.${e.type}`)} · ${e.id}` }))}
          />
          {element?.type === 'text' && (
            <NativeSelect
              label={t('field')}
              value={element.field ?? ''}
              data={BADGE_FIELDS.map((f) => ({ value: f, label: t(`fields.${f}`) }))}
              onChange={(e) => change({ field: e.currentTarget.value, text: undefined })}
            />
          )}
          <SimpleGrid cols={2} spacing="xs">
            {numberField('x', t('props.x'))}
            {numberField('y', t('props.y'))}
            {numberField('w', t('props.w'))}
            {numberField('h', t('props.h'))}
            {element?.type === 'qr' && (
              <NumberInput label={t('props.qrSize')} value={element.size} min={8} onChange={(v) => typeof v === 'number' && change({ size: v })} />
            )}
            {element?.type === 'text' && numberField('size', t('props.size'))}
            {element?.type === 'text' && numberField('minSize', t('props.minSize'))}
          </SimpleGrid>
          {element?.type === 'text' && (
            <SimpleGrid cols={2} spacing="xs">
              <NativeSelect
                label={t('props.weight')}
                value={element.weight}
                data={[{ value: 'regular', label: t('weights.regular') }, { value: 'bold', label: t('weights.bold') }]}
                onChange={(e) => change({ weight: e.currentTarget.value })}
              />
              <NativeSelect
                label={t('props.align')}
                value={element.align}
                data={(['left', 'center', 'right'] as const).map((a) => ({ value: a, label: t(`aligns.${a}`) }))}
                onChange={(e) => change({ align: e.currentTarget.value })}
              />
            </SimpleGrid>
          )}
          {fit && fit.kind === 'text' && (
            <Text size="sm" c="dimmed" data-testid="badge-fit">
              {t('fitInfo', { size: Math.round(fit.size * 10) / 10, lines: fit.lines.length })}
            </Text>
          )}
          {problem && (
            <Alert color="red" data-testid="badge-problem">
              {problem}
            </Alert>
          )}
          <Group gap="xs">
            <Button onClick={() => void save()} loading={saving} data-testid="badge-template-save">
              {t('app:common.save')}
            </Button>
            <Button variant={longest ? 'filled' : 'default'} color={longest ? 'orange' : undefined} onClick={() => setLongest((v) => !v)} data-testid="badge-longest">
              {longest ? t('sample') : t('longest')}
            </Button>
          </Group>
        </Stack>
        <Stack align="center" gap="xs">
          {preview && <BadgePreviewSvg preview={preview} selected={selected} />}
          {preview && preview.missing.length > 0 && (
            <Text size="sm" c="orange">
              {t('missing', { chars: preview.missing.join(' ') })}
            </Text>
          )}
        </Stack>
      </SimpleGrid>
    </Paper>
  )
}

const PRINTER_DEFAULTS = { kind: 'pdf', transport: 'cups', address: '', mediaWidth: 105, mediaHeight: 148, dpi: 203 } as const

function Printers({ eventId }: { eventId: string }) {
  const { t } = useTranslation(['badges', 'app', 'shared'])
  const list = useApi('printer.list', {}, { refetchInterval: 5000 })
  const [form, setForm] = useState<{ name: string; kind: PrinterRow['kind']; transport: PrinterRow['transport']; address: string; mediaWidth: number; mediaHeight: number; dpi: number }>({ name: '', ...PRINTER_DEFAULTS })
  const [busy, setBusy] = useState(false)

  const add = async () => {
    setBusy(true)
    try {
      await call('printer.save', { printer: form })
      await list.refetch()
      setForm({ name: '', ...PRINTER_DEFAULTS })
      notifySuccess(t('printerSaved'))
    } catch (err) {
      notifyError(err)
    } finally {
      setBusy(false)
    }
  }
  const test = async (p: PrinterRow) => {
    try {
      const r = await call('printer.test', { id: p.id, eventId })
      if (r.ok) notifySuccess(t('testOk', { name: p.name }))
      else notifyError(new Error(t('testFailed', { name: p.name, reason: r.reason ?? '' })))
    } catch (err) {
      notifyError(err)
    }
  }

  return (
    <Stack gap="md" maw={980}>
      {list.data && list.data.length === 0 && <Text c="dimmed">{t('noPrinters')}</Text>}
      {list.data && list.data.length > 0 && (
        <Table withTableBorder layout="fixed" data-testid="printers">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('shared:fields.name')}</Table.Th>
              <Table.Th w="30%">{t('printerKind')}</Table.Th>
              <Table.Th w={220} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((p) => (
              <Table.Tr key={p.id} data-testid="printer-row">
                <Table.Td>
                  <Text fw={600} className="ed-ellipsis" title={p.name}>
                    {p.name}
                  </Text>
                  <Text size="sm" c="dimmed" className="ed-ellipsis" title={p.address}>
                    {t(`transports.${p.transport}`)} · {p.address}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`kinds.${p.kind}`)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="wrap">
                    <Button size="xs" variant="default" onClick={() => void test(p)} data-testid="printer-test">
                      {t('testPrint')}
                    </Button>
                    <Button size="xs" variant="subtle" color="red" onClick={() => void call('printer.remove', { id: p.id }).then(() => list.refetch(), notifyError)}>
                      {t('remove')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Paper withBorder p="md">
        <Text fw={700} mb="xs">
          {t('addPrinter')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, xl: 3 }} spacing="xs">
          <TextInput label={t('shared:fields.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} data-testid="printer-name" />
          <NativeSelect
            label={t('printerKind')}
            data-testid="printer-kind"
            value={form.kind}
            data={(['pdf', 'escpos', 'zpl'] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            onChange={(e) => setForm({ ...form, kind: e.currentTarget.value as PrinterRow['kind'] })}
          />
          <NativeSelect
            label={t('transport')}
            data-testid="printer-transport"
            value={form.transport}
            data={(['cups', 'tcp'] as const).map((k) => ({ value: k, label: t(`transports.${k}`) }))}
            onChange={(e) => setForm({ ...form, transport: e.currentTarget.value as PrinterRow['transport'] })}
          />
          <TextInput
            label={form.transport === 'tcp' ? t('addressTcp') : t('addressCups')}
            value={form.address}
            onChange={(e) => setForm({ ...form, address: e.currentTarget.value })}
            data-testid="printer-address"
          />
          <NumberInput label={t('mediaWidth')} value={form.mediaWidth} min={20} onChange={(v) => typeof v === 'number' && setForm({ ...form, mediaWidth: v })} />
          <NumberInput label={t('mediaHeight')} value={form.mediaHeight} min={20} onChange={(v) => typeof v === 'number' && setForm({ ...form, mediaHeight: v })} />
        </SimpleGrid>
        <Button mt="sm" onClick={() => void add()} loading={busy} disabled={!form.name.trim() || !form.address.trim()} data-testid="printer-add">
          {t('addPrinter')}
        </Button>
      </Paper>
    </Stack>
  )
}

const STATUS_COLOURS: Record<PrintJobView['status'], string> = { queued: 'gray', printing: 'blue', done: 'green', failed: 'red', cancelled: 'dark' }

function Queue({ eventId }: { eventId: string }) {
  const { t } = useTranslation(['badges', 'app', 'shared'])
  const jobs = useApi('print.jobs', { eventId }, { refetchInterval: 3000 })
  const act = (work: Promise<unknown>) => void work.then(() => jobs.refetch(), notifyError)
  const rows = useMemo(() => jobs.data ?? [], [jobs.data])
  return (
    <Stack gap="md">
      {jobs.error && <Alert color="red">{errorMessage(jobs.error)}</Alert>}
      {jobs.data && rows.length === 0 && <Text c="dimmed">{t('noJobs')}</Text>}
      {rows.length > 0 && (
        <Table withTableBorder layout="fixed" data-testid="print-jobs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('attendee')}</Table.Th>
              <Table.Th w={150}>{t('status')}</Table.Th>
              <Table.Th w={170}>{t('queuedAt')}</Table.Th>
              <Table.Th w={260} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((j) => (
              <Table.Tr key={j.id} data-testid="print-job" data-status={j.status}>
                <Table.Td>
                  <Text fw={600} className="ed-ellipsis" title={j.attendeeName}>
                    {j.attendeeName}
                  </Text>
                  <Text size="sm" c="dimmed" className="ed-ellipsis" title={j.reason ?? undefined}>
                    {j.reason ?? t('printedCount', { count: j.printedCount })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOURS[j.status]} h="auto" className="ed-wrap-label">
                    {t(`statuses.${j.status}`)}
                  </Badge>
                  {j.reprint && (
                    <Badge variant="outline" color="gray" mt={4} h="auto" className="ed-wrap-label">
                      {t('reprint')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{formatDateTime(j.queuedAt)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="wrap">
                    {(j.status === 'failed' || j.status === 'cancelled') && (
                      <Button size="xs" onClick={() => act(call('print.retry', { jobId: j.id }))} data-testid="print-retry">
                        {t('retry')}
                      </Button>
                    )}
                    {(j.status === 'queued' || j.status === 'failed') && (
                      <Button size="xs" variant="default" onClick={() => act(call('print.cancel', { jobId: j.id }))} data-testid="print-cancel">
                        {t('app:common.cancel')}
                      </Button>
                    )}
                    {j.status === 'done' && (
                      <Button size="xs" variant="default" onClick={() => act(call('print.badge', { attendeeId: j.attendeeId, printerId: j.printerId }))} data-testid="print-reprint">
                        {t('reprint')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}
