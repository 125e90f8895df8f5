import { Alert, Anchor, Button, Group, Loader, NativeSelect, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useEffect, useRef, useState, type ChangeEvent } from 'react'
import { useTranslation } from 'react-i18next'
import {
  IMPORT_FIELDS,
  type ColumnMapping,
  type ImportCheckResult,
  type ImportCommitResult,
  type ImportUploadResult,
  type StatusPlan
} from '../../../../shared/contract/attendees'
import { call, errorMessage } from '../../api/client'
import type { EventScreenProps } from '../../router/feature'
import { href, navigate } from '../../router/hash'
import { buildPath } from '../../router/paths'
import { useTicketTypes } from '../../shared/events'
import { formatBytes, formatNumber } from '../../ui/format'
import { FormError } from '../../ui/FormError'
import { Screen } from '../../ui/Screen'
import { CheckSummary } from './CheckSummary'
import { MappingForm, type MappingValues } from './MappingForm'
import { DEFAULT_STATUS_PLAN, ticketTypePlan, type TicketTypeChoice, type TicketTypeChoices as Choices } from './plan'
import { readAsBase64 } from './readFile'
import { SampleTable } from './SampleTable'
import { StatusChoices } from './StatusChoices'
import { TicketTypeChoices } from './TicketTypeChoices'
import { useCommitProgress } from './useCommitProgress'

function toValues(mapping: ColumnMapping): MappingValues {
  const out = {} as MappingValues
  for (const field of IMPORT_FIELDS) {
    const column = mapping[field]
    out[field] = column === undefined ? '' : String(column)
  }
  return out
}

function toMapping(values: MappingValues): ColumnMapping {
  const out: ColumnMapping = {}
  for (const field of IMPORT_FIELDS) if (values[field] !== '') out[field] = Number(values[field])
  return out
}

/** The file as read in the browser, kept to read another sheet of the workbook. */
interface PickedFile {
  name: string
  size: number
  base64: string
}

/**
 * Upload → map the columns, decide what the file's ticket types and statuses
 * become → check → commit. Nothing is saved before "Import".
 */
