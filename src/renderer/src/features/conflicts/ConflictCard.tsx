import { Badge, Button, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Conflict, ConflictMember } from '../../../../shared/contract/conflicts'
import { call, errorMessage } from '../../api/client'
import { useApi } from '../../api/query'
import { useTicketTypeMap } from '../../shared/events'
import { formatNumber, fullName } from '../../ui/format'
import { FormError } from '../../ui/FormError'
import { notifySuccess } from '../../ui/notify'
import { AttendeeMember, attendeeHref, CheckinMember, TicketTypeMember, ticketTypeHref } from './Members'

/** The member that came first (its time, then its id): the core's rule for who keeps a code or survives a merge. */
export function earliestMember(members: readonly ConflictMember[]): ConflictMember | undefined {
  return [...members].sort((a, b) => ((a.at ?? '') === (b.at ?? '') ? (a.id < b.id ? -1 : 1) : (a.at ?? '') < (b.at ?? '') ? -1 : 1))[0]
}

/** A resolution's busy state and its error, shown in the card. */
function useResolution() {
  const [busy, setBusy] = useState<string | null>(null)
  const [failure, setFailure] = useState<unknown>(null)
  const run = async (name: string, work: () => Promise<void>) => {
    setBusy(name)
    setFailure(null)
    try {
      await work()
    } catch (err) {
      setFailure(err)
    } finally {
      setBusy(null)
    }
  }
  return { busy, failure, run }
}

type Resolution = ReturnType<typeof useResolution>

/** One conflict: what happened in words, who or what is in it, and what resolves it. */
export function ConflictCard({ conflict, eventId }: { conflict: Conflict; eventId: string }) {
  const resolution = useResolution()
  const props = { conflict, eventId, resolution }
  switch (conflict.kind) {
    case 'same_code':
      return <SameCode {...props} />
    case 'same_email':
      return <SameEmail {...props} />
    case 'double_checkin':
      return <DoubleCheckin {...props} />
    case 'over_capacity':
      return <OverCapacity {...props} />
    case 'same_ticket_code':
      return <SameTicketCode {...props} />
  }
}

interface KindProps {
  conflict: Conflict
  eventId: string
  resolution: Resolution
}

const text = (value: string | number | null | undefined) => (value === null || value === undefined ? '' : String(value))
const number = (value: string | number | null | undefined) => (typeof value === 'number' ? formatNumber(value) : text(value))

interface FrameProps {
  conflict: Conflict
  resolution: Resolution
  title: string
  body: string
  /** The members: who or what is in conflict. */
  children?: ReactNode
  /** What the resolution offered will do, in words. */
  explain?: ReactNode
  /** Buttons besides "Acknowledge". */
  actions?: ReactNode
}

function Frame({ conflict, resolution, title, body, children, explain, actions }: FrameProps) {
  const { t } = useTranslation(['conflicts', 'app', 'shared'])
  const acknowledge = () =>
    resolution.run('acknowledge', async () => {
      await call('conflict.acknowledge', { id: conflict.id })
      notifySuccess(t('acknowledgedDone'))
    })
  return (
    <Paper
      withBorder
      p="md"
      data-testid="conflict"
      data-kind={conflict.kind}
      data-acknowledged={conflict.acknowledged}
      style={{ borderLeft: `6px solid var(--mantine-color-${conflict.acknowledged ? 'gray-5' : 'orange-7'})` }}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
          <Title order={4} className="ed-break" data-testid="conflict-title">
            {title}
          </Title>
          {conflict.acknowledged && (
            <Badge color="gray" variant="light" radius="sm" tt="none" style={{ flex: '0 0 auto' }} data-testid="conflict-acknowledged">
              {t('acknowledged')}
            </Badge>
          )}
        </Group>
        <Text size="sm">{body}</Text>
        {children && <Stack gap="xs">{children}</Stack>}
        {explain}
        <Group gap="sm" wrap="wrap" align="center">
          {actions}
          {!conflict.acknowledged && (
            <Button
              variant="default"
              onClick={() => void acknowledge()}
              loading={resolution.busy === 'acknowledge'}
              disabled={resolution.busy !== null && resolution.busy !== 'acknowledge'}
              title={t('acknowledgeHint')}
              data-testid="conflict-acknowledge"
            >
              {t('acknowledge')}
            </Button>
          )}
        </Group>
        <FormError message={resolution.failure === null ? null : errorMessage(resolution.failure)} testId="conflict-error" />
      </Stack>
    </Paper>
  )
}

/** A code given to two people: the earliest registration keeps it, the others get new codes. */
function SameCode({ conflict, eventId, resolution }: KindProps) {
  const { t } = useTranslation(['conflicts', 'app', 'shared'])
  const ticketTypes = useTicketTypeMap(eventId)
  const keeper = earliestMember(conflict.members)
  const code = text(conflict.detail.code)
  const keeperName = useAttendeeName(keeper)
  const reissue = () =>
    resolution.run('reissue', async () => {
      const { reissued } = await call('conflict.reissueCode', { id: conflict.id })
      const names = new Map(conflict.members.map((m) => [m.attendeeId, m.label.replace(/\s*\([^)]*\)$/, '')]))
      notifySuccess(reissued.map((r) => t('sameCode.done', { name: names.get(r.attendeeId) ?? '', code: r.code })).join(' · '))
    })
  return (
    <Frame
      conflict={conflict}
      resolution={resolution}
      title={t('sameCode.title', { count: conflict.members.length, code })}
      body={t('sameCode.body')}
      explain={
        <Text size="sm" fw={600} data-testid="conflict-explain">
          {t('sameCode.explain', { name: keeperName, code })}
        </Text>
      }
      actions={
        <Button color="orange.8" onClick={() => void reissue()} loading={resolution.busy === 'reissue'} disabled={resolution.busy !== null} data-testid="conflict-reissue">
          {t('sameCode.action')}
        </Button>
      }
    >
      {conflict.members.map((m) => (
        <AttendeeMember key={m.id} member={m} ticketTypes={ticketTypes} mark={m.id === keeper?.id ? t('sameCode.keeps') : undefined} />
      ))}
    </Frame>
  )
}

