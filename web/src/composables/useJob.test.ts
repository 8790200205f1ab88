import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import { mockFetch } from '../test-utils'
import { useJob } from './useJob'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

function host() {
  let state!: ReturnType<typeof useJob<number>>
  const wrapper = mount(
    defineComponent({
      setup() {
        state = useJob<number>({ interval: 300 })
        return () => null
      },
    }),
  )
  return { wrapper, state: () => state }
}

const job = (state: string, progress: number) => ({ id: 4, kind: 'k', state, progress, result: state === 'succeeded' ? 42 : null, error: null, started_at: null, finished_at: null })

describe('useJob', () => {
  it('polls until the job ends and can cancel it', async () => {
    let current = job('running', 0.2)
    const mock = mockFetch([
      { method: 'POST', url: /\/start$/, status: 202, body: { job: job('queued', 0) } },
      { url: /\/jobs\/4$/, body: () => current },
      { method: 'POST', url: /\/jobs\/4\/cancel$/, body: () => (current = job('cancelled', 0.2)) },
    ])
    vi.stubGlobal('fetch', vi.fn(mock.fetch))
    vi.useFakeTimers()
    const { state } = host()
    const done = state().start('/start', { a: 1 })
    await flushPromises()
    await vi.advanceTimersByTimeAsync(300)
    expect(state().percent.value).toBe(20)
    expect(state().running.value).toBe(true)
    await state().cancel()
    await vi.advanceTimersByTimeAsync(300)
    const finished = await done
    expect(finished?.state).toBe('cancelled')
    expect(state().running.value).toBe(false)
    expect(mock.calls.filter((c) => c.url.endsWith('/cancel'))).toHaveLength(1)
  })

  it('reports a job that could not start', async () => {
    const mock = mockFetch([{ method: 'POST', url: /\/start$/, status: 400, body: { status: 400, detail: 'bad', errors: [{ path: 'top', expected: '1..1000', got: '0' }] } }])
    vi.stubGlobal('fetch', vi.fn(mock.fetch))
    const { state } = host()
    expect(await state().start('/start', {})).toBeNull()
    expect(String(state().error.value)).toContain('top: expected 1..1000')
  })

  it('stops following a job whose polling fails', async () => {
    const mock = mockFetch([
      { method: 'POST', url: /\/start$/, status: 202, body: { job: job('queued', 0) } },
      { url: /\/jobs\/4$/, status: 403, body: { status: 403, detail: 'not yours' } },
    ])
    vi.stubGlobal('fetch', vi.fn(mock.fetch))
    vi.useFakeTimers()
    const { state } = host()
    const done = state().start('/start', {})
    await vi.advanceTimersByTimeAsync(300)
    expect((await done)?.state).toBe('queued')
    expect(state().running.value).toBe(false)
    expect(String(state().error.value)).toContain('not yours')
  })

  it('stops polling when its component goes away', async () => {
    const mock = mockFetch([
      { method: 'POST', url: /\/start$/, status: 202, body: { job: job('running', 0.1) } },
      { url: /\/jobs\/4$/, body: job('running', 0.5) },
    ])
    vi.stubGlobal('fetch', vi.fn(mock.fetch))
    vi.useFakeTimers()
    const { wrapper, state } = host()
    void state().start('/start', {})
    await flushPromises()
    wrapper.unmount()
    await vi.advanceTimersByTimeAsync(2000)
    expect(mock.calls.filter((c) => c.url.endsWith('/jobs/4'))).toHaveLength(0)
  })
})
