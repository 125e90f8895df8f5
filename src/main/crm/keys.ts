/** The keys two leads share when they are the same person: the e-mail, or the company and the name. */
import { foldText } from '../../shared/text'

const words = (s: string) => (foldText(s).match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')

export const emailKey = (email: string | null): string | null => (email ? email.toLowerCase() : null)

/** Null without a company (two "Anna Smith" of no company are not the same person). */
export function nameKey(company: string | null, firstName: string, lastName: string): string | null {
  const c = words(company ?? '')
  const n = words(`${firstName} ${lastName}`)
  return c && n ? `${c}\u0001${n}` : null
}

export const accountKey = (name: string): string => words(name)
