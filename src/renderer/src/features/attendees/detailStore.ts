import { create } from 'zustand'

/** Which attendee the detail drawer shows (one drawer for the Desk and the Attendees screen). */
interface DetailState {
  attendeeId: string | null
  open(id: string): void
  close(): void
}

export const useDetail = create<DetailState>((set) => ({
  attendeeId: null,
  open: (attendeeId) => set({ attendeeId }),
  close: () => set({ attendeeId: null })
}))
