import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Job } from '../api/jobs'
import { testI18n } from '../test-utils'
import JobsView from './JobsView.vue'
import { duration, refreshDelay, timestamp, visibleJobs } from './jobs'

const job = (id: number, state: Job['state']): Job => ({
  id,
  kind: id === 1 ? 'assignment' : 'other_kind',
  state,
  progress: state === 'running' ? 0.3 : 1,
  result: null,
  error: state === 'failed' ? 'infeasible' : null,
  started_at: '2026-11-30T06:00:00Z',
  finished_at: state === 'running' ? null : '2026-11-30T06:03:05Z',
  started_by: 1,
})

afterEach(() => vi.unstubAllGlobals())

describe('jobs logic', () => {
  it('filters running jobs and refreshes only while one runs', () => {
    const jobs = [job(1, 'running'), job(2, 'succeeded'), job(3, 'queued')]
    expect(visibleJobs(jobs, true).map((j) => j.id)).toEqual([1, 3])
    expect(visibleJobs(jobs, false)).toHaveLength(3)
    expect(refreshDelay(jobs)).toBe(1000)
    expect(refreshDelay([job(2, 'failed')])).toBeNull()
  })

  it('writes durations and timestamps', () => {
    expect(duration('2026-11-30T06:00:00Z', '2026-11-30T06:00:12Z')).toBe('12s')
    expect(duration('2026-11-30T06:00:00Z', '2026-11-30T06:03:05Z')).toBe('3m 05s')
    expect(duration('2026-11-30T06:00:00Z', '2026-11-30T07:02:00Z')).toBe('1h 02m')
    expect(duration(null, null)).toBe('')
    expect(duration('bad', null)).toBe('')
    expect(timestamp('2026-11-30T06:00:00.123Z')).toBe('2026-11-30 06:00:00')
  })
})

describe('JobsView', () => {
  it('lists jobs newest first with their state and cancels a running one', async () => {
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (init?.method === 'POST') return new Response(JSON.stringify({ job: job(1, 'cancelled') }), { headers: { 'content-type': 'application/json' } })
      return new Response(JSON.stringify({ items: [job(1, 'running'), job(2, 'failed')] }), {
        headers: { 'content-type': 'application/json' },
      })
    })
    vi.stubGlobal('fetch', fetch)
    const wrapper = mount(JobsView, { global: { plugins: [testI18n('ja')] } })
    await flushPromises()
    const rows = wrapper.findAll('tbody tr')
    expect(rows.map((row) => row.attributes('data-job'))).toEqual(['2', '1'])
    expect(rows[0]!.text()).toContain('失敗')
    expect(rows[0]!.text()).toContain('infeasible')
    expect(rows[1]!.text()).toContain('査読者の割当')
    expect(rows[0]!.find('button').exists()).toBe(false)
    await rows[1]!.get('button').trigger('click')
    await flushPromises()
    expect(fetch.mock.calls.some(([url, init]) => url === '/api/v1/jobs/1/cancel' && init?.method === 'POST')).toBe(true)
    wrapper.unmount()
  })

  it('says when there are no jobs', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ items: [] }), { headers: { 'content-type': 'application/json' } })))
    const wrapper = mount(JobsView, { global: { plugins: [testI18n('en')] } })
    await flushPromises()
    expect(wrapper.text()).toContain('No jobs.')
  })
})
