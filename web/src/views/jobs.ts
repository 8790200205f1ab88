// The jobs page's logic: which rows to show and when to refresh.
import { isActive, type Job } from '../api/jobs'

export function visibleJobs(jobs: readonly Job[], onlyActive: boolean): Job[] {
  return onlyActive ? jobs.filter((job) => isActive(job)) : [...jobs]
}

/** Milliseconds until the list should refresh itself: soon while a job runs, never otherwise. */
export function refreshDelay(jobs: readonly Job[]): number | null {
  return jobs.some((job) => isActive(job)) ? 1000 : null
}

/** "12s", "3m 05s", "1h 02m" between two timestamps; '' when unknown. */
export function duration(from: string | null, to: string | null, now = Date.now()): string {
  if (!from) return ''
  const start = Date.parse(from)
  const end = to ? Date.parse(to) : now
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return ''
  const seconds = Math.round((end - start) / 1000)
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`
}

/** "2026-11-30T06:40:12Z" → "2026-11-30 06:40:12" (the user's own clock is not known here). */
export function timestamp(text: string | null): string {
  if (!text) return ''
  return text.replace('T', ' ').replace(/(\.\d+)?Z$/, '').replace(/[+-]\d{2}:\d{2}$/, '')
}
