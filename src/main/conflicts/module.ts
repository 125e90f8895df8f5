/** Conflicts: listed from the kernel's derived table, resolved by ordinary writes of the domains. */
import { conflictsContract, type ConflictKind } from '../../shared/contract/conflicts'
import { ApiError } from '../../shared/errors'
import { getAttendee } from '../attendees/queries'
import { markMerged, reissueCode } from '../attendees/service'
import { carryCheckin } from '../checkin/service'
import { defineModule, mutation, query, sessionOf } from '../core/module'
import type { GuardedSql } from '../core/sql'
import { countOpen, getConflict, listConflicts } from './queries'
import { conflictAcks } from './schema'

function conflictOf(read: GuardedSql, id: string, kind: ConflictKind) {
  const conflict = getConflict(read, id)
  if (conflict.kind !== kind) {
    throw new ApiError('invalid_input', `This conflict is a ${conflict.kind}, not a ${kind}`, { key: 'conflictWrongKind' })
  }
  return conflict
}

/** The registration that came first (its creation time, then its id): the same answer on every desk. */
function earliest(read: GuardedSql, ids: string[]): string {
  return ids
    .map((id) => getAttendee(read, id))
    .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1))[0]!.id
}

export const conflictsModule = defineModule(conflictsContract, {
  name: 'conflicts',
  tables: [{ table: conflictAcks, kind: 'lww', scope: 'fleet' }],
  handlers: {
    'conflict.list': query((input, { read }) => listConflicts(read, input.eventId, input.includeAcknowledged)),

    'conflict.count': query((input, { read }) => ({ open: countOpen(read, input.eventId) })),

    'conflict.acknowledge': mutation((input, { read, write }) => {
      const conflict = getConflict(read, input.id)
      const acknowledgedAt = new Date().toISOString()
      if (read.get('SELECT 1 FROM conflict_acks WHERE id = ?', input.id)) {
        write.update(conflictAcks, input.id, { members: conflict.membersJson, acknowledgedAt })
      } else write.insert(conflictAcks, { id: input.id, members: conflict.membersJson, acknowledgedAt })
      return { ok: true as const }
    }),

    'conflict.reissueCode': mutation((input, { read, write }) => {
      const { members } = conflictOf(read, input.id, 'same_code')
      const keeper = earliest(read, members)
      return {
        reissued: members.filter((id) => id !== keeper).map((attendeeId) => ({ attendeeId, code: reissueCode(read, write, attendeeId) }))
      }
    }),

    'conflict.merge': mutation((input, ctx) => {
      const { read, write } = ctx
      const { members } = conflictOf(read, input.id, 'same_email')
      const survivorId = input.survivorId ?? earliest(read, members)
      if (!members.includes(survivorId)) {
        throw new ApiError('invalid_input', 'The survivor must be one of the registrations in conflict', { key: 'conflictSurvivor' })
      }
      const merged = members.filter((id) => id !== survivorId)
      const asStaff = { ...ctx, staffId: sessionOf(ctx).staff.id }
      for (const id of merged) {
        carryCheckin(asStaff, id, survivorId)
        markMerged(write, id, survivorId)
      }
      return { survivorId, merged }
    })
  }
})