/** The name of the attendee behind a member (their label until the record is here). */
function useAttendeeName(member: ConflictMember | undefined): string {
  const attendee = useApi('attendee.get', member?.attendeeId ? { id: member.attendeeId } : null).data
  if (attendee) return fullName(attendee) || attendee.code
  return member?.label ?? ''
}

/** One e-mail registered more than once: merge the others into the one kept (the earliest unless picked). */
function SameEmail({ conflict, eventId, resolution }: KindProps) {
  const { t } = useTranslation(['conflicts', 'app', 'shared'])
  const ticketTypes = useTicketTypeMap(eventId)
  const [picked, setPicked] = useState<string | null>(null)
  const survivor = conflict.members.find((m) => m.id === picked) ?? earliestMember(conflict.members)
  const survivorName = useAttendeeName(survivor)
  const merge = () =>
    resolution.run('merge', async () => {
      if (!survivor) return
      await call('conflict.merge', { id: conflict.id, survivorId: survivor.id })
      notifySuccess(t('sameEmail.done', { name: survivorName }))
    })
  return (
    <Frame
      conflict={conflict}
      resolution={resolution}
      title={t('sameEmail.title', { count: conflict.members.length, email: text(conflict.detail.email) })}
      body={t('sameEmail.body')}
      explain={
        <Stack gap={2}>
          <Text size="sm" fw={600} data-testid="conflict-explain">
            {t('sameEmail.explain', { name: survivorName })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('sameEmail.different')}
          </Text>
        </Stack>
      }
      actions={
        <Button color="orange.8" onClick={() => void merge()} loading={resolution.busy === 'merge'} disabled={resolution.busy !== null} data-testid="conflict-merge" maw="100%">
          <Text span inherit className="ed-ellipsis">
            {t('sameEmail.action', { name: survivorName })}
          </Text>
        </Button>
      }
    >
      <Radio.Group value={survivor?.id ?? null} onChange={setPicked} aria-label={t('sameEmail.keep')}>
        <Stack gap="xs">
          {conflict.members.map((m) => (
            <AttendeeMember
              key={m.id}
              member={m}
              ticketTypes={ticketTypes}
              before={<Radio value={m.id} aria-label={`${t('sameEmail.keep')}: ${m.label}`} data-testid="conflict-survivor" />}
            />
          ))}
        </Stack>
      </Radio.Group>
    </Frame>
  )
}

/** One person let in at two desks apart: both facts are kept, the earliest counts. */
function DoubleCheckin({ conflict, resolution }: KindProps) {
  const { t } = useTranslation(['conflicts', 'app', 'shared'])
  const attendeeId = text(conflict.detail.attendeeId) || conflict.members[0]?.attendeeId || null
  const attendee = useApi('attendee.get', attendeeId ? { id: attendeeId } : null).data
  const name = attendee ? `${fullName(attendee)} (${attendee.code})` : t('doubleCheckin.someone')
  const first = earliestMember(conflict.members)
  return (
    <Frame
      conflict={conflict}
      resolution={resolution}
      title={t('doubleCheckin.title', { count: conflict.members.length, name })}
      body={t('doubleCheckin.body')}
      actions={
        attendeeId && (
          <Button component="a" href={attendeeHref(attendeeId)} variant="default" data-testid="conflict-open-attendee">
            {t('openAttendee')}
          </Button>
        )
      }
    >
      {[...conflict.members]
        .sort((a, b) => ((a.at ?? '') < (b.at ?? '') ? -1 : 1))
        .map((m) => (
          <CheckinMember key={m.id} member={m} earliest={m.id === first?.id} />
        ))}
    </Frame>
  )
}

/** More live registrations than places: raise the capacity or move people, by ordinary edits. */
function OverCapacity({ conflict, eventId, resolution }: KindProps) {
  const { t } = useTranslation(['conflicts', 'app', 'shared'])
  const ticketTypes = useTicketTypeMap(eventId)
  const member = conflict.members[0]
  const ticketType = member ? ticketTypes.get(member.id) : undefined
  return (
    <Frame
      conflict={conflict}
      resolution={resolution}
      title={t('overCapacity.title', { name: ticketType?.name ?? member?.label ?? '', count: number(conflict.detail.count), capacity: number(conflict.detail.capacity) })}
      body={t('overCapacity.body')}
      actions={
        member && (
          <Button component="a" href={ticketTypeHref(eventId, member.id)} variant="default" data-testid="conflict-edit-ticket-type">
            {t('overCapacity.edit')}
          </Button>
        )
      }
    />
  )
}

/** Two ticket types of the event with one code: give one another code in event setup. */
function SameTicketCode({ conflict, eventId, resolution }: KindProps) {
  const { t } = useTranslation(['conflicts', 'app', 'shared'])
  const ticketTypes = useTicketTypeMap(eventId)
  const code = ticketTypes.get(conflict.members[0]?.id ?? '')?.code ?? text(conflict.detail.code)
  return (
    <Frame conflict={conflict} resolution={resolution} title={t('sameTicketCode.title', { count: conflict.members.length, code })} body={t('sameTicketCode.body')}>
      {conflict.members.map((m) => (
        <TicketTypeMember key={m.id} member={m} eventId={eventId} ticketTypes={ticketTypes} action={t('sameTicketCode.edit')} />
      ))}
    </Frame>
  )
}
