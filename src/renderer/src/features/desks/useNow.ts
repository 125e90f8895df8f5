import { useEffect, useState } from 'react'

/** The time now, refreshed every `ms` while `active` (countdowns, "12 min ago"). */
export function useNow(ms: number, active = true): number {
  const [now, setNow] = useState(Date.now)
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(timer)
  }, [ms, active])
  return now
}
