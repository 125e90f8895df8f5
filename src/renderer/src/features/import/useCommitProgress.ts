import { useApi } from '../../api/query'

const POLL_MS = 250

/** Rows written so far by a running import commit, polled while `active`. */
export function useCommitProgress(importId: string | null, active: boolean): { done: number; total: number } | null {
  // A failed poll (e.g. the commit just finished and the upload is gone) only skips a frame.
  const progress = useApi('import.progress', active && importId ? { importId } : null, { refetchInterval: POLL_MS, retry: false, gcTime: 0 })
  return active && progress.data && progress.data.total > 0 ? progress.data : null
}
