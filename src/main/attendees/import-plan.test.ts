import { describe, expect, it } from 'vitest'
import type { TicketTypeRow } from '../../shared/contract/events'
import type { ImportRow } from './import-mapping'
import { addedPerTicketType, applyPlan, fileTicketTypes, suggestCode, type ExistingPeople } from './import-plan'

const event: TicketTypeRow[] = [
  { id: 'ga', eventId: 'e', code: 'GA', name: 'General Admission', priceCents: 0, currency: 'EUR', capacity: null, color: '#000000' },
  { id: 'vip', eventId: 'e', code: 'VIP', name: 'VIP', priceCents: 0, currency: 'EUR', capacity: 10, color: '#000000' }
]
const nobody: ExistingPeople = { byCode: new Map(), byEmail: new Map() }

function row(line: number, ticketType: string | null, status: ImportRow['status'] = 'registered', extra: Partial<ImportRow> = {}): ImportRow {
  return {
    line, firstName: 'A', lastName: `L${line}`, email: null, invalidEmail: null, company: null, jobTitle: null, phone: null, ticketType, code: null,
    status, statusValue: status === 'registered' ? '' : status, attention: false, doorNote: null, preferredLanguage: null, notes: null, ...extra
  }
}

describe('suggestCode', () => {
  it('makes short unique codes from names', () => {
    const taken = new Set(['ga', 'vip'])
    expect(suggestCode('Speaker pass', taken)).toBe('SPEAKER-PASS')
    expect(suggestCode('Conference ticket – Student', taken)).toBe('CTS')
    expect(suggestCode('General Admission Plus', taken)).toBe('GAP')
    expect(suggestCode('VIP', taken)).toBe('VIP-2')
    expect(suggestCode('Конференция', taken)).toBe('TT')
    expect(suggestCode('Σύνεδρο', taken)).toBe('TT-2')
  })
})

describe('fileTicketTypes', () => {
  it('lists what the file names with row counts, matched by name or code, accents and case aside', () => {
    const rows = [row(2, 'general admission'), row(3, 'VIP'), row(4, 'Speaker'), row(5, 'speaker'), row(6, null)]
    expect(fileTicketTypes(rows, event)).toEqual([
      { value: 'Speaker', rows: 2, matchId: null, suggested: { name: 'Speaker', code: 'SPEAKER' } },
      { value: '', rows: 1, matchId: null, suggested: { name: '', code: '' } },
      { value: 'general admission', rows: 1, matchId: 'ga', suggested: { name: 'general admission', code: '' } },
      { value: 'VIP', rows: 1, matchId: 'vip', suggested: { name: 'VIP', code: '' } }
    ])
  })
})

describe('applyPlan', () => {
  const rows = [row(2, 'Speaker'), row(3, 'Media'), row(4, 'VIP', 'cancelled'), row(5, 'VIP', 'pending'), row(6, null), row(7, 'Unknown')]

  it('creates or maps the file ticket types as planned, refuses the ones without a plan, skips statuses as told', () => {
    const planned = applyPlan(
      rows,
      {
        defaultTicketTypeId: 'ga',
        ticketTypes: [{ value: 'speaker', action: 'create' }, { value: 'Media', action: 'map', ticketTypeId: 'vip' }],
        statuses: { cancelled: 'skip', pending: 'register' }
      },
      event,
      nobody
    )
    expect(planned.rows.map((r) => [r.line, r.ticketTypeId, r.createTicketType])).toEqual([
      [2, null, 'speaker'],
      [3, 'vip', null],
      [5, 'vip', null],
      [6, 'ga', null]
    ])
    expect(planned.skippedByStatus).toBe(1)
    expect(planned.issues.map((i) => [i.line, i.code, i.severity])).toEqual([[7, 'unknown_ticket_type', 'error']])
  })

  it('refuses rows without a ticket type when no default is chosen', () => {
    const planned = applyPlan([row(2, null)], { defaultTicketTypeId: undefined, ticketTypes: [], statuses: { cancelled: 'cancel', pending: 'register' } }, event, nobody)
    expect(planned.issues.map((i) => i.code)).toEqual(['no_ticket_type'])
  })

  it('knows who is in the event already: by code, else by e-mail (for a row with a code, only someone without one)', () => {
    const existing: ExistingPeople = {
      byCode: new Map([['X1', { id: 'p1', ticketTypeId: 'ga', status: 'registered' }]]),
      byEmail: new Map([
        ['walkup@example.com', { id: 'p2', ticketTypeId: 'ga', status: 'registered', hasCode: false }],
        ['ticket@example.com', { id: 'p3', ticketTypeId: 'vip', status: 'registered', hasCode: true }]
      ])
    }
    const file = [
      row(2, 'VIP', 'registered', { code: 'X1' }),
      row(3, 'VIP', 'registered', { code: 'X2', email: 'walkup@example.com' }),
      row(4, 'VIP', 'registered', { code: 'X3', email: 'ticket@example.com' }),
      row(5, 'VIP', 'registered', { email: 'ticket@example.com' })
    ]
    const planned = applyPlan(file, { defaultTicketTypeId: 'ga', ticketTypes: [], statuses: { cancelled: 'cancel', pending: 'register' } }, event, existing)
    expect(planned.rows.map((r) => r.existing?.id ?? null)).toEqual(['p1', 'p2', null, 'p3'])
    // Skip: only the new person adds to VIP; merge: the two moving from GA too, not the one already there.
    expect(addedPerTicketType(planned.rows, 'skip')).toEqual(new Map([['vip', 1]]))
    expect(addedPerTicketType(planned.rows, 'merge')).toEqual(new Map([['vip', 3]]))
  })
})
