// Long work on the server runs as a job: the endpoint answers 202 with {job}, the UI polls
// GET /api/v1/jobs/{id} until the job is finished and may POST /api/v1/jobs/{id}/cancel.

import { api } from './client'
import type { Id } from './types'

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled'

export interface Job<R = unknown> {
  id: Id
  kind: string
  state: JobState
  progress: number
  result: R | null
  error: string | null
  started_at: string | null
  finished_at: string | null
  started_by?: string | null
}

export const isFinished = (state: JobState) => state === 'succeeded' || state === 'failed' || state === 'cancelled'

export const getJob = <R>(id: Id, signal?: AbortSignal) => api.get<Job<R>>(`/jobs/${id}`, undefined, signal)

export const cancelJob = (id: Id) => api.post<Job>(`/jobs/${id}/cancel`, {})

/** Starts a job: POST `path` with `body`, which answers 202 {job}. */
export async function startJob<R>(path: string, body: unknown): Promise<Job<R>> {
  const answer = await api.post<{ job: Job<R> }>(path, body)
  return answer.job
}
