import { describe, expect, it } from 'vitest'
import { ROLES, type Role } from '../../../shared/roles'
import { FEATURES } from '../features'
import { matchRoute, navFor, rolesFor } from './feature'

const nav = (role: Role) => navFor(FEATURES, role).map((f) => f.id)

describe('features', () => {
  it('show each role what the contract lets it call', () => {
    expect(nav('organizer')).toEqual(['desk', 'door', 'attendees', 'import', 'conflicts', 'sales', 'booth', 'events', 'vendors', 'badges', 'staff', 'desks', 'audit'])
    expect(nav('desk')).toEqual(['desk', 'door', 'attendees'])
    expect(nav('scanner')).toEqual(['desk', 'door'])
    expect(nav('kiosk')).toEqual([])
    expect(nav('badge_station')).toEqual([])
    expect(nav('sales')).toEqual(['sales'])
    expect(nav('sales_manager')).toEqual(['sales'])
    expect(nav('exhibitor')).toEqual(['booth'])
    expect(nav('vendor_manager')).toEqual(['vendors'])
  })

  it('derive a route’s roles from the methods it needs', () => {
    expect(rolesFor(['checkin.byCode'])).toEqual(['organizer', 'desk', 'scanner'])
    expect(rolesFor(['checkin.byCode', 'attendee.get'])).toEqual(['organizer', 'desk'])
    expect(rolesFor(['staff.signIn'])).toEqual([...ROLES])
  })

  it('link to an attendee, but not for roles that may not see attendees', () => {
    expect(matchRoute(FEATURES, 'desk', 'attendees/abc')).toMatchObject({ feature: { id: 'attendees' }, params: { attendeeId: 'abc' } })
    expect(matchRoute(FEATURES, 'desk', 'desk/abc')?.params).toEqual({ attendeeId: 'abc' })
    expect(matchRoute(FEATURES, 'scanner', 'desk/abc')).toBeNull()
    expect(matchRoute(FEATURES, 'organizer', 'event/new')?.route.path).toBe('event/new')
    expect(matchRoute(FEATURES, 'organizer', 'event/ev1')?.params).toEqual({ eventId: 'ev1' })
    expect(matchRoute(FEATURES, 'organizer', 'event/ev1/ticket-type/tt1')?.params).toEqual({ eventId: 'ev1', ticketTypeId: 'tt1' })
    // The conflicts screen is the organizers'; a desk operator sees the count in the header only.
    expect(matchRoute(FEATURES, 'organizer', 'conflicts')?.feature.id).toBe('conflicts')
    expect(matchRoute(FEATURES, 'desk', 'conflicts')).toBeNull()
  })

  it('have unique ids, a nav route without parameters, and English strings for their nav label', () => {
    expect(new Set(FEATURES.map((f) => f.id)).size).toBe(FEATURES.length)
    for (const f of FEATURES) {
      expect(f.routes[0].path).not.toContain(':')
      expect(typeof (f.locales.en as Record<string, unknown>)[f.nav.label]).toBe('string')
      // The other six languages are loaded on demand.
      expect(Object.keys(f.locales.others).length).toBe(6)
    }
  })
})
