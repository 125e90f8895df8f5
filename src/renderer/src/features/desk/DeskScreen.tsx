import { Alert, Button, Kbd, Stack, Text, TextInput } from '@mantine/core'
import { useHotkeys } from '@mantine/hooks'
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AttendeeRow } from '../../../../shared/contract/attendees'
import type { CheckinResult, DoorCheckinResult } from '../../../../shared/contract/checkin'
import { call, errorMessage } from '../../api/client'
import { useSession } from '../../api/session'
import { rolesFor, type EventScreenProps } from '../../router/feature'
import { navigate } from '../../router/hash'
import { buildPath } from '../../router/paths'
import { AttendeeDrawer } from '../../shared/attendee/AttendeeDrawer'
import { CheckinOutcome, OUTCOME_SOUND, OUTCOME_STYLE, outcomeKind, type Outcome, type OutcomeKind } from '../../shared/checkin/CheckinOutcome'
import { FeedbackSettings } from '../../shared/checkin/FeedbackSettings'
import { playSound, useFeedbackSettings } from '../../shared/checkin/feedback'
import { useTicketTypeMap } from '../../shared/events'
import { fullName } from '../../ui/format'
import { dismissNote, notifyError, notifyInfo } from '../../ui/notify'
import { useWedgeScan } from '../../shared/wedge'
import { looksLikeCode } from './codes'
import { CountersPanel } from './CountersPanel'
import { DeskResult } from './DeskResult'
import { useDeskSearch } from './useDeskSearch'
import { WalkUpModal } from './WalkUpModal'

/** Opens the walk-up form. */
const WALK_UP_KEY = 'F2'

/** Searching people and registering walk-ups; roles without these get scan-only mode. */
const SEARCH = ['attendee.search', 'checkin.byAttendee', 'checkin.walkUp'] as const

/**
 * The hot screen: one field for names, e-mails, companies and codes; Enter
 * checks in; a big coloured outcome; the field is ready for the next person.
 * Scanners get scan-only mode: the code field and the outcome, no attendee list.
 */
