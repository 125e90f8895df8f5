import { describe, expect, it } from 'vitest'
import { cleanLine, cleanLines, hasHiddenCharacters, hasVisibleText } from './clean'

describe('cleanLine', () => {
  it('removes NUL and other controls, terminal escapes, bidi controls and zero-width filler', () => {
    expect(cleanLine('Ro\u0000b\u0007ert')).toBe('Robert')
    expect(cleanLine('\u001b[31;1mSmith\u001b[0m')).toBe('Smith')
    expect(cleanLine('\u001b]0;title\u0007Name')).toBe('Name')
    expect(cleanLine('\u202eevil\u202c \u2066Anna\u2069 \u200eLee\u200f')).toBe('evil Anna Lee')
    expect(cleanLine('\ufeffZoe\u200b\u2060')).toBe('Zoe')
    expect(cleanLine(' Mary \t Ann\r\nLee ')).toBe('Mary Ann Lee')
  })

  it('keeps scripts, emoji sequences and the joiners they need', () => {
    for (const text of ['👩🏽‍💻 Zoë', '🏳️‍🌈', 'محمد العربي', 'क्‍ष', 'می‌خواهم', '王芳', 'Ngọc Anh', '🏴󠁧󠁢󠁳󠁣󠁴󠁿']) {
      expect(cleanLine(text)).toBe(text.normalize('NFC'))
    }
  })

  it('joins decomposed accents (NFC)', () => {
    expect(cleanLine('Zoe\u0308')).toBe('Zoë')
  })
})

describe('cleanLines', () => {
  it('keeps line breaks, as \\n', () => {
    expect(cleanLines('Allergic to nuts.\r\nEpiPen\u0000 in the bag  \r\n')).toBe('Allergic to nuts.\nEpiPen in the bag')
  })
})

describe('hasVisibleText / hasHiddenCharacters', () => {
  it('tells a name that shows nothing', () => {
    expect(hasVisibleText('\u200d\u200c\ufe0f')).toBe(false)
    expect(hasVisibleText('\u0301')).toBe(false)
    expect(hasVisibleText('👩🏽‍💻')).toBe(true)
    expect(hasVisibleText('क्‍ष')).toBe(true)
  })

  it('tells what cleaning removes', () => {
    expect(hasHiddenCharacters('Nul\u0000Byte')).toBe(true)
    expect(hasHiddenCharacters('\u202eevil')).toBe(true)
    expect(hasHiddenCharacters('👩🏽‍💻 Zoë')).toBe(false)
    expect(hasHiddenCharacters('Line\nbreak\ttab')).toBe(false)
  })
})
