/** The vendor directory: shared by every event, held on organizers' desks only. */
import { vendorsContract, type VendorInput } from '../../shared/contract/vendors'
import { newId } from '../core/ids'
import { defineModule, mutation, query } from '../core/module'
import { getVendor, listVendors } from './queries'
import { vendors } from './schema'

const columns = (v: VendorInput) => ({
  name: v.name,
  categories: JSON.stringify(v.categories),
  contacts: JSON.stringify(v.contacts),
  taxId: v.taxId,
  website: v.website,
  notes: v.notes,
  tags: JSON.stringify(v.tags)
})

export const vendorsModule = defineModule(vendorsContract, {
  name: 'vendors',
  tables: [{ table: vendors, kind: 'lww', scope: 'organizers', describe: 'SELECT name AS subject FROM vendors WHERE id = ?' }],
  handlers: {
    'vendor.list': query((input, { read }) => listVendors(read, input)),

    'vendor.get': query((input, { read }) => getVendor(read, input.id)),

    'vendor.create': mutation(({ id: wanted, ...input }, { read, write }) => {
      const id = wanted ?? newId()
      if (!read.get('SELECT 1 FROM vendors WHERE id = ?', id)) {
        write.insert(vendors, { id, ...columns(input), status: 'active', blockedReason: null, createdAt: new Date().toISOString() })
      }
      return getVendor(read, id)
    }),

    'vendor.update': mutation((input, { read, write }) => {
      write.update(vendors, input.id, columns(input.vendor))
      return getVendor(read, input.id)
    }),

    'vendor.block': mutation((input, { read, write }) => {
      write.update(vendors, input.id, { status: 'blocked', blockedReason: input.reason })
      return getVendor(read, input.id)
    }),

    'vendor.unblock': mutation((input, { read, write }) => {
      write.update(vendors, input.id, { status: 'active', blockedReason: null })
      return getVendor(read, input.id)
    })
  }
})
