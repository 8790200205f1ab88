// The list logic shared by every page that shows one entity as a table (RecordsView,
// SearchableList): a server-paged list of GET /api/v1/{plural} with exact-match filters that goes
// back to the first page when the entity or the filters change, and a debounced search term for
// pages that search.

import { computed, ref, watch, type Ref } from 'vue'
import type { Query } from '../api/client'
import type { SortSpec } from '../components/table'
import { entityFetcher, useList, type ListState } from './useList'

export interface RecordListOptions {
  limit?: number
  sort?: SortSpec
  /** Forget the sort as well as the page when the entity changes (a page over any entity). */
  resetSortOnEntity?: boolean
}

export function useRecordList<T>(
  plural: () => string,
  filters: () => Query,
  options: RecordListOptions = {},
): ListState<T> {
  const fetcher = computed(() => {
    const entity = plural()
    const current = filters()
    return entityFetcher<T>(entity, () => current)
  })
  const list = useList<T>(fetcher, { limit: options.limit ?? 20, sort: options.sort ?? '' })
  watch(
    () => [plural(), JSON.stringify(filters())],
    ([entity], [previous]) => {
      list.offset.value = 0
      if (options.resetSortOnEntity && entity !== previous) list.sort.value = options.sort ?? ''
    },
  )
  return list
}

/** A text box's value and the same value trimmed, `delay` ms after the last keystroke. */
export function useDebounced(delay = 250): { input: Ref<string>; value: Ref<string> } {
  const input = ref('')
  const value = ref('')
  let timer: ReturnType<typeof setTimeout> | undefined
  watch(input, (text) => {
    clearTimeout(timer)
    timer = setTimeout(() => (value.value = text.trim()), delay)
  })
  return { input, value }
}
