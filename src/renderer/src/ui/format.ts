import { LOCALES } from '../../../shared/i18n'
import { currentLanguage } from '../i18n'

/** Dates and numbers as the chosen language writes them (a Pole reads 1 234,50 and 23.11.2026). */
export function locale(): string {
  return LOCALES[currentLanguage()]
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(locale()).format(n)
}

/** Cents → "1,234.50" / "1.234,50" (no currency sign). */
export function formatAmount(cents: number): string {
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100)
}

export function formatMoney(cents: number, currency: string): string {
  try {
    return new Intl.NumberFormat(locale(), { style: 'currency', currency }).format(cents / 100)
  } catch {
    return `${formatAmount(cents)} ${currency}`
  }
}

/** "12.50" for an input field (always a dot, no grouping). */
export function centsToInput(cents: number): string {
  return (cents / 100).toFixed(2)
}

/** "12,50", "12.5", "1 234.00" → cents; null if it is not an amount. */
export function parseAmount(text: string): number | null {
  const cleaned = text.trim().replace(/\s/g, '')
  if (cleaned === '') return null
  let normalised = cleaned
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(cleaned)) normalised = cleaned.replace(/\./g, '').replace(',', '.')
  else if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(cleaned)) normalised = cleaned.replace(/,/g, '')
  else normalised = cleaned.replace(',', '.')
  if (!/^\d+(\.\d{0,2})?$/.test(normalised)) return null
  return Math.round(Number(normalised) * 100)
}

function isToday(d: Date): boolean {
  const now = new Date()
  return d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate()
}

/** "10:42" today, "21 Nov, 10:42" on other days. */
export function formatTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const time = new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit' }).format(d)
  if (isToday(d)) return time
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(d)
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'medium' }).format(d)
}

export function formatDate(isoDate: string): string {
  const d = new Date(isoDate + 'T12:00:00')
  if (Number.isNaN(d.getTime())) return isoDate
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(d)
}

export function formatBytes(bytes: number): string {
  const mb = bytes / 1_000_000
  if (mb >= 0.1) return `${new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(mb)} MB`
  return `${new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1000))} kB`
}

export function fullName(a: { firstName: string; lastName: string }): string {
  return `${a.firstName} ${a.lastName}`.trim()
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', Infinity]
]

/** "12 min ago", "in 3 min", "now": how far `iso` is from `now`, in the chosen language. */
export function formatRelative(iso: string, now = Date.now()): string {
  const ms = Date.parse(iso) - now
  if (Number.isNaN(ms)) return iso
  const format = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto', style: 'short' })
  let value = ms / 1000
  if (Math.abs(value) < 10) return format.format(0, 'second')
  for (const [unit, next] of RELATIVE_STEPS) {
    if (Math.abs(value) < next) return format.format(Math.round(value), unit)
    value /= next
  }
  return format.format(Math.round(value), 'day')
}

/** A duration as m:ss ("9:05"), for countdowns. */
export function formatCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000))
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}

/** A certificate fingerprint (64 hex digits) in groups of four, for a person to compare by eye. */
export function groupFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{1,4}/g) ?? []).join(' ')
}
