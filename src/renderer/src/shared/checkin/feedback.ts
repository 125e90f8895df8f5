/**
 * What a door hears and sees besides the card: a beep per kind of outcome
 * (admitted / refused / attention) so staff need not look at the screen, and
 * an optional full-screen flash for door scanners read from a step away.
 * Both settings are remembered per device.
 */
import { create } from 'zustand'

export type Sound = 'admitted' | 'refused' | 'attention'

const SETTINGS_KEY = 'eventdesk.checkinFeedback'

interface Settings {
  muted: boolean
  flash: boolean
}

function remembered(): Settings {
  try {
    const saved = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') as Partial<Settings>
    return { muted: saved.muted === true, flash: saved.flash === true }
  } catch {
    return { muted: false, flash: false }
  }
}

export const useFeedbackSettings = create<Settings>(() => remembered())

export function setFeedback(change: Partial<Settings>): void {
  useFeedbackSettings.setState(change)
  try {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify(useFeedbackSettings.getState()))
  } catch {
    // not remembered
  }
}

/** Tones (Hz, ms): rising for yes, a low buzz for no, three quick ones for "look". */
const TONES: Record<Sound, { hz: number; ms: number; wave: OscillatorType }[]> = {
  admitted: [
    { hz: 880, ms: 90, wave: 'sine' },
    { hz: 1320, ms: 140, wave: 'sine' }
  ],
  refused: [{ hz: 196, ms: 420, wave: 'square' }],
  attention: [
    { hz: 660, ms: 80, wave: 'triangle' },
    { hz: 0, ms: 60, wave: 'sine' },
    { hz: 660, ms: 80, wave: 'triangle' },
    { hz: 0, ms: 60, wave: 'sine' },
    { hz: 660, ms: 80, wave: 'triangle' }
  ]
}

let audio: AudioContext | null = null

/** Plays `sound` unless muted; silently nothing where the page may not play audio. */
export function playSound(sound: Sound): void {
  if (useFeedbackSettings.getState().muted) return
  try {
    audio ??= new AudioContext()
    if (audio.state === 'suspended') void audio.resume()
    let at = audio.currentTime
    for (const tone of TONES[sound]) {
      const seconds = tone.ms / 1000
      if (tone.hz > 0) {
        const osc = audio.createOscillator()
        const gain = audio.createGain()
        osc.type = tone.wave
        osc.frequency.value = tone.hz
        // A short fade in and out: no click at either end.
        gain.gain.setValueAtTime(0, at)
        gain.gain.linearRampToValueAtTime(0.25, at + 0.01)
        gain.gain.linearRampToValueAtTime(0, at + seconds)
        osc.connect(gain).connect(audio.destination)
        osc.start(at)
        osc.stop(at + seconds)
      }
      at += seconds
    }
  } catch {
    // No audio output: the card still says it.
  }
}
