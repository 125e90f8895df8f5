import { describe, expect, it } from 'vitest'
import { buildPath, matchPath } from './paths'

describe('route paths', () => {
  it('match with parameters, segment by segment', () => {
    expect(matchPath('attendees', 'attendees')).toEqual({})
    expect(matchPath('attendees/:attendeeId', 'attendees/0197a-b')).toEqual({ attendeeId: '0197a-b' })
    expect(matchPath('attendees/:attendeeId', 'attendees')).toBeNull()
    expect(matchPath('event/new', 'event/123')).toBeNull()
    expect(matchPath('desk', 'attendees')).toBeNull()
  })

  it('build what they match, parameters encoded', () => {
    const path = buildPath('attendees/:attendeeId', { attendeeId: 'a/b c' })
    expect(path).toBe('attendees/a%2Fb%20c')
    expect(matchPath('attendees/:attendeeId', path)).toEqual({ attendeeId: 'a/b c' })
    expect(() => buildPath('attendees/:attendeeId')).toThrow()
  })
})