export default function ImportScreen({ eventId }: EventScreenProps) {
  const { t } = useTranslation(['import', 'app', 'shared'])
  const ticketTypes = useTicketTypes(eventId)
  const fileRef = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<PickedFile | null>(null)
  const [reading, setReading] = useState<{ name: string; size: number } | null>(null)
  const [uploadError, setUploadError] = useState<unknown>(null)
  /** A failed check or import, shown next to its button. */
  const [stepError, setStepError] = useState<{ step: 'check' | 'commit'; err: unknown } | null>(null)
  const [upload, setUpload] = useState<(ImportUploadResult & { fileName: string }) | null>(null)
  const [mapping, setMapping] = useState<MappingValues>(toValues({}))
  const [defaultTicketTypeId, setDefaultTicketTypeId] = useState('')
  const [choices, setChoices] = useState<Choices>({})
  const [statusPlan, setStatusPlan] = useState<StatusPlan>(DEFAULT_STATUS_PLAN)
  const [check, setCheck] = useState<ImportCheckResult | null>(null)
  const [checkedFor, setCheckedFor] = useState<string | null>(null)
  const [checking, setChecking] = useState(false)
  const [duplicates, setDuplicates] = useState<'skip' | 'merge'>('skip')
  const [allowOverCapacity, setAllowOverCapacity] = useState(false)
  const [committing, setCommitting] = useState(false)
  const progress = useCommitProgress(upload?.importId ?? null, committing)
  const [result, setResult] = useState<ImportCommitResult | null>(null)

  useEffect(() => {
    if (!defaultTicketTypeId && ticketTypes[0]) setDefaultTicketTypeId(ticketTypes[0].id)
  }, [ticketTypes, defaultTicketTypeId])

  // The file's ticket types and statuses as the last check saw them (for the mapping then), else as the upload guessed.
  const fileTicketTypes = check?.ticketTypes ?? upload?.ticketTypes ?? []
  const fileStatuses = check?.statuses ?? upload?.statuses ?? []
  const plan = {
    mapping: toMapping(mapping),
    ...(defaultTicketTypeId ? { defaultTicketTypeId } : {}),
    ticketTypes: ticketTypePlan(fileTicketTypes, choices),
    statuses: statusPlan
  }
  const currentKey = JSON.stringify(plan)
  const checkIsCurrent = check !== null && checkedFor === currentKey
  const overCapacityBlocks = checkIsCurrent && check.overCapacity.length > 0 && !allowOverCapacity

  const forgetPlan = () => {
    setCheck(null)
    setCheckedFor(null)
    setChoices({})
    setStatusPlan(DEFAULT_STATUS_PLAN)
    setAllowOverCapacity(false)
    setStepError(null)
  }

  const startOver = () => {
    forgetPlan()
    setUpload(null)
    setFile(null)
    setResult(null)
    setUploadError(null)
    if (fileRef.current) fileRef.current.value = ''
  }

  /** Sends the file (or another sheet of it) and shows what the desk read. */
  const send = async (picked: PickedFile, sheet?: string) => {
    setReading({ name: picked.name, size: picked.size })
    setUploadError(null)
    try {
      const uploaded = await call('import.upload', { eventId, fileName: picked.name, base64: picked.base64, ...(sheet ? { sheet } : {}) })
      forgetPlan()
      setUpload({ ...uploaded, fileName: picked.name })
      setMapping(toValues(uploaded.mapping))
    } catch (err) {
      setUploadError(err)
    } finally {
      setReading(null)
    }
  }

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.currentTarget.files?.[0]
    if (!chosen) return
    startOver()
    setReading({ name: chosen.name, size: chosen.size })
    try {
      const picked = { name: chosen.name, size: chosen.size, base64: await readAsBase64(chosen) }
      setFile(picked)
      await send(picked)
    } catch (err) {
      setUploadError(err)
      setReading(null)
    } finally {
      if (fileRef.current) fileRef.current.value = ''
    }
  }

  const choose = (value: string, choice: TicketTypeChoice) => setChoices((c) => ({ ...c, [value]: choice }))

  const runCheck = async () => {
    if (!upload) return
    setChecking(true)
    setStepError(null)
    const key = currentKey
    try {
      const checked = await call('import.check', { importId: upload.importId, ...plan })
      setCheck(checked)
      setCheckedFor(key)
    } catch (err) {
      setStepError({ step: 'check', err })
    } finally {
      setChecking(false)
    }
  }

  const commit = async () => {
    if (!upload || !checkIsCurrent || overCapacityBlocks) return
    setCommitting(true)
    setStepError(null)
    try {
      setResult(
        await call('import.commit', {
          importId: upload.importId,
          ...plan,
          duplicates,
          ...(check.overCapacity.length > 0 && allowOverCapacity ? { allowOverCapacity } : {})
        })
      )
    } catch (err) {
      setStepError({ step: 'commit', err })
    } finally {
      setCommitting(false)
    }
  }

  if (result) return <ImportResult result={result} eventId={eventId} onAgain={startOver} />

  return (
    <Screen title={t('title')}>
      <Stack gap="lg">
        <Paper withBorder p="md">
          <Stack gap="xs">
            <Text fw={700}>{t('pick')}</Text>
            <Text size="sm" c="dimmed">
              {t('pickHint')}
            </Text>
            <Group gap="md" className="ed-file">
              <label className="ed-file-button" htmlFor="import-file-input">
                {t('choose')}
              </label>
              <Text className="ed-ellipsis" maw={360} c={upload ? undefined : 'dimmed'}>
                {upload ? upload.fileName : reading ? reading.name : t('noFile')}
              </Text>
              <input
                id="import-file-input"
                ref={fileRef}
                type="file"
                accept=".csv,.txt,.tsv,.xlsx"
                data-testid="import-file"
                onChange={(e) => void onFile(e)}
                disabled={reading !== null || committing}
                className="ed-visually-hidden"
              />
            </Group>
            {reading && (
              <Group gap="sm" data-testid="import-reading">
                <Loader size="sm" />
                <Text>{t('reading', { size: formatBytes(reading.size) })}</Text>
              </Group>
            )}
            {uploadError !== null && (
              <Alert color="red" data-testid="import-error">
                <Text className="ed-break">{errorMessage(uploadError)}</Text>
              </Alert>
            )}
          </Stack>
        </Paper>

        {upload && (
          <>
            <Paper withBorder p="md">
              <Stack gap="sm">
                <Group gap="lg" data-testid="import-file-info" wrap="wrap" align="flex-end">
                  <Text fw={700} className="ed-ellipsis" maw={360} title={upload.fileName}>
                    {upload.fileName}
                  </Text>
                  <Text>{t('format', { format: upload.format.toUpperCase() })}</Text>
                  {upload.format === 'csv' && <Text>{t('encoding', { encoding: upload.encoding })}</Text>}
                  {upload.delimiter !== null && <Text>{t('delimiter', { delimiter: DELIMITERS[upload.delimiter] ? t(`delimiters.${DELIMITERS[upload.delimiter]!}`) : JSON.stringify(upload.delimiter) })}</Text>}
                  <Text fw={700} data-testid="import-row-count">
                    {t('rows', { count: upload.rowCount, n: formatNumber(upload.rowCount) })}
                  </Text>
                  {upload.sheets.length > 1 && file && (
                    <NativeSelect
                      label={t('sheet')}
                      description={t('sheetHint')}
                      data-testid="import-sheet"
                      value={upload.sheet ?? ''}
                      onChange={(e) => void send(file, e.currentTarget.value)}
                      data={upload.sheets}
                      disabled={reading !== null || committing}
                      w={260}
                    />
                  )}
                </Group>
                <SampleTable headers={upload.headers} rows={upload.sample} lines={upload.sampleLines} />
              </Stack>
            </Paper>

            <Paper withBorder p="md">
              <Stack gap="md">
                <Title order={4}>{t('mapping')}</Title>
                <MappingForm headers={upload.headers} value={mapping} onChange={setMapping} />
                <TicketTypeChoices
                  fileTypes={fileTicketTypes}
                  eventTypes={ticketTypes}
                  choices={choices}
                  onChoose={choose}
                  defaultTicketTypeId={defaultTicketTypeId}
                  onDefault={setDefaultTicketTypeId}
                />
                {ticketTypes.length === 0 && (
                  <Text size="sm" c="dimmed">
                    {t('noTicketTypes')}{' '}
                    <Anchor href={href('event')} size="sm">
                      {t('toEventSetup')}
                    </Anchor>
                  </Text>
                )}
                <StatusChoices statuses={fileStatuses} plan={statusPlan} onChange={setStatusPlan} />
                <Group>
                  <Button onClick={() => void runCheck()} loading={checking} data-testid="import-check">
                    {check && !checkIsCurrent ? t('recheck') : t('check')}
                  </Button>
                  {check && !checkIsCurrent && <Text c="orange.9">{t('mappingChanged')}</Text>}
                </Group>
                <FormError message={stepError?.step === 'check' ? errorMessage(stepError.err) : null} testId="import-check-error" />
                {check && <CheckSummary check={check} allowOverCapacity={allowOverCapacity} onAllowOverCapacity={setAllowOverCapacity} />}
              </Stack>
            </Paper>

            <Paper withBorder p="md">
              <Group align="flex-end" gap="md" wrap="wrap">
                <NativeSelect
                  label={t('duplicates')}
                  data-testid="import-duplicates"
                  value={duplicates}
                  onChange={(e) => setDuplicates(e.currentTarget.value === 'merge' ? 'merge' : 'skip')}
                  data={[
                    { value: 'skip', label: t('duplicatesSkip') },
                    { value: 'merge', label: t('duplicatesMerge') }
                  ]}
                  w={320}
                />
                <Button size="lg" color="green.8" onClick={() => void commit()} disabled={!checkIsCurrent || committing || overCapacityBlocks} data-testid="import-commit">
                  {t('commit')}
                </Button>
                {committing && check && (
                  <Stack gap={4} miw={280} data-testid="import-saving">
                    <Group gap="sm">
                      <Loader size="sm" />
                      <Text>
                        {progress
                          ? t('savingProgress', { done: formatNumber(progress.done), n: formatNumber(progress.total) })
                          : t('saving', { n: formatNumber(check.ready) })}
                      </Text>
                    </Group>
                    {progress && <Progress value={(100 * progress.done) / progress.total} aria-label={t('saving', { n: formatNumber(progress.total) })} />}
                  </Stack>
                )}
              </Group>
              {overCapacityBlocks && (
                <Text size="sm" c="orange.9" mt="xs">
                  {t('overCapacity.blocked')}
                </Text>
              )}
              <FormError message={stepError?.step === 'commit' ? errorMessage(stepError.err) : null} testId="import-commit-error" />
            </Paper>
          </>
        )}
      </Stack>
    </Screen>
  )
}

