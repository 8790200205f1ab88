import { describe, expect, it } from 'vitest'
import { nextTick, ref } from 'vue'
import { matchesSearch, pageLocally, useList, type Fetcher } from './useList'

const rows = [
  { id: 1, title: 'b', trl: 3 },
  { id: 2, title: 'a', trl: null },
  { id: 3, title: 'c', trl: 5 },
]

describe('pageLocally', () => {
  it('sorts with blanks last in both directions and pages', () => {
    expect(pageLocally(rows, { offset: 0, limit: 2, sort: 'title' })).toEqual({
      items: [rows[1], rows[0]],
      total: 3,
    })
    expect(pageLocally(rows, { offset: 0, limit: 3, sort: '-trl' }).items.map((row) => row.id)).toEqual([3, 1, 2])
    expect(pageLocally(rows, { offset: 0, limit: 3, sort: 'trl' }).items.map((row) => row.id)).toEqual([1, 3, 2])
    expect(pageLocally(rows, { offset: 2, limit: 2, sort: '' }).items).toEqual([rows[2]])
  })
})

describe('matchesSearch', () => {
  it('needs every word, ignoring case and full-width forms', () => {
    expect(matchesSearch('希少糖 酵素', ['希少糖の量産', '酵素'])).toBe(true)
    expect(matchesSearch('希少糖 ロボット', ['希少糖の量産'])).toBe(false)
    expect(matchesSearch('ＬＥＤ', ['led lighting'])).toBe(true)
    expect(matchesSearch('  ', [])).toBe(true)
  })
})

describe('useList', () => {
  it('loads on change and drops answers that arrive after a newer request', async () => {
    const resolvers: Array<(value: { items: number[]; total: number }) => void> = []
    const fetcher = ref<Fetcher<number>>(
      () => new Promise((resolve) => resolvers.push(resolve)),
    )
    const list = useList(fetcher)
    expect(list.loading.value).toBe(true)
    list.offset.value = 20
    await nextTick()
    expect(resolvers).toHaveLength(2)
    resolvers[1]!({ items: [21], total: 30 })
    resolvers[0]!({ items: [1], total: 30 })
    await new Promise((resolve) => setTimeout(resolve))
    expect(list.rows.value).toEqual([21])
    expect(list.loading.value).toBe(false)
  })

  it('keeps the error of a failed load', async () => {
    const list = useList<number>(() => async () => {
      throw new Error('boom')
    })
    await new Promise((resolve) => setTimeout(resolve))
    expect((list.error.value as Error).message).toBe('boom')
    expect(list.rows.value).toEqual([])
  })
})
