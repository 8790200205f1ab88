// Runs a background job from the page: start it (any request answering 202 {job}), poll its state
// every `interval` ms until it has finished, cancel it. Polling stops when the component unmounts.
//
//   const job = useJob<AssignReport>()
//   await job.start('/calls/3/assignment', { apply: false })          // POST path + body, or
//   await job.start(() => startAssignment(3, { apply: false }))       // any request answering 202
//   <JobProgress :job="job.job.value" :cancelling="job.cancelling.value" @cancel="job.cancel" />
//   job.result.value  // the use case's ToJson once succeeded
import { computed, getCurrentInstance, onBeforeUnmount, shallowRef } from 'vue'
import {
  cancelJob,
  getJob,
  isActive,
  progressPercent,
  startJob,
  unwrapJob,
  type Job,
  type JobAccepted,
} from '../api/jobs'

export interface UseJobOptions {
  /** Milliseconds between polls (the contract asks for 300–500). */
  interval?: number
}

export function useJob<R>(options: UseJobOptions = {}) {
  const interval = options.interval ?? 400
  const job = shallowRef<Job<R> | null>(null)
  /** A failure to start, poll or cancel (ApiError); a failed job carries its own `error`. */
  const error = shallowRef<unknown>(null)
  const cancelling = shallowRef(false)
  let timer: ReturnType<typeof setTimeout> | null = null
  let generation = 0
  let settle: ((job: Job<R> | null) => void) | null = null

  /** Polling failed: the job is no longer followed, so it is not shown as running. */
  const lost = shallowRef(false)
  const active = computed(() => isActive(job.value) && !lost.value)
  const percent = computed(() => progressPercent(job.value))
  const result = computed<R | null>(() =>
    job.value?.state === 'succeeded' ? (job.value.result ?? null) : null,
  )

  function stop() {
    generation++
    if (timer) clearTimeout(timer)
    timer = null
    settle?.(job.value)
    settle = null
  }

  function schedule(id: number, current: number) {
    timer = setTimeout(async () => {
      if (current !== generation) return
      try {
        const next = await getJob<R>(id)
        if (current !== generation) return
        job.value = next
      } catch (cause) {
        if (current !== generation) return
        error.value = cause
        lost.value = true
        finish()
        return
      }
      if (isActive(job.value)) schedule(id, current)
      else finish()
    }, interval)
  }

  function finish() {
    cancelling.value = false
    timer = null
    settle?.(job.value)
    settle = null
  }

  /**
   * Sends the request that starts the job — POST `path` with `body`, or any request answering
   * 202 {job} — and follows it. Resolves with the finished job (or null when the request failed;
   * `error` says why).
   */
  function start(
    request: string | (() => Promise<JobAccepted<R> | Job<R>>),
    body?: unknown,
  ): Promise<Job<R> | null> {
    const send = typeof request === 'string' ? () => startJob<R>(request, body ?? {}) : request
    stop()
    const current = generation
    error.value = null
    lost.value = false
    job.value = null
    cancelling.value = false
    return new Promise((resolve) => {
      settle = resolve
      send().then(
        (body) => {
          if (current !== generation) return
          job.value = unwrapJob(body)
          if (isActive(job.value)) schedule(job.value.id, current)
          else finish()
        },
        (cause) => {
          if (current !== generation) return
          error.value = cause
          finish()
        },
      )
    })
  }

  /** Follows a job that is already running (e.g. opened from the jobs list). */
  function follow(existing: Job<R>): Promise<Job<R> | null> {
    return start(() => Promise.resolve(existing))
  }

  async function cancel() {
    const current = job.value
    if (!current || !isActive(current)) return
    cancelling.value = true
    try {
      const answer = await cancelJob<R>(current.id)
      if (answer && job.value?.id === answer.id) job.value = answer
    } catch (cause) {
      error.value = cause
      cancelling.value = false
    }
  }

  function reset() {
    stop()
    job.value = null
    error.value = null
    lost.value = false
    cancelling.value = false
  }

  if (getCurrentInstance()) onBeforeUnmount(stop)

  // `running` is `active` under the name the HQ pages use.
  return { job, error, cancelling, active, running: active, percent, result, start, follow, cancel, reset }
}
