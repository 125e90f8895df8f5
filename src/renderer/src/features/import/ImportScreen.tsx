import { Alert, Button, Group, Loader, NativeSelect, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useEffect, useRef, useState, type ChangeEvent } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { IMPORT_FIELDS, type ColumnMapping, type ImportCheckResult, type ImportCommitResult, type ImportUploadResult } from '../../../../shared/contract/attendees'
import { call, errorMessage } from '../../api/client'
import type { EventScreenProps } from '../../router/feature'
import { navigate } from '../../router/hash'
import { useTicketTypes } from '../../shared/events'
import { formatBytes, formatNumber } from '../../ui/format'
import { FormError } from '../../ui/FormError'
import { Screen } from '../../ui/Screen'
import { CheckSummary } from './CheckSummary'
import { MappingForm, type MappingValues } from './MappingForm'
import { readAsBase64 } from './readFile'
import { SampleTable } from './SampleTable'
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

/** Upload → map the columns → check → commit. Nothing is saved before "Import". */
export default function ImportScreen({ eventId }: EventScreenProps) {
  const { t } = useTranslation(['import', 'app', 'shared'])
  const ticketTypes = useTicketTypes(eventId)
  const fileRef = useRef<HTMLInputElement>(null)
  const [reading, setReading] = useState<{ name: string; size: number } | null>(null)
  const [uploadError, setUploadError] = useState<unknown>(null)
  /** A failed check or import, shown next to its button. */
  const [stepError, setStepError] = useState<{ step: 'check' | 'commit'; err: unknown } | null>(null)
  const [upload, setUpload] = useState<(ImportUploadResult & { fileName: string }) | null>(null)
  const [mapping, setMapping] = useState<MappingValues>(toValues({}))
  const [defaultTicketTypeId, setDefaultTicketTypeId] = useState('')
  const [check, setCheck] = useState<ImportCheckResult | null>(null)
  const [checkedFor, setCheckedFor] = useState<string | null>(null)
  const [checking, setChecking] = useState(false)
  const [duplicates, setDuplicates] = useState<'skip' | 'merge'>('skip')
  const [committing, setCommitting] = useState(false)
  const progress = useCommitProgress(upload?.importId ?? null, committing)
  const [result, setResult] = useState<ImportCommitResult | null>(null)

  useEffect(() => {
    if (!defaultTicketTypeId && ticketTypes[0]) setDefaultTicketTypeId(ticketTypes[0].id)
  }, [ticketTypes, defaultTicketTypeId])

  const currentKey = JSON.stringify([mapping, defaultTicketTypeId])
  const checkIsCurrent = check !== null && checkedFor === currentKey

  const startOver = () => {
    setUpload(null)
    setCheck(null)
    setCheckedFor(null)
    setResult(null)
    setUploadError(null)
    setStepError(null)
    if (fileRef.current) fileRef.current.value = ''
  }

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0]
    if (!file) return
    startOver()
    setReading({ name: file.name, size: file.size })
    try {
      const base64 = await readAsBase64(file)
      const uploaded = await call('import.upload', { eventId, fileName: file.name, base64 })
      setUpload({ ...uploaded, fileName: file.name })
      setMapping(toValues(uploaded.mapping))
    } catch (err) {
      setUploadError(err)
      if (fileRef.current) fileRef.current.value = ''
    } finally {
      setReading(null)
    }
  }

  const runCheck = async () => {
    if (!upload || !defaultTicketTypeId) return
    setChecking(true)
    setStepError(null)
    const key = currentKey
    try {
      const checked = await call('import.check', { importId: upload.importId, mapping: toMapping(mapping), defaultTicketTypeId })
      setCheck(checked)
      setCheckedFor(key)
    } catch (err) {
      setStepError({ step: 'check', err })
    } finally {
      setChecking(false)
    }
  }

  const commit = async () => {
    if (!upload || !checkIsCurrent) return
    setCommitting(true)
    setStepError(null)
    try {
      setResult(await call('import.commit', { importId: upload.importId, mapping: toMapping(mapping), defaultTicketTypeId, duplicates }))
    } catch (err) {
      setStepError({ step: 'commit', err })
    } finally {
      setCommitting(false)
    }
  }

  if (result) {
    return (
      <Screen title={t('title')}>
        <Paper withBorder p="xl" maw={720} data-testid="import-result">
          <Stack>
            <Title order={3}>{t('done')}</Title>
            <SimpleGrid cols={4}>
              {(['created', 'merged', 'skipped', 'rejected'] as const).map((k) => (
                <Stack gap={0} key={k} data-testid={`import-result-${k}`}>
                  <Text fz={28} fw={800}>
                    {formatNumber(result[k])}
                  </Text>
                  <Text c="dimmed">{t(`result.${k}`)}</Text>
                </Stack>
              ))}
            </SimpleGrid>
            <Group>
              <Button onClick={startOver} data-testid="import-again">
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
                <Group gap="lg" data-testid="import-file-info" wrap="wrap">
                  <Text fw={700} className="ed-ellipsis" maw={360} title={upload.fileName}>
                    {upload.fileName}
                  </Text>
                  <Text>{t('format', { format: upload.format.toUpperCase() })}</Text>
                  <Text>{t('encoding', { encoding: upload.encoding })}</Text>
                  {upload.delimiter !== null && <Text>{t('delimiter', { delimiter: delimiterName(t, upload.delimiter) })}</Text>}
                  <Text fw={700} data-testid="import-row-count">
                    {t('rows', { count: upload.rowCount, n: formatNumber(upload.rowCount) })}
                  </Text>
                </Group>
                <SampleTable headers={upload.headers} rows={upload.sample} />
              </Stack>
            </Paper>

            <Paper withBorder p="md">
              <Stack gap="md">
                <Title order={4}>{t('mapping')}</Title>
                <MappingForm headers={upload.headers} value={mapping} onChange={setMapping} />
                <NativeSelect
                  label={t('defaultTicketType')}
                  description={t('defaultTicketTypeHint')}
                  data-testid="import-default-ticket-type"
                  value={defaultTicketTypeId}
                  onChange={(e) => setDefaultTicketTypeId(e.currentTarget.value)}
                  data={ticketTypes.map((tt) => ({ value: tt.id, label: tt.name }))}
                  maw={360}
                />
                {ticketTypes.length === 0 && (
                  <Alert color="yellow">
                    {t('noTicketTypes')}{' '}
                    <Button variant="subtle" size="compact-sm" onClick={() => navigate('event')}>
                      {t('toEventSetup')}
                    </Button>
                  </Alert>
                )}
                <Group>
                  <Button onClick={() => void runCheck()} loading={checking} disabled={!defaultTicketTypeId} data-testid="import-check">
                    {check && !checkIsCurrent ? t('recheck') : t('check')}
                  </Button>
                  {check && !checkIsCurrent && <Text c="orange.9">{t('mappingChanged')}</Text>}
                </Group>
                <FormError message={stepError?.step === 'check' ? errorMessage(stepError.err) : null} testId="import-check-error" />
                {check && <CheckSummary check={check} />}
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
                <Button size="lg" color="green.8" onClick={() => void commit()} disabled={!checkIsCurrent || committing} data-testid="import-commit">
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
              <FormError message={stepError?.step === 'commit' ? errorMessage(stepError.err) : null} testId="import-commit-error" />
            </Paper>
          </>
        )}
      </Stack>
    </Screen>
  )
}

function delimiterName(t: TFunction<'import'>, d: string): string {
  if (d === ',') return t('delimiters.comma')
  if (d === ';') return t('delimiters.semicolon')
  if (d === '\t') return t('delimiters.tab')
  if (d === '|') return t('delimiters.pipe')
  return JSON.stringify(d)
}
