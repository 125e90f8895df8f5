/**
 * Lead scoring: points from configurable rules, "qualified" at a threshold the
 * sales lead sets. Pure, so every desk and the screen's "why" agree.
 */
import { foldText } from '../text'

export interface ScoringRules {
  /** Points when the e-mail's domain is a company's (not a free mail provider). */
  companyDomain: number
  /** Points for the best keyword found in the job title (accents and case ignored). */
  titleKeywords: { keyword: string; points: number }[]
  /** Points for the largest band the company size reaches (employees ≥ min). */
  companySize: { min: number; points: number }[]
}

export const DEFAULT_SCORING: ScoringRules = {
  companyDomain: 50,
  titleKeywords: [
    { keyword: 'ceo', points: 30 },
    { keyword: 'founder', points: 30 },
    { keyword: 'director', points: 25 },
    { keyword: 'directeur', points: 25 },
    { keyword: 'direktor', points: 25 },
    { keyword: 'dyrektor', points: 25 },
    { keyword: 'head', points: 20 },
    { keyword: 'leiter', points: 20 },
    { keyword: 'manager', points: 15 },
    { keyword: 'marketing', points: 10 }
  ],
  companySize: [
    { min: 50, points: 10 },
    { min: 250, points: 20 },
    { min: 1000, points: 30 }
  ]
}

export const DEFAULT_QUALIFY_THRESHOLD = 50

/** Free mail providers: an address there says nothing about a company. */
export const FREE_MAIL_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.fr', 'yahoo.de', 'yahoo.es', 'yahoo.it', 'ymail.com', 'hotmail.com',
  'hotmail.fr', 'hotmail.de', 'hotmail.es', 'hotmail.it', 'outlook.com', 'outlook.de', 'outlook.fr', 'live.com', 'live.nl', 'msn.com',
  'icloud.com', 'me.com', 'mac.com', 'aol.com', 'proton.me', 'protonmail.com', 'gmx.de', 'gmx.net', 'gmx.at', 'gmx.ch', 'web.de',
  't-online.de', 'freenet.de', 'orange.fr', 'wanadoo.fr', 'free.fr', 'laposte.net', 'sfr.fr', 'libero.it', 'virgilio.it', 'tiscali.it',
  'alice.it', 'wp.pl', 'o2.pl', 'onet.pl', 'interia.pl', 'op.pl', 'ziggo.nl', 'kpnmail.nl', 'telenet.be', 'skynet.be', 'mail.ru',
  'yandex.ru', 'qq.com', '163.com', 'zoho.com', 'hey.com', 'fastmail.com', 'tutanota.com'
])

export interface ScoredLead {
  email: string | null
  jobTitle: string | null
  companySize: number | null
}

export interface Score {
  total: number
  /** Each rule's contribution (0 when it gave nothing), for the screen's "why". */
  parts: { companyDomain: number; jobTitle: number; companySize: number }
}

const wordsOf = (text: string) => (foldText(text).match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')

export function isCompanyDomain(email: string | null): boolean {
  const at = email?.lastIndexOf('@') ?? -1
  if (!email || at < 0) return false
  return !FREE_MAIL_DOMAINS.has(email.slice(at + 1).toLowerCase())
}

export function scoreLead(lead: ScoredLead, rules: ScoringRules): Score {
  // Whole words (or phrases: "head of"), so "manager" never matches "management".
  const title = ` ${wordsOf(lead.jobTitle ?? '')} `
  const jobTitle = Math.max(0, ...rules.titleKeywords.filter((k) => wordsOf(k.keyword) && title.includes(` ${wordsOf(k.keyword)} `)).map((k) => k.points))
  const size = lead.companySize
  const companySize = size === null ? 0 : Math.max(0, ...rules.companySize.filter((b) => size >= b.min).map((b) => b.points))
  const parts = {
    companyDomain: isCompanyDomain(lead.email) ? rules.companyDomain : 0,
    jobTitle,
    companySize
  }
  return { total: parts.companyDomain + parts.jobTitle + parts.companySize, parts }
}
