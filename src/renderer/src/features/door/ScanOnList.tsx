import { Alert, Badge, Button, Group, Modal, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { CheckinListRow, DoorScanResult, ScanDirection, ScanResult } from '../../../../shared/contract/checkin-lists'
import { isAdmitting } from '../../../../shared/contract/checkin-lists'
import { call, errorMessage } from '../../api/client'
import { useApi } from '../../api/query'
import { useSession } from '../../api/session'
import { rolesFor } from '../../router/feature'
import { navigate } from '../../router/hash'
import { buildPath } from '../../router/paths'
import { Screen } from '../../ui/Screen'
import { formatDateTime, formatNumber, formatTime } from '../../ui/format'
import { OverrideModal } from './OverrideModal'

const LIST_KEY = (eventId: string) => `eventdesk.door.list.${eventId}`

function rememberedList(eventId: string): string | null {
  try {
    return localStorage.getItem(LIST_KEY(eventId))
  } catch {
    return null
  }
}

type Answer = ScanResult | DoorScanResult

/** Scanning on one list: the list large, its counters, one code field, the latest outcome. */
export function ScanOnList({ eventId }: { eventId: string }) {
  const { t } = useTranslation(['door', 'shared', 'app'])
  const lists = useApi('checkinList.list', { eventId })
  const [listId, setListId] = useState<string | null>(() => rememberedList(eventId))
  const [direction, setDirection] = useState<ScanDirection>('in')
  const [code, setCode] = useState('')
  const [answer, setAnswer] = useState<Answer | { pending: true } | { error: string } | null>(null)
  const [overriding, setOverriding] = useState<Answer | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const role = useSession((s) => s.session?.staff.role ?? 'kiosk')
  const manages = rolesFor(['checkinList.create']).includes(role)

  const list: CheckinListRow | undefined = lists.data?.find((l) => l.id === listId) ?? (lists.data?.length === 1 ? lists.data[0] : undefined)

  useEffect(() => {
    if (list?.mode === 'entry') setDirection('in')
  }, [list?.mode])

  const pick = (id: string | null) => {
    setListId(id)
    setAnswer(null)
    try {
      if (id) localStorage.setItem(LIST_KEY(eventId), id)
    } catch {
      // not remembered
    }
    requestAnimationFrame(() => input.current?.focus())
  }

  const scan = async (e: FormEvent) => {
    e.preventDefault()
    const value = code.trim()
    if (!value || !list) return
    setCode('')
    setAnswer({ pending: true })
    try {
      setAnswer(await call('checkin.scan', { id: crypto.randomUUID(), listId: list.id, code: value, direction }))
    } catch (err) {
      setAnswer({ error: errorMessage(err) })
    }
    input.current?.focus()
  }

  const picker = (
    <Select
      size="lg"
      w={360}
      maw="100%"
      data-testid="door-list-picker"
      aria-label={t('pickList')}
      placeholder={t('pickList')}
      data={(lists.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
      value={list?.id ?? null}
      onChange={pick}
      allowDeselect={false}
    />
  )

  return (
    <Screen
      title={t('title')}
      actions={
        <Group gap="sm">
          {manages && (
            <Button variant="default" onClick={() => navigate(buildPath('lists', {}))} data-testid="door-manage">
              {t('manageLists')}
            </Button>
          )}
          {picker}
        </Group>
      }
      testId="door-screen"
    >
      <Stack gap="lg">
        {lists.error && <Alert color="red">{errorMessage(lists.error)}</Alert>}
        {lists.data && lists.data.length === 0 && <Alert color="blue">{t('noLists')}</Alert>}
        {!list && lists.data && lists.data.length > 0 && <Alert color="blue">{t('pickFirst')}</Alert>}
        {list && (
          <>
            <Paper withBorder p="lg" radius="md">
              <Group justify="space-between" align="flex-end" wrap="wrap" gap="lg">
                <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
                  <Title order={1} fz={40} className="ed-ellipsis" data-testid="door-list-name">
                    {list.name}
                  </Title>
                  <Text c="dimmed">{t(`shared:listModes.${list.mode}`)}</Text>
                </Stack>
                <SimpleGrid cols={2} spacing="xl">
                  <Stack gap={0} align="center">
                    <Text fz={56} fw={700} lh={1} data-testid="door-admitted">
                      {formatNumber(list.admitted)}
                    </Text>
                    <Text c="dimmed">{t('admitted')}</Text>
                  </Stack>
                  <Stack gap={0} align="center">
                    <Text fz={56} fw={700} lh={1} data-testid="door-inside">
                      {formatNumber(list.inside)}
                    </Text>
                    <Text c="dimmed">{list.capacity === null ? t('inside') : t('insideOf', { capacity: formatNumber(list.capacity) })}</Text>
                  </Stack>
                </SimpleGrid>
              </Group>
            </Paper>
            <form onSubmit={scan}>
              <Group align="flex-end" wrap="wrap">
                {list.mode === 'entry_exit' && (
                  <SegmentedControl
                    size="lg"
                    data-testid="door-direction"
                    value={direction}
                    onChange={(v) => setDirection(v as ScanDirection)}
                    data={[
                      { value: 'in', label: t('shared:scanDirections.in') },
                      { value: 'out', label: t('shared:scanDirections.out') }
                    ]}
                  />
                )}
                <TextInput
                  ref={input}
                  autoFocus
                  size="lg"
                  style={{ flex: 1, minWidth: 240 }}
                  label={t('codeLabel')}
                  placeholder={t('codePlaceholder')}
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value)}
                  data-testid="door-code"
                  autoComplete="off"
                />
                <Button size="lg" type="submit" data-testid="door-scan">
                  {t('scan')}
                </Button>
              </Group>
            </form>
            <OutcomeCard answer={answer} onOverride={setOverriding} />
          </>
        )}
      </Stack>
      <Modal opened={overriding !== null} onClose={() => setOverriding(null)} title={t('override.title')} centered>
        {overriding && (
          <OverrideModal
            scan={overriding}
            onDone={(result) => {
              setOverriding(null)
              setAnswer(result)
              input.current?.focus()
            }}
          />
        )}
      </Modal>
    </Screen>
  )
}

const ATTENTION = new Set(['ambiguous_code', 'not_valid_now'])

function OutcomeCard({ answer, onOverride }: { answer: Answer | { pending: true } | { error: string } | null; onOverride: (a: Answer) => void }) {
  const { t } = useTranslation(['door', 'shared'])
  if (!answer) return null
  if ('pending' in answer) {
    return (
      <Paper p="xl" radius="md" bg="gray.1" data-testid="door-outcome" data-outcome="pending">
        <Title order={2}>{t('pending')}</Title>
      </Paper>
    )
  }
  if ('error' in answer) {
    return (
      <Paper p="xl" radius="md" bg="red.1" data-testid="door-outcome" data-outcome="error">
        <Title order={2}>{t('failed')}</Title>
        <Text>{answer.error}</Text>
      </Paper>
    )
  }
  const ok = isAdmitting(answer.outcome)
  const colour = ok ? 'green' : ATTENTION.has(answer.outcome) ? 'orange' : 'red'
  const person = answer.attendee
  return (
    <Paper p="xl" radius="md" bg={`${colour}.1`} style={{ borderLeft: `12px solid var(--mantine-color-${colour}-6)` }} data-testid="door-outcome" data-outcome={answer.outcome}>
      <Stack gap="xs">
        <Title order={1} fz={44} c={`${colour}.9`}>
          {t(`shared:scanOutcomes.${answer.outcome}`)}
        </Title>
        {person && (
          <Group gap="sm" wrap="wrap">
            <Text fz={28} fw={600} className="ed-ellipsis">
              {`${person.firstName} ${person.lastName}`.trim()}
            </Text>
            <Badge size="lg" variant="outline" className="ed-mono">
              {person.code}
            </Badge>
          </Group>
        )}
        <Detail answer={answer} />
        {answer.override && <Text>{t('override.done', { name: answer.override.supervisorName ?? '', reason: answer.override.reason })}</Text>}
        {!ok && person && answer.direction === 'in' && answer.outcome !== 'cancelled' && (
          <Group>
            <Button variant="white" color={colour} onClick={() => onOverride(answer)} data-testid="door-override">
              {t('override.button')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  )
}

function Detail({ answer }: { answer: Answer }) {
  const { t } = useTranslation('door')
  switch (answer.outcome) {
    case 'already_checked_in':
      return answer.previous ? (
        <Text fz="lg">
          {t('detail.previous', { time: formatTime(answer.previous.at), desk: answer.previous.deskName ?? '—', staff: answer.previous.staffName ?? '—' })}
        </Text>
      ) : null
    case 'not_valid_now':
      return <Text fz="lg">{answer.opensAt ? t('detail.opensAt', { time: formatDateTime(answer.opensAt) }) : t('detail.closed')}</Text>
    case 'list_full':
      return <Text fz="lg">{t('detail.full', { inside: formatNumber(answer.inside), capacity: formatNumber(answer.capacity ?? 0) })}</Text>
    case 'ambiguous_code':
      return <Text fz="lg">{t('detail.ambiguous', { count: answer.matches?.length ?? 2 })}</Text>
    case 'ticket_type_not_admitted':
      return <Text fz="lg">{t('detail.ticketType')}</Text>
    case 'no_reentry':
      return <Text fz="lg">{t('detail.noReentry')}</Text>
    default:
      return null
  }
}
