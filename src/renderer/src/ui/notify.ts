/**
 * The one toast: a short confirmation or an error that has no better place
 * (form errors stay in their form). A new toast replaces the old one, each
 * closes by itself, and a language switch clears it (its text is in the old
 * language). Successes that show themselves (a check-in outcome) call
 * `dismissNote()` so an earlier error does not outlive them.
 */
import { create } from 'zustand'
import { errorMessage } from '../api/client'
import i18n from '../i18n'

export interface Note {
  id: number
  kind: 'error' | 'success' | 'info'
  message: string
}

interface NoteState {
  note: Note | null
  show(kind: Note['kind'], message: string): void
  dismiss(): void
}

/** Long enough to read a sentence twice; errors a little longer. */
export const NOTE_TIMEOUT_MS = { error: 7000, success: 3500, info: 5000 } as const

let nextId = 1
let timer: ReturnType<typeof setTimeout> | null = null

export const useNotes = create<NoteState>((set) => ({
  note: null,
  show: (kind, message) => {
    if (timer) clearTimeout(timer)
    const note = { id: nextId++, kind, message }
    set({ note })
    timer = setTimeout(() => set((s) => (s.note?.id === note.id ? { note: null } : s)), NOTE_TIMEOUT_MS[kind])
  },
  dismiss: () => {
    if (timer) clearTimeout(timer)
    timer = null
    set({ note: null })
  }
}))

export function notifyError(err: unknown): void {
  useNotes.getState().show('error', errorMessage(err))
}

export function notifySuccess(message: string): void {
  useNotes.getState().show('success', message)
}

export function notifyInfo(message: string): void {
  useNotes.getState().show('info', message)
}

export function dismissNote(): void {
  useNotes.getState().dismiss()
}

i18n.on('languageChanged', dismissNote)
