import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mockFetch, testI18n } from '../test-utils'
import SearchableList from './SearchableList.vue'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('SearchableList', () => {
  it('pages records on the server, then asks the server search when a term is typed', async () => {
    const mock = mockFetch([
      {
        url: /^\/api\/v1\/seeds\?cluster_id=3&limit=10&offset=0&sort=-id$/,
        body: { items: [{ id: 2, title: '燃料電池' }], total: 1, limit: 10, offset: 0 },
      },
      {
        url: /^\/api\/v1\/search\?q=fuel\+cell&types=seed&cluster_id=3&limit=100$/,
        body: { items: [{ type: 'seed', id: 2, title: '燃料電池の電極', snippet: '…燃料電池…', score: 4.25, terms: ['燃料電池'] }], total: 1 },
      },
    ])
    vi.stubGlobal('fetch', vi.fn(mock.fetch))
    vi.useFakeTimers()
    const wrapper = mount(SearchableList, {
      props: {
        plural: 'seeds',
        searchType: 'seed',
        filters: { cluster_id: 3 },
        columns: [{ key: 'title', label: 'Title' }],
        heading: 'Seeds',
        searchLabel: 'Search seeds',
      },
      global: { plugins: [testI18n('en')] },
    })
    await flushPromises()
    expect(wrapper.find('tbody').text()).toContain('燃料電池')
    await wrapper.find('input[type=search]').setValue('fuel cell')
    await vi.advanceTimersByTimeAsync(300)
    await flushPromises()
    expect(mock.unmatched).toEqual([])
    expect(wrapper.find('tbody').text()).toContain('燃料電池の電極')
    expect(wrapper.find('tbody').text()).toContain('4.25')
    expect(wrapper.text()).toContain('1 found (best 1 shown)')
    await wrapper.find('input[type=search]').setValue('')
    await vi.advanceTimersByTimeAsync(300)
    await flushPromises()
    expect(wrapper.find('tbody').text()).not.toContain('4.25')
  })
})
