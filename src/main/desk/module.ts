/** This desk's identity on the fleet: its row in `desks`, written by this desk only. */
import { hostname } from 'node:os'
import { deskContract } from '../../shared/contract/desk'
import { defineModule, mutation } from '../core/module'
import { deskName } from './queries'
import { desks } from './schema'

export const deskModule = defineModule(deskContract, {
  name: 'desk',
  tables: [
    {
      table: desks,
      kind: 'lww',
      scope: 'fleet',
      describe: 'SELECT name AS subject FROM desks WHERE id = ?',
      // A desk names itself; no peer renames another desk.
      refuseFromPeer: (change) => (change.rowId === change.deskId ? null : 'a desk may only write its own row in desks')
    }
  ],
  handlers: {
    'desk.rename': mutation((input, { desk, write }) => {
      write.update(desks, desk.id, { name: input.name })
      return { deskId: desk.id, deskName: input.name }
    })
  },
  start: ({ deskName: wanted }, { desk, read, write }) => {
    const exists = read.get('SELECT 1 FROM desks WHERE id = ?', desk.id) !== undefined
    if (!exists) write.insert(desks, { id: desk.id, name: wanted ?? hostname(), createdAt: new Date().toISOString() })
    else if (wanted && wanted !== deskName(read, desk.id)) write.update(desks, desk.id, { name: wanted })
  }
})
