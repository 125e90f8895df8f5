/** A date `days` from today, as YYYY-MM-DD in the desk's own time zone (a new deal's expected close). */
export function closeDateIn(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}
