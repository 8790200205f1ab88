// Reactive list state for DataTable: rows, total, offset, limit and sort, loaded by a fetcher.
// The fetcher either asks the server for one page (entityFetcher) or pages an array already in
// the browser (localFetcher, used when searching, which the API cannot do yet).

import { ref, shallowRef, watch, type Ref } from 'vue'
import { listPage, type Query } from '../api/client'
import { parseSort, type SortSpec } from '../components/table'

export interface PageRequest {
  offset: number
  limit: number
  sort: SortSpec
}

export interface PageResult<T> {
  items: T[]
  total: number
}

export type Fetcher<T> = (request: PageRequest, signal: AbortSignal) => Promise<PageResult<T>>

/** One page from GET /api/v1/{plural} with the given exact-match filters. */
export function entityFetcher<T>(plural: string, filters: () => Query = () => ({})): Fetcher<T> {
  return async (request, signal) => {
    const page = await listPage<T>(
      plural,
      { ...filters(), limit: request.limit, offset: request.offset, sort: request.sort || undefined },
      signal,
    )
    return { items: page.items, total: page.total }
  }
}

const isBlank = (value: unknown) => value === null || value === undefined || value === ''

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a).localeCompare(String(b), 'ja')
}

/**
 * Sorts and pages rows held in the browser (the server's sort syntax). Blank values go last in
 * both directions; ties keep their order (Array.prototype.sort is stable).
 */
export function pageLocally<T>(rows: readonly T[], request: PageRequest): PageResult<T> {
  const sort = parseSort(request.sort)
  let items = [...rows]
  if (sort) {
    const sign = sort.descending ? -1 : 1
    items.sort((a, b) => {
      const left = (a as Record<string, unknown>)[sort.key]
      const right = (b as Record<string, unknown>)[sort.key]
      if (isBlank(left) || isBlank(right)) return Number(isBlank(left)) - Number(isBlank(right))
      return sign * compareValues(left, right)
    })
  }
  return { items: items.slice(request.offset, request.offset + request.limit), total: items.length }
}

export function localFetcher<T>(rows: () => Promise<readonly T[]> | readonly T[]): Fetcher<T> {
  return async (request) => pageLocally(await rows(), request)
}

/** True when every word of `search` occurs in one of the texts (case- and width-insensitive). */
export function matchesSearch(search: string, texts: Array<string | null | undefined>): boolean {
  const words = search.normalize('NFKC').toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const haystack = texts.filter(Boolean).join(' ').normalize('NFKC').toLowerCase()
  return words.every((word) => haystack.includes(word))
}

export interface ListState<T> {
  rows: Ref<T[]>
  total: Ref<number>
  offset: Ref<number>
  limit: Ref<number>
  sort: Ref<SortSpec>
  loading: Ref<boolean>
  error: Ref<unknown>
  reload: () => Promise<void>
}

/**
 * Loads a page whenever offset, limit, sort or the fetcher change; an answer that arrives after
 * a newer request was made is dropped.
 */
export function useList<T>(
  fetcher: Ref<Fetcher<T>> | (() => Fetcher<T>),
  initial: Partial<PageRequest> = {},
): ListState<T> {
  const rows = shallowRef<T[]>([]) as Ref<T[]>
  const total = ref(0)
  const offset = ref(initial.offset ?? 0)
  const limit = ref(initial.limit ?? 20)
  const sort = ref<SortSpec>(initial.sort ?? '')
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  const current = typeof fetcher === 'function' ? fetcher : () => fetcher.value
  let controller: AbortController | null = null

  async function reload() {
    controller?.abort()
    const mine = new AbortController()
    controller = mine
    loading.value = true
    error.value = null
    try {
      const result = await current()(
        { offset: offset.value, limit: limit.value, sort: sort.value },
        mine.signal,
      )
      if (controller !== mine) return
      rows.value = result.items
      total.value = result.total
    } catch (cause) {
      if (controller !== mine || (cause instanceof DOMException && cause.name === 'AbortError')) return
      error.value = cause
      rows.value = []
      total.value = 0
    } finally {
      if (controller === mine) loading.value = false
    }
  }

  watch([offset, limit, sort, current], () => void reload(), { immediate: true })
  return { rows, total, offset, limit, sort, loading, error, reload }
}
