import { afterAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../../shared/errors'
import { setLanguage } from '../i18n'
import { placeError } from './formErrors'

const invalidEmail = new ApiError('invalid_input', 'Invalid email', {
  key: 'invalidField',
  issues: [{ path: 'email', message: 'Enter a valid e-mail address', key: 'email' }]
})
const duplicate = new ApiError('conflict', 'Already registered', {
  key: 'alreadyRegistered',
  params: { name: 'Jürgen Groß', code: 'K7M2QX' },
  issues: [{ path: 'email', message: 'Already registered', key: 'alreadyRegistered' }]
})

describe('where a failed save is shown', () => {
  afterAll(() => setLanguage('en'))

  it('at the field it names, nowhere else', () => {
    expect(placeError(invalidEmail, ['firstName', 'email'])).toEqual({ fields: { email: 'Enter a valid e-mail address.' }, form: null })
  })

  it('in the form when no shown field can say it', () => {
    expect(placeError(invalidEmail, ['firstName'])).toEqual({ fields: {}, form: 'E-mail: Enter a valid e-mail address.' })
    expect(placeError(new ApiError('forbidden', 'no', { key: 'forbidden' }), ['email'])).toEqual({ fields: {}, form: 'Your role may not do this.' })
    expect(placeError(new Error('offline'), ['email'])).toEqual({ fields: {}, form: 'offline' })
  })

  it('the specific answer at the field, once', () => {
    expect(placeError(duplicate, ['email'])).toEqual({
      fields: { email: 'Jürgen Groß (K7M2QX) is already registered with this e-mail.' },
      form: null
    })
  })

  it('in the language of the moment', async () => {
    await setLanguage('de')
    expect(placeError(invalidEmail, ['email']).fields.email).toBe('Bitte eine gültige E-Mail-Adresse angeben.')
  })

  it('nothing without an error', () => {
    expect(placeError(null, ['email'])).toEqual({ fields: {}, form: null })
  })
})
