/**
 * Every language's shared vocabulary at once, for the core (exports) and the
 * translation tests. The renderer never imports this file: it loads one
 * language at a time.
 */
import type { Language } from '../fields'
import de from './de.json'
import en from './en.json'
import es from './es.json'
import fr from './fr.json'
import { translator, type Vocabulary } from './index'
import it from './it.json'
import nl from './nl.json'
import pl from './pl.json'

export const VOCABULARIES: Record<Language, Vocabulary> = { en, nl, de, fr, es, it, pl }

/** A translate function for `language` (English when none is given). */
export function vocabulary(language: Language = 'en'): ReturnType<typeof translator> {
  return translator(VOCABULARIES[language])
}
