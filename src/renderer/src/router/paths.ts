/**
 * Route paths with parameters (`attendees/:attendeeId`), matched against the
 * part of the URL hash after `#/`. Pure, so it is tested without a browser.
 */

export type Params = Readonly<Record<string, string>>

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '')
}

/** The parameters of `path` if it fits `pattern` (same number of segments), else null. */
export function matchPath(pattern: string, path: string): Params | null {
  const want = segments(pattern)
  const got = segments(path)
  if (want.length !== got.length) return null
  const params: Record<string, string> = {}
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!
    const g = got[i]!
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(g)
      } catch {
        return null
      }
    } else if (w !== g) return null
  }
  return params
}

/** `pattern` with its parameters filled in: `buildPath('attendees/:attendeeId', { attendeeId })`. */
export function buildPath(pattern: string, params: Params = {}): string {
  return segments(pattern)
    .map((s) => {
      if (!s.startsWith(':')) return s
      const value = params[s.slice(1)]
      if (value === undefined) throw new Error(`${pattern} needs ${s}`)
      return encodeURIComponent(value)
    })
    .join('/')
}
