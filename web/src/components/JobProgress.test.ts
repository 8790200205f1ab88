import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { isActive, progressPercent, unwrapJob, type Job } from '../api/jobs'
import { useJob } from '../composables/useJob'
import { testI18n } from '../test-utils'
import JobProgress from './JobProgress.vue'

const job = (over: Partial<Job> = {}): Job => ({
  id: 7,
  kind: 'assignment',
  state: 'running',
  progress: 0.42,
  result: null,
  error: null,
  started_at: '2026-11-30T06:00:00Z',
  finished_at: null,
  started_by: 1,
  ...over,
})

function respond(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  })
}

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('job helpers', () => {
  it('clamps and rounds the percentage, and counts success as 100', () => {
    expect(progressPercent(job({ progress: 0.426 }))).toBe(43)
    expect(progressPercent(job({ progress: 1.7 }))).toBe(100)
    expect(progressPercent(job({ progress: -1 }))).toBe(0)
    expect(progressPercent(job({ progress: Number.NaN }))).toBe(0)
    expect(progressPercent(job({ state: 'succeeded', progress: 0.2 }))).toBe(100)
    expect(progressPercent(null)).toBe(0)
  })

  it('knows which states are still running and unwraps the 202 body', () => {
    expect(isActive(job({ state: 'queued' }))).toBe(true)
    expect(isActive(job({ state: 'cancelled' }))).toBe(false)
    expect(unwrapJob({ job: job({ id: 3 }) }).id).toBe(3)
    expect(unwrapJob(job({ id: 4 })).id).toBe(4)
  })
})

describe('JobProgress', () => {
  it('shows a labelled bar, the state in words and a cancel button while running', async () => {
    const wrapper = mount(JobProgress, {
      props: { job: job(), label: '割当の試算' },
      global: { plugins: [testI18n('ja')] },
    })
    const bar = wrapper.get('progress')
    expect(bar.attributes('value')).toBe('42')
    const labelId = bar.attributes('aria-labelledby')!
    expect(wrapper.get(`#${labelId}`).text()).toBe('割当の試算')
    expect(wrapper.get('[role="status"]').text()).toBe('実行中')
    await wrapper.get('button').trigger('click')
    expect(wrapper.emitted('cancel')).toHaveLength(1)
  })

  it('shows the error of a failed job and no cancel button', () => {
    const wrapper = mount(JobProgress, {
      props: { job: job({ state: 'failed', error: 'call 3 has no reviewers' }) },
      global: { plugins: [testI18n('en')] },
    })
    expect(wrapper.get('[role="status"]').text()).toBe('Failed')
    expect(wrapper.get('[role="alert"]').text()).toBe('call 3 has no reviewers')
    expect(wrapper.find('button').exists()).toBe(false)
  })
})

describe('useJob', () => {
  it('starts a job, polls it until it finishes and exposes the result', async () => {
    vi.useFakeTimers()
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(respond({ job: job({ state: 'queued', progress: 0 }) }, 202))
      .mockResolvedValueOnce(respond({ job: job({ progress: 0.5 }) }))
      .mockResolvedValueOnce(respond({ job: job({ state: 'succeeded', progress: 1, result: { added: 3 } }) }))
    vi.stubGlobal('fetch', fetch)
    let state!: ReturnType<typeof useJob<{ added: number }>>
    const Host = defineComponent({
      setup() {
        state = useJob<{ added: number }>({ interval: 300 })
        return () => h('div')
      },
    })
    mount(Host)
    const done = state.start(() =>
      import('../api/client').then(({ api }) => api.post('/calls/3/assignment', { apply: false })),
    )
    await flushPromises()
    expect(state.job.value?.state).toBe('queued')
    expect(state.active.value).toBe(true)
    await vi.advanceTimersByTimeAsync(300)
    expect(state.job.value?.progress).toBe(0.5)
    await vi.advanceTimersByTimeAsync(300)
    const finished = await done
    expect(finished?.state).toBe('succeeded')
    expect(state.result.value).toEqual({ added: 3 })
    expect(fetch.mock.calls.map((call) => call[0])).toEqual([
      '/api/v1/calls/3/assignment',
      '/api/v1/jobs/7',
      '/api/v1/jobs/7',
    ])
  })

  it('cancels a running job and stops polling once it reports cancelled', async () => {
    vi.useFakeTimers()
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(respond({ job: job({ state: 'cancelled' }) }))
      .mockResolvedValueOnce(respond({ job: job({ state: 'cancelled' }) }))
    vi.stubGlobal('fetch', fetch)
    const state = useJob()
    const done = state.follow(job())
    await flushPromises()
    await state.cancel()
    expect(fetch.mock.calls[0]![0]).toBe('/api/v1/jobs/7/cancel')
    expect(fetch.mock.calls[0]![1].method).toBe('POST')
    await vi.advanceTimersByTimeAsync(400)
    expect((await done)?.state).toBe('cancelled')
    expect(state.cancelling.value).toBe(false)
    await vi.advanceTimersByTimeAsync(2000)
    expect(fetch).toHaveBeenCalledTimes(2)
  })

  it('keeps the problem when the job cannot start', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValue(respond({ status: 409, detail: 'call 3 is decided' }, 409)),
    )
    const state = useJob()
    const { api } = await import('../api/client')
    expect(await state.start(() => api.post('/calls/3/assignment', {}))).toBeNull()
    expect(String(state.error.value)).toContain('call 3 is decided')
  })
})
