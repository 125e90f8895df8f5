import { hostname } from 'node:os'
import type { GuardedSql } from '../core/sql'

/** The name this desk goes by (the host name until it is named). */
export function deskName(read: GuardedSql, deskId: string): string {
  return read.get<{ name: string }>('SELECT name FROM desks WHERE id = ?', deskId)?.name ?? hostname()
}
