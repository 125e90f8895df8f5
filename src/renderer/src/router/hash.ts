/** The current route lives in the URL hash (`#/attendees/<id>`), so a reload or a link lands on the same screen. */
import { useEffect, useState } from 'react'

function current(): string {
  return window.location.hash.replace(/^#\/?/, '')
}

/** Goes to `path` (no leading `#/`); `replace` leaves no history entry (redirects). */
export function navigate(path: string, { replace = false }: { replace?: boolean } = {}): void {
  if (current() === path) return
  if (replace) window.location.replace('#/' + path)
  else window.location.hash = '/' + path
}

export function href(path: string): string {
  return '#/' + path
}

/** The path in the URL hash, updated on every change. */
export function useHashPath(): string {
  const [path, setPath] = useState(current)
  useEffect(() => {
    const onChange = () => setPath(current())
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return path
}
