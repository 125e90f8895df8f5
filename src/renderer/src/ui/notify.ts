/** A small notification queue (no @mantine/notifications in the project): errors and confirmations. */
import { create } from 'zustand'
import { errorMessage } from '../api/client'

export interface Note {
  id: number
  kind: 'error' | 'success' | 'info'
  message: string
}

interface NoteState {
  notes: Note[]
  push(kind: Note['kind'], message: string): void
  dismiss(id: number): void
}

let nextId = 1
const TIMEOUT_MS = { error: 8000, success: 3500, info: 5000 } as const

export const useNotes = create<NoteState>((set, get) => ({
  notes: [],
  push: (kind, message) => {
    const id = nextId++
    // The same message twice in a row is shown once.
    const notes = get().notes.filter((n) => n.message !== message)
    set({ notes: [...notes, { id, kind, message }].slice(-4) })
    setTimeout(() => get().dismiss(id), TIMEOUT_MS[kind])
  },
  dismiss: (id) => set({ notes: get().notes.filter((n) => n.id !== id) })
}))

export function notifyError(err: unknown): void {
  useNotes.getState().push('error', errorMessage(err))
}

export function notifySuccess(message: string): void {
  useNotes.getState().push('success', message)
}
