import { Alert, Badge, Button, Group, Input, Paper, Rating, Stack, Table, Text, TextInput, Textarea } from '@mantine/core'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { v7 as uuid } from 'uuid'
import type { BoothLead } from '../../../../shared/contract/booth'
import { call, errorMessage } from '../../api/client'
import { useApi } from '../../api/query'
import type { ScreenProps } from '../../router/feature'
import { FormError } from '../../ui/FormError'
import { formatDateTime } from '../../ui/format'
import { notifyError } from '../../ui/notify'
import { Screen } from '../../ui/Screen'
import { useSave } from '../../ui/useSave'
import { ExhibitorsView } from './ExhibitorsView'

/** `booth/exhibitors`: the organizer's exhibitors; `booth`: the exhibitor's own booth. */
export default function BoothScreen({ route }: ScreenProps) {
  const { t } = useTranslation('booth')
  if (route === 'booth/exhibitors') {
    return (
      <Screen title={t('exhibitors')} testId="exhibitors-screen">
        <ExhibitorsView />
      </Screen>
    )
  }
  return <OwnBooth />
}

/** The booth: scan, rate, tag, note; the leads below show only what the organizer lets this exhibitor see. */
function OwnBooth() {
  const { t } = useTranslation('booth')
  const me = useApi('booth.me', {})
  const leads = useApi('booth.leads', me.data ? {} : null)
  if (me.error) {
    return (
      <Screen title={t('title')}>
        <Alert color="yellow" data-testid="booth-none">
          {me.error.key === 'exhibitorRequired' ? t('organizerHint') : errorMessage(me.error)}
        </Alert>
        {me.error.key === 'exhibitorRequired' && (
          <Button mt="md" component="a" href="#/booth/exhibitors" data-testid="booth-exhibitors-link">
            {t('exhibitors')}
          </Button>
        )}
      </Screen>
    )
  }
  return (
    <Screen title={me.data ? t('titleOf', { name: me.data.name }) : t('title')} testId="booth-screen">
      <Stack gap="lg" maw={1100}>
        {me.data?.booth && <Text c="dimmed">{t('boothAt', { booth: me.data.booth })}</Text>}
        <ScanForm />
        <Table withTableBorder striped layout="fixed" verticalSpacing="sm" data-testid="booth-leads">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('person')}</Table.Th>
              <Table.Th w={130}>{t('rating')}</Table.Th>
              <Table.Th>{t('tagsAndNotes')}</Table.Th>
              <Table.Th w={190}>{t('scanned')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {leads.data?.map((lead) => <LeadLine key={lead.attendeeId} lead={lead} />)}
          </Table.Tbody>
        </Table>
        {leads.data?.length === 0 && <Text c="dimmed">{t('noLeads')}</Text>}
      </Stack>
    </Screen>
  )
}

const tagsOf = (text: string) => [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))]

/** A badge scanner types the code and Enter; the moment of the scan is taken then, not when the desk answers. */
function ScanForm() {
  const { t } = useTranslation('booth')
  const [code, setCode] = useState('')
  const [rating, setRating] = useState(0)
  const [tags, setTags] = useState('')
  const [notes, setNotes] = useState('')
  const [unknown, setUnknown] = useState<string | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const { formError, busy, save } = useSave({ fields: [] })
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!code.trim()) return
    const scannedAt = new Date().toISOString()
    setUnknown(null)
    const failed = await save(async () => {
      const result = await call('booth.scan', { id: uuid(), code, scannedAt, rating: rating || null, tags: tagsOf(tags), notes })
      if (result.outcome === 'unknown_code') setUnknown(result.code)
    })
    if (!failed) {
      setCode('')
      setRating(0)
      setNotes('')
      input.current?.focus()
    }
  }
  return (
    <Paper withBorder p="md" component="form" onSubmit={(e: FormEvent) => void submit(e)} data-testid="booth-scan-form">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput ref={input} label={t('code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} autoFocus autoComplete="off" data-testid="booth-code" w={200} />
        <Input.Wrapper label={t('rating')}>
          <Rating value={rating} onChange={setRating} count={5} size="lg" py={6} data-testid="booth-rating" />
        </Input.Wrapper>
        <TextInput label={t('tags')} placeholder={t('tagsHint')} value={tags} onChange={(e) => setTags(e.currentTarget.value)} data-testid="booth-tags" w={220} />
        <Button type="submit" loading={busy} data-testid="booth-scan">
          {t('record')}
        </Button>
      </Group>
      <Textarea mt="sm" label={t('notes')} autosize minRows={1} maxRows={4} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} data-testid="booth-notes" />
      {unknown && (
        <Alert mt="sm" color="orange" data-testid="booth-unknown">
          {t('unknownCode', { code: unknown })}
        </Alert>
      )}
      <FormError message={formError} />
    </Paper>
  )
}

function LeadLine({ lead }: { lead: BoothLead }) {
  const { t } = useTranslation('booth')
  const name = [lead.person.firstName, lead.person.lastName].filter(Boolean).join(' ')
  const rate = async (rating: number) => {
    try {
      await call('booth.note', { id: uuid(), attendeeId: lead.attendeeId, at: new Date().toISOString(), rating })
    } catch (err) {
      notifyError(err)
    }
  }
  return (
    <Table.Tr data-testid="booth-lead">
      <Table.Td>
        <Text fw={600} className="ed-ellipsis">
          {name || t('hidden')}
        </Text>
        <Text size="sm" c="dimmed" className="ed-ellipsis">
          {[lead.person.jobTitle, lead.person.company].filter(Boolean).join(' · ')}
        </Text>
        {(lead.person.email || lead.person.phone) && (
          <Text size="sm" className="ed-ellipsis">
            {[lead.person.email, lead.person.phone].filter(Boolean).join(' · ')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Rating value={lead.rating ?? 0} onChange={(r) => void rate(r)} count={5} size="sm" aria-label={t('rating')} />
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="wrap">
          {lead.tags.map((tag) => (
            <Badge key={tag} variant="light" size="sm">
              {tag}
            </Badge>
          ))}
        </Group>
        {lead.notes && (
          <Text size="sm" className="ed-break">
            {lead.notes}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDateTime(lead.firstScanAt)}</Text>
        {lead.scans > 1 && (
          <Text size="xs" c="dimmed" data-testid="booth-scans">
            {t('scansCount', { count: lead.scans })}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  )
}
