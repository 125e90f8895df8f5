/**
 * Keyboard-wedge scanners "type" a whole code within milliseconds and finish
 * with Enter. `useWedgeScan` recognises such a burst wherever the focus is — a
 * button, a select, a modal's field, the search with leftover text — and hands
 * the code over instead of letting the keys press the button, jump the select
 * or land in the form. People typing are never taken for a scanner.
 */
import { useEffect, useRef } from 'react'

/**
 * Thresholds, from timing scanners and typists: USB and Bluetooth wedges send
 * a character every 1–20 ms; fast typists average 80–150 ms between keys and
 * only reach under 35 ms for a single rolled-over pair, never for four keys on end.
 */
/** Our codes have six characters, other systems' more; three keys in a row can be a typist's roll. */
export const SCAN_MIN_CHARS = 4
/** The mean gap over the burst, Enter included: well above a slow wireless scanner, well below any typist. */
export const SCAN_MAX_AVERAGE_GAP_MS = 35
/** No single gap longer than this: a scanner never pauses, a typist's pause ends the burst. */
export const SCAN_MAX_GAP_MS = 80
/**
 * Keys held back (focus on a button or select) are handed on as typing after
 * this long without another key. Longer than the gap: the gaps are measured on
 * the keys' own timestamps, but a busy page may take a while to deliver them.
 */
export const HOLD_BACK_MS = 300

/** A run of keystrokes, each close to the one before; Enter ends it. Times in ms, any monotonic clock. */
export class Burst {
  private chars: string[] = []
  private times: number[] = []

  /** Adds a character; a gap longer than a scanner makes starts a new burst. */
  add(char: string, at: number): void {
    if (!this.continuesAt(at)) this.reset()
    this.chars.push(char)
    this.times.push(at)
  }

  /** Whether a key at `at` would still belong to this burst. */
  continuesAt(at: number): boolean {
    const last = this.times[this.times.length - 1]
    return last !== undefined && at - last <= SCAN_MAX_GAP_MS
  }

  get text(): string {
    return this.chars.join('')
  }

  get size(): number {
    return this.chars.length
  }

  reset(): void {
    this.chars = []
    this.times = []
  }

  /** Whether an Enter at `enterAt` closes a scanner's burst. */
  isScan(enterAt: number): boolean {
    if (this.chars.length < SCAN_MIN_CHARS) return false
    const times = [...this.times, enterAt]
    for (let i = 1; i < times.length; i++) if (times[i]! - times[i - 1]! > SCAN_MAX_GAP_MS) return false
    return (enterAt - times[0]!) / (times.length - 1) <= SCAN_MAX_AVERAGE_GAP_MS
  }
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'tel', 'url', 'password', 'number', ''])

/** A field whose keystrokes are text: they must reach it as typed, a scan is taken out afterwards. */
function textField(el: EventTarget | null): HTMLInputElement | HTMLTextAreaElement | HTMLElement | null {
  if (el instanceof HTMLTextAreaElement) return el.readOnly || el.disabled ? null : el
  if (el instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(el.type) && !el.readOnly && !el.disabled ? el : null
  if (el instanceof HTMLElement && el.isContentEditable) return el
  return null
}

/** Sets a (React-controlled) field's value the way typing would, so its onChange sees it. */
function setFieldValue(field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string, event: 'input' | 'change'): void {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value')?.set
  setter?.call(field, value)
  field.dispatchEvent(new Event(event, { bubbles: true }))
}

/** Takes a scan's characters back out of the field they were typed into. */
function removeTyped(field: HTMLElement, typed: string): void {
  if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) return
  if (field.value.endsWith(typed)) setFieldValue(field, field.value.slice(0, -typed.length), 'input')
}

/** What a select's own type-ahead would have done with the held-back keys. */
function typeAhead(select: HTMLSelectElement, typed: string): void {
  const wanted = typed.toLocaleLowerCase()
  const option = [...select.options].find((o) => !o.disabled && o.text.toLocaleLowerCase().startsWith(wanted))
  if (option && option.value !== select.value) setFieldValue(select, option.value, 'change')
}

function printable(e: KeyboardEvent): boolean {
  return e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey
}

export interface WedgeHandlers {
  /** A scanned code, already taken out of wherever it was typed. */
  onScan: (code: string) => void
  /** Keys typed (by a person) while no text field had focus, e.g. on a button: the screen may start a search with them. */
  onStray?: (text: string) => void
}

/**
 * Listens on the whole window, before any element sees the keys: on a text
 * field the keys go through and a scan is removed from it at Enter; anywhere
 * else (button, select, link, nothing) the keys are held back until it is
 * clear whether a scanner or a person sent them, so a scan never presses,
 * picks or submits anything.
 */
export function useWedgeScan(handlers: WedgeHandlers, enabled = true): void {
  const latest = useRef(handlers)
  latest.current = handlers

  useEffect(() => {
    if (!enabled) return
    const burst = new Burst()
    let target: EventTarget | null = null
    let heldBack = false
    let flushTimer: ReturnType<typeof setTimeout> | undefined

    /** Held-back keys turned out to be a person's: give them where they were meant to go. */
    const release = () => {
      clearTimeout(flushTimer)
      flushTimer = undefined
      const typed = burst.text
      const wasHeld = heldBack
      const at = target
      burst.reset()
      heldBack = false
      target = null
      if (!wasHeld || typed === '') return
      if (at instanceof HTMLSelectElement) typeAhead(at, typed)
      else latest.current.onStray?.(typed)
    }

    const onKeyDown = (e: KeyboardEvent) => {
      if (e.isComposing || e.key === 'Shift' || e.key === 'CapsLock') return
      if (e.key === 'Enter') {
        if (burst.isScan(e.timeStamp)) {
          e.preventDefault()
          e.stopImmediatePropagation()
          clearTimeout(flushTimer)
          const code = burst.text.trim()
          const field = heldBack ? null : textField(target)
          burst.reset()
          heldBack = false
          target = null
          if (field) removeTyped(field, code)
          if (code) latest.current.onScan(code)
        } else {
          release()
        }
        return
      }
      if (!printable(e) || e.repeat) {
        release()
        return
      }
      if (burst.size > 0 && (e.target !== target || !burst.continuesAt(e.timeStamp))) release()
      const field = textField(e.target)
      if (burst.size === 0) {
        // A space on a button presses it: only a burst already under way holds one back.
        if (!field && e.key === ' ') return
        target = e.target
        heldBack = !field
      }
      burst.add(e.key, e.timeStamp)
      if (heldBack) {
        e.preventDefault()
        e.stopImmediatePropagation()
        clearTimeout(flushTimer)
        flushTimer = setTimeout(release, HOLD_BACK_MS)
      }
    }

    window.addEventListener('keydown', onKeyDown, true)
    return () => {
      window.removeEventListener('keydown', onKeyDown, true)
      clearTimeout(flushTimer)
    }
  }, [enabled])
}
