import { ApiError } from '../../../shared/errors'
import { errorMessage, fieldErrors, issueText } from '../api/client'

export interface PlacedError {
  /** Field path → message, for the fields the form shows. */
  fields: Record<string, string>
  /** What no shown field can say, for one alert in the form; null when the fields say it all. */
  form: string | null
}

/**
 * Where a failed save is shown: at the fields of `shown` it names, the rest in
 * the form. When the core gives a specific answer besides its field issue (the
 * e-mail "is already registered" → "Jürgen Groß (K7M2QX) is already registered
 * with this e-mail"), the field shows that answer instead.
 */
export function placeError(err: unknown, shown: readonly string[], prefix = ''): PlacedError {
  if (err === null || err === undefined) return { fields: {}, form: null }
  const fields: Record<string, string> = {}
  const elsewhere: [string, string][] = []
  for (const [path, message] of Object.entries(fieldErrors(err, prefix))) {
    if (shown.includes(path)) fields[path] = message
    else elsewhere.push([path, message])
  }
  const first = Object.keys(fields)[0]
  if (first && err instanceof ApiError && err.key && err.key !== 'invalidField') fields[first] = errorMessage(err)
  if (!first) return { fields, form: errorMessage(err) }
  const [path, message] = elsewhere[0] ?? []
  return { fields, form: path && message ? issueText(path, message) : null }
}
