import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, ref } from 'vue'
import { mockFetch } from '../test-utils'
import { useDebounced, useRecordList } from './useRecordList'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('useRecordList', () => {
  it('pages an entity on the server and goes back to the first page when the filters change', async () => {
    const mock = mockFetch([{ url: /^\/api\/v1\/(seeds|needs)\?/, body: { items: [{ id: 1 }], total: 45, limit: 20, offset: 0 } }])
    vi.stubGlobal('fetch', vi.fn(mock.fetch))
    const entity = ref('seeds')
    const filters = ref<Record<string, string>>({ cluster_id: '1' })
    let list!: ReturnType<typeof useRecordList<{ id: number }>>
    mount(
      defineComponent({
        setup() {
          list = useRecordList<{ id: number }>(() => entity.value, () => filters.value, { limit: 20, resetSortOnEntity: true })
          return () => null
        },
      }),
    )
    await flushPromises()
    expect(mock.calls.at(-1)?.url).toBe('/api/v1/seeds?cluster_id=1&limit=20&offset=0')
    list.offset.value = 20
    list.sort.value = '-title'
    await flushPromises()
    expect(mock.calls.at(-1)?.url).toBe('/api/v1/seeds?cluster_id=1&limit=20&offset=20&sort=-title')
    filters.value = { cluster_id: '2' }
    await flushPromises()
    expect(list.offset.value).toBe(0)
    expect(list.sort.value).toBe('-title')
    expect(mock.calls.at(-1)?.url).toBe('/api/v1/seeds?cluster_id=2&limit=20&offset=0&sort=-title')
    entity.value = 'needs'
    await flushPromises()
    expect(list.sort.value).toBe('')
    expect(mock.calls.at(-1)?.url).toBe('/api/v1/needs?cluster_id=2&limit=20&offset=0')
    expect(list.total.value).toBe(45)
  })

  it('debounces a search box', async () => {
    vi.useFakeTimers()
    let state!: ReturnType<typeof useDebounced>
    mount(
      defineComponent({
        setup() {
          state = useDebounced(250)
          return () => null
        },
      }),
    )
    state.input.value = ' 燃料'
    await vi.advanceTimersByTimeAsync(100)
    state.input.value = ' 燃料電池 '
    await vi.advanceTimersByTimeAsync(200)
    expect(state.value.value).toBe('')
    await vi.advanceTimersByTimeAsync(60)
    expect(state.value.value).toBe('燃料電池')
  })
})
