// Background jobs of the API (app/jobs.h): a use case that takes long answers 202 Accepted with
// {job}; the page polls GET /api/v1/jobs/{id} until the job has finished and may cancel it.
import { api, type Page } from './client'
import type { Id } from './types'

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled'

export interface Job<R = unknown> {
  id: Id
  kind: string
  state: JobState
  /** 0..1 */
  progress: number
  result: R | null
  error: string | null
  started_at: string | null
  finished_at: string | null
  started_by?: Id | string | null
}

/** The body of a 202 answer. */
export interface JobAccepted<R = unknown> {
  job: Job<R>
}

export const isFinished = (state: JobState) =>
  state === 'succeeded' || state === 'failed' || state === 'cancelled'

export const ACTIVE_STATES: readonly JobState[] = ['queued', 'running']

export function isActive(job: Pick<Job, 'state'> | null | undefined): boolean {
  return !!job && ACTIVE_STATES.includes(job.state)
}

/** Whole percent for the bar and its text, clamped to 0..100; a finished success is 100. */
export function progressPercent(job: Pick<Job, 'state' | 'progress'> | null | undefined): number {
  if (!job) return 0
  if (job.state === 'succeeded') return 100
  const value = Number.isFinite(job.progress) ? job.progress : 0
  return Math.round(Math.min(1, Math.max(0, value)) * 100)
}

/** Accepts both the 202 body {job} and a bare job (GET /jobs/{id} answers either way). */
export function unwrapJob<R>(body: JobAccepted<R> | Job<R>): Job<R> {
  return 'job' in body && body.job && typeof body.job === 'object' ? body.job : (body as Job<R>)
}

export async function getJob<R>(id: Id, signal?: AbortSignal): Promise<Job<R>> {
  return unwrapJob(await api.get<JobAccepted<R> | Job<R>>(`/jobs/${id}`, undefined, signal))
}

export async function cancelJob<R>(id: Id): Promise<Job<R> | null> {
  const body = await api.post<JobAccepted<R> | Job<R> | undefined>(`/jobs/${id}/cancel`, {})
  return body && typeof body === 'object' ? unwrapJob(body) : null
}

/** Starts a job: POST `path` with `body`, which answers 202 {job}. */
export async function startJob<R>(path: string, body: unknown): Promise<Job<R>> {
  return unwrapJob(await api.post<JobAccepted<R> | Job<R>>(path, body))
}

/** The signed-in user's jobs (programme staff see everyone's), newest first. */
export async function listJobs(query: { limit?: number; state?: string } = {}): Promise<Job[]> {
  const body = await api.get<Page<Job> | { items: Job[] } | Job[]>('/jobs', query)
  const items = Array.isArray(body) ? body : body.items
  return [...items].sort((a, b) => b.id - a.id)
}