export default function DeskScreen({ eventId, params }: EventScreenProps) {
  const { t } = useTranslation(['desk', 'app', 'shared'])
  const role = useSession((s) => s.session?.staff.role ?? 'kiosk')
  const scanOnly = !rolesFor(SEARCH).includes(role)
  const { text, setText, textRef, results, more, error, run } = useDeskSearch(eventId, !scanOnly)
  const ticketTypes = useTicketTypeMap()
  const openDetail = useCallback((attendeeId: string) => navigate(buildPath('desk/:attendeeId', { attendeeId })), [])
  const inputRef = useRef<HTMLInputElement>(null)
  const navigated = useRef(false)
  const [highlight, setHighlight] = useState(0)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [pendingId, setPendingId] = useState<string | null>(null)
  /** The number of the latest check-in started: only its answer may take the card. */
  const latest = useRef(0)
  const [flash, setFlash] = useState<{ key: number; kind: OutcomeKind } | null>(null)
  const flashOn = useFeedbackSettings((s) => s.flash)
  const [undoing, setUndoing] = useState(false)
  const [walkUpOpen, setWalkUpOpen] = useState(false)

  const focusInput = useCallback(() => requestAnimationFrame(() => inputRef.current?.focus()), [])

  const resultQuery = results?.query ?? ''
  const rows = results?.rows
  // A new query starts at the top; a live refresh of the same query keeps the highlight.
  useEffect(() => {
    setHighlight(0)
    navigated.current = false
  }, [resultQuery])

  useEffect(() => {
    const row = rows?.[highlight]
    if (row) document.getElementById(`desk-result-${row.id}`)?.scrollIntoView({ block: 'nearest' })
  }, [highlight, rows])

  /** Clears the field for the next person; returns a way to put the text back after a failure. */
  const startNext = () => {
    const typed = textRef.current
    setText('')
    focusInput()
    return () => {
      if (textRef.current === '') setText(typed)
    }
  }

  /** Puts an outcome on the card, with its sound and (if asked for) the full-screen flash. */
  const present = (next: Outcome) => {
    dismissNote()
    setOutcome(next)
    const kind = outcomeKind(next)
    const sound = OUTCOME_SOUND[kind]
    if (sound) {
      playSound(sound)
      setFlash((f) => ({ key: (f?.key ?? 0) + 1, kind }))
    }
  }

  /**
   * One check-in: the card says it is on its way at once, then shows the answer
   * or the error — unless a later check-in started meanwhile, whose card wins
   * however the answers arrive. Returns whether it got an answer.
   */
  const attempt = async (subject: string, request: () => Promise<CheckinResult | DoorCheckinResult>): Promise<boolean> => {
    const mine = ++latest.current
    dismissNote()
    setOutcome({ kind: 'pending', subject })
    try {
      const result = await request()
      if (mine === latest.current) present({ kind: 'result', result })
      return true
    } catch (err) {
      if (mine === latest.current) present({ kind: 'error', subject, message: errorMessage(err) })
      return false
    }
  }

  const checkInByCode = async (code: string, method: 'code' | 'scan') => {
    const restore = startNext()
    const answered = await attempt(code, () => call('checkin.byCode', { eventId, code, method }))
    // A scan never came from the field: nothing of it to put back.
    if (!answered && method === 'code') restore()
  }

  /** Checks one person in by id; `subject` names them on the card while it is on its way. */
  const checkInAttendee = async (attendeeId: string, subject: string) => {
    const restore = startNext()
    setPendingId(attendeeId)
    const answered = await attempt(subject, () => call('checkin.byAttendee', { attendeeId }))
    setPendingId(null)
    if (!answered) restore()
  }

  // A scanner's burst, wherever the focus was: the person at the door comes first,
  // so a half-typed walk-up or an open attendee steps aside (the walk-up form keeps its text).
  useWedgeScan({
    onScan: (code) => {
      setWalkUpOpen(false)
      if (params.attendeeId) navigate('desk')
      void checkInByCode(code, 'scan')
    },
    onStray: (typed) => {
      if (walkUpOpen || params.attendeeId) return
      setText((t) => t + typed)
      focusInput()
    }
  })

  // The walk-up form from the keyboard, wherever the focus is (the search field mostly).
  useHotkeys(scanOnly ? [] : [[WALK_UP_KEY, () => setWalkUpOpen(true)]], [])

  const onEnter = async () => {
    const value = textRef.current.trim()
    if (!value) return
    if (scanOnly) {
      await checkInByCode(value, 'code')
      return
    }
    const fresh = results !== null && results.query === value
    let hits: AttendeeRow[]
    try {
      hits = fresh ? results.rows : await run(value)
    } catch (err) {
      notifyError(err)
      return
    }
    if (looksLikeCode(value) && !navigated.current) {
      // Typed, not scanned: "WAGNER" is both a possible code and a surname. An
      // unknown code that names people leaves the list up instead of a red outcome.
      if (hits.length === 0 || hits.some((r) => r.code === value.toUpperCase())) await checkInByCode(value, 'code')
      else notifyInfo(t('pickFromList', { query: value }))
      return
    }
    const row = fresh ? (hits[highlight] ?? hits[0]) : hits[0]
    if (!row) {
      notifyInfo(t('noMatch', { query: value }))
      return
    }
    await checkInAttendee(row.id, fullName(row) || row.code)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const count = rows?.length ?? 0
    if (e.key === 'ArrowDown' && count > 0) {
      e.preventDefault()
      navigated.current = true
      setHighlight((h) => Math.min(h + 1, count - 1))
    } else if (e.key === 'ArrowUp' && count > 0) {
      e.preventDefault()
      navigated.current = true
      setHighlight((h) => Math.max(h - 1, 0))
    } else if (e.key === 'Enter') {
      e.preventDefault()
      void onEnter()
    } else if (e.key === 'Escape') {
      setText('')
    }
  }

  const undo = async (checkinId: string) => {
    setUndoing(true)
    try {
      const attendee = await call('checkin.undo', { checkinId })
      latest.current++
      present({ kind: 'undone', attendee })
    } catch (err) {
      notifyError(err)
    } finally {
      setUndoing(false)
      focusInput()
    }
  }

  const query = text.trim()
  const shown = !scanOnly && query !== '' && results?.query === query ? results.rows : null
  const showResults = shown !== null
  const compactOutcome = !scanOnly && query !== ''

  return (
    <div className="ed-desk">
      <Stack gap="md" className="ed-desk-main">
        <div className="ed-desk-bar">
          <TextInput
            ref={inputRef}
            size="xl"
            autoFocus
            autoComplete="off"
            autoCorrect="off"
            spellCheck={false}
            data-testid="desk-search"
            aria-label={scanOnly ? t('scanLabel') : t('searchLabel')}
            placeholder={scanOnly ? t('scanPlaceholder') : t('searchPlaceholder')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            onKeyDown={onKeyDown}
            role="combobox"
            aria-expanded={showResults}
            aria-controls="desk-results"
            aria-activedescendant={shown?.[highlight] ? `desk-result-${shown[highlight].id}` : undefined}
            style={{ flex: 1 }}
            styles={{ input: { fontSize: 24, height: 64 } }}
          />
        </div>
        {scanOnly && <Text c="dimmed">{t('scanOnlyHint')}</Text>}
        {!scanOnly && !query && !outcome && <Text c="dimmed">{t('hint')}</Text>}
        {outcome && (
          <CheckinOutcome
            outcome={outcome}
            compact={compactOutcome}
            undoing={undoing}
            onUndo={(id) => void undo(id)}
            onOpen={scanOnly ? undefined : openDetail}
            onCheckIn={scanOnly ? undefined : (attendeeId, name) => void checkInAttendee(attendeeId, name)}
            checkingIn={pendingId}
          />
        )}
        {error && query !== '' && !showResults && (
          <Alert color="red" data-testid="desk-search-error">
            {errorMessage(error)}
          </Alert>
        )}
        {shown && (
          <div className="ed-desk-results" id="desk-results" role="listbox" aria-label={t('results')} data-testid="desk-results">
            {shown.map((row, i) => (
              <DeskResult
                key={row.id}
                attendee={row}
                ticketType={ticketTypes.get(row.ticketTypeId)}
                highlighted={i === highlight}
                busy={pendingId === row.id}
                onHighlight={() => {
                  navigated.current = true
                  setHighlight(i)
                }}
                onCheckIn={() => void checkInAttendee(row.id, fullName(row) || row.code)}
                onOpen={() => openDetail(row.id)}
              />
            ))}
            {more && (
              <Text size="md" c="dark.4" data-testid="desk-more">
                {t(more.beyondCap ? 'moreMatchesMany' : 'moreMatches', { n: more.n })}
              </Text>
            )}
            {shown.length === 0 && (
              <Text size="lg" c="dimmed" data-testid="desk-no-results">
                {t('noResults', { query })}
              </Text>
            )}
          </div>
        )}
      </Stack>
      {/* Walk-ups beside the search, so the search field keeps its width (and its hint) in every language. */}
      <Stack gap="md" className="ed-desk-side">
        {!scanOnly && (
          <Button
            size="lg"
            h="auto"
            mih={64}
            fullWidth
            variant="default"
            onClick={() => setWalkUpOpen(true)}
            data-testid="walkup-open"
            styles={{ label: { whiteSpace: 'normal', textAlign: 'center', paddingBlock: 8 } }}
          >
            {t('walkUp')} <Kbd ml="xs">{WALK_UP_KEY}</Kbd>
          </Button>
        )}
        <CountersPanel eventId={eventId} />
        <FeedbackSettings />
      </Stack>
      {flashOn && flash && (
        <div
          key={flash.key}
          className="ed-flash"
          data-testid="checkin-flash"
          data-outcome={flash.kind}
          style={{ background: OUTCOME_STYLE[flash.kind].border }}
          onAnimationEnd={() => setFlash(null)}
        />
      )}
      {!scanOnly && (
        <WalkUpModal
          eventId={eventId}
          opened={walkUpOpen}
          typed={text}
          onClose={() => {
            setWalkUpOpen(false)
            focusInput()
          }}
          onDone={(result) => {
            setWalkUpOpen(false)
            setText('')
            latest.current++
            present({ kind: 'result', result: result.checkin })
            focusInput()
          }}
        />
      )}
      {!scanOnly && <AttendeeDrawer attendeeId={params.attendeeId ?? null} onClose={() => navigate('desk')} onOpenAttendee={openDetail} />}
    </div>
  )
}