const RESULT_COUNTS = ['created', 'merged', 'skipped', 'rejected', 'skippedByStatus', 'warnings'] as const

/** What the import did, and the ticket types it made. */
function ImportResult({ result, eventId, onAgain }: { result: ImportCommitResult; eventId: string; onAgain: () => void }) {
  const { t } = useTranslation(['import', 'app', 'shared'])
  return (
    <Screen title={t('title')}>
      <Paper withBorder p="xl" maw={820} data-testid="import-result">
        <Stack>
          <Title order={3}>{t('done')}</Title>
          <SimpleGrid cols={{ base: 2, sm: 3 }}>
            {RESULT_COUNTS.map((k) => (
              <Stack gap={0} key={k} data-testid={`import-result-${k}`}>
                <Text fz={28} fw={800} style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatNumber(result[k])}
                </Text>
                <Text c="dimmed">{t(`result.${k}`, { count: result[k] })}</Text>
              </Stack>
            ))}
          </SimpleGrid>
          {result.createdTicketTypes.length > 0 && (
            <Stack gap={4} data-testid="import-result-ticket-types">
              <Text fw={700}>{t('result.createdTicketTypes', { count: result.createdTicketTypes.length })}</Text>
              <Group gap="sm" wrap="wrap">
                {result.createdTicketTypes.map((tt) => (
                  <Anchor key={tt.id} href={href(buildPath('event/:eventId/ticket-type/:ticketTypeId', { eventId, ticketTypeId: tt.id }))} data-testid="import-result-ticket-type">
                    {tt.name} ({tt.code})
                  </Anchor>
                ))}
              </Group>
              <Text size="sm" c="dimmed">
                {t('result.createdTicketTypesHint')}
              </Text>
            </Stack>
          )}
          <Group>
            <Button onClick={onAgain} data-testid="import-again">
              {t('again')}
            </Button>
            <Button variant="default" onClick={() => navigate('attendees')}>
              {t('toAttendees')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Screen>
  )
}

const DELIMITERS: Readonly<Record<string, 'comma' | 'semicolon' | 'tab' | 'pipe'>> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' }
