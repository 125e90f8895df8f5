/**
 * A desk that has just joined a fleet or been restored from a backup, before
 * anyone signs in: its staff came from elsewhere, so the screens say so (and
 * show what to compare) until the first sign-in.
 */
import { create } from 'zustand'
import type { RestoreResult } from '../../../shared/contract/backup'
import type { JoinResult } from '../../../shared/contract/sync'

export type Arrival = { kind: 'joined'; result: JoinResult } | { kind: 'restored'; result: RestoreResult }

interface ArrivalState {
  arrival: Arrival | null
  /** The arrival screen is behind us: the sign-in screen shows a note instead. */
  onSignIn: boolean
  arrived(arrival: Arrival): void
  toSignIn(): void
  clear(): void
}

export const useArrival = create<ArrivalState>((set) => ({
  arrival: null,
  onSignIn: false,
  arrived: (arrival) => set({ arrival, onSignIn: false }),
  toSignIn: () => set({ onSignIn: true }),
  clear: () => set({ arrival: null, onSignIn: false })
}))
