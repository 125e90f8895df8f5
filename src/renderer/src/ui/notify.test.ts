import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../../shared/errors'
import { setLanguage } from '../i18n'
import { dismissNote, NOTE_TIMEOUT_MS, notifyError, notifySuccess, useNotes } from './notify'

const note = () => useNotes.getState().note

describe('the toast', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => {
    dismissNote()
    vi.useRealTimers()
  })
  afterAll(() => setLanguage('en'))

  it('is one at a time: a new one replaces the old, errors do not pile up', () => {
    notifyError(new ApiError('internal', 'first'))
    notifyError(new ApiError('internal', 'second'))
    expect(note()).toMatchObject({ kind: 'error', message: 'second' })
    notifySuccess('Saved')
    expect(note()).toMatchObject({ kind: 'success', message: 'Saved' })
  })

  it('closes by itself, errors too', () => {
    notifyError(new ApiError('internal', 'boom'))
    vi.advanceTimersByTime(NOTE_TIMEOUT_MS.error - 1)
    expect(note()).not.toBeNull()
    vi.advanceTimersByTime(1)
    expect(note()).toBeNull()
  })

  it('does not let an old timer close a newer toast', () => {
    notifyError(new ApiError('internal', 'old'))
    vi.advanceTimersByTime(NOTE_TIMEOUT_MS.error - 100)
    notifyError(new ApiError('internal', 'new'))
    vi.advanceTimersByTime(200)
    expect(note()).toMatchObject({ message: 'new' })
  })

  it('goes when the language changes (its text is in the old one)', async () => {
    notifyError(new ApiError('internal', 'boom'))
    vi.useRealTimers()
    await setLanguage('fr')
    expect(note()).toBeNull()
  })
})
