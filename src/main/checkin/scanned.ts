/**
 * What a scanned code may be besides our six characters: a QR holding a URL
 * (https://tickets.example/t/K7PX3M?secret=…) or JSON ({"ticket":"K7PX3M"})
 * that carries one of our codes or another system's barcode somewhere inside.
 */

/** Most texts worth looking into, so a hostile QR cannot make the desk try thousands. */
const MAX_CANDIDATES = 32

function fromUrl(text: string): string[] {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return []
  }
  if (!/^https?:$/.test(url.protocol)) return []
  const path = url.pathname.split('/').filter(Boolean).map(decodeURIComponentSafe)
  const query = [...url.searchParams.values()]
  const fragment = url.hash.replace(/^#/, '')
  // Query values first (?code=…, ?secret=…), then the path from its end (…/ticket/K7PX3M).
  return [...query, ...path.reverse(), ...(fragment ? [fragment] : [])]
}

function decodeURIComponentSafe(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}

function fromJson(text: string): string[] {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return []
  }
  const found: string[] = []
  const walk = (v: unknown, depth: number) => {
    if (found.length >= MAX_CANDIDATES || depth > 4) return
    if (typeof v === 'string') found.push(v, ...fromUrl(v))
    else if (typeof v === 'number') found.push(String(v))
    else if (Array.isArray(v)) for (const item of v) walk(item, depth + 1)
    else if (v && typeof v === 'object') for (const item of Object.values(v)) walk(item, depth + 1)
  }
  walk(value, 0)
  return found
}

/** The scanned text itself first, then what a URL or JSON in it carries, without repeats. */
export function scannedCandidates(scanned: string): string[] {
  const text = scanned.trim()
  if (text === '') return []
  const inside = text.startsWith('{') || text.startsWith('[') ? fromJson(text) : fromUrl(text)
  return [...new Set([text, ...inside.map((c) => c.trim()).filter((c) => c !== '' && c.length <= 512)])].slice(0, MAX_CANDIDATES)
}
