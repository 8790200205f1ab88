// A job as reactive state for a progress bar: start it, poll it every `interval` ms until it has
// finished, cancel it. The polling stops when the component unmounts.

import { computed, onBeforeUnmount, shallowRef } from 'vue'
import { cancelJob, getJob, isFinished, startJob, type Job } from '../api/jobs'

export interface JobOptions {
  /** Milliseconds between two polls (the contract asks for 300–500). */
  interval?: number
}

export function useJob<R>(options: JobOptions = {}) {
  const interval = options.interval ?? 400
  const job = shallowRef<Job<R> | null>(null)
  const error = shallowRef<unknown>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  let resolveDone: ((job: Job<R> | null) => void) | null = null

  // A job whose polling failed is no longer followed: it is not shown as running.
  const running = computed(() => !!job.value && !isFinished(job.value.state) && !error.value)
  const percent = computed(() => Math.round(Math.min(1, Math.max(0, job.value?.progress ?? 0)) * 100))

  function finish(value: Job<R> | null) {
    clearTimeout(timer)
    resolveDone?.(value)
    resolveDone = null
  }

  async function poll() {
    if (stopped || !job.value) return
    try {
      const next = await getJob<R>(job.value.id)
      if (stopped) return
      job.value = next
      if (isFinished(next.state)) return finish(next)
    } catch (cause) {
      error.value = cause
      return finish(job.value)
    }
    timer = setTimeout(() => void poll(), interval)
  }

  /** Starts the job and resolves with it once it has finished (or null if it could not start). */
  async function start(path: string, body: unknown): Promise<Job<R> | null> {
    clearTimeout(timer)
    error.value = null
    job.value = null
    const done = new Promise<Job<R> | null>((resolve) => (resolveDone = resolve))
    try {
      job.value = await startJob<R>(path, body)
    } catch (cause) {
      error.value = cause
      finish(null)
      return done
    }
    if (isFinished(job.value.state)) finish(job.value)
    else timer = setTimeout(() => void poll(), interval)
    return done
  }

  async function cancel() {
    if (!job.value || !running.value) return
    try {
      await cancelJob(job.value.id)
    } catch (cause) {
      error.value = cause
    }
  }

  onBeforeUnmount(() => {
    stopped = true
    finish(null)
  })

  return { job, error, running, percent, start, cancel }
}
