import { useEffect, useState } from 'react'
import { call } from '../../api/client'

const POLL_MS = 250

/** Rows written so far by a running import commit, polled while `active`. */
export function useCommitProgress(importId: string | null, active: boolean): { done: number; total: number } | null {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  useEffect(() => {
    if (!active || !importId) {
      setProgress(null)
      return
    }
    let stopped = false
    const poll = async () => {
      // A failed poll (e.g. the commit just finished and the upload is gone) only skips a frame.
      const next = await call('import.progress', { importId }).catch(() => null)
      if (!stopped && next && next.total > 0) setProgress(next)
    }
    const timer = setInterval(() => void poll(), POLL_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [importId, active])
  return progress
}
