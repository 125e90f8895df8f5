import type { StaffRow } from '../../shared/contract/staff'
import { ApiError } from '../../shared/errors'
import type { GuardedSql } from '../core/sql'

const STAFF_ROW = 'SELECT id, name, role, active = 1 AS active FROM staff'

type RawStaff = Omit<StaffRow, 'active'> & { active: number }
const toStaffRow = (r: RawStaff): StaffRow => ({ ...r, active: r.active === 1 })

export function hasStaff(read: GuardedSql): boolean {
  return read.get('SELECT 1 FROM staff LIMIT 1') !== undefined
}

export function getStaff(read: GuardedSql, id: string): StaffRow {
  const row = read.get<RawStaff>(`${STAFF_ROW} WHERE id = ?`, id)
  if (!row) throw new ApiError('not_found', 'No such staff member', { key: 'notFound' })
  return toStaffRow(row)
}

export function listStaff(read: GuardedSql, activeOnly = false): StaffRow[] {
  return read.all<RawStaff>(`${STAFF_ROW}${activeOnly ? ' WHERE active = 1' : ''} ORDER BY name, id`).map(toStaffRow)
}
