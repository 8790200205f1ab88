// Column definitions and sort strings shared by DataTable and the list sources.

export interface Column<T> {
  /** The field name: the key of the row and the server's sort field. */
  key: string
  label: string
  sortable?: boolean
  /** Numbers and money read best right-aligned. */
  numeric?: boolean
  /** The text of a cell; default: the field's value as text. */
  format?: (row: T) => string
}

/** "field" ascending, "-field" descending, "" unsorted (the server's ?sort= syntax). */
export type SortSpec = string

export function parseSort(sort: SortSpec): { key: string; descending: boolean } | null {
  if (!sort) return null
  return sort.startsWith('-') ? { key: sort.slice(1), descending: true } : { key: sort, descending: false }
}

/** Clicking a header: unsorted or another column → ascending; ascending → descending → ascending. */
export function nextSort(current: SortSpec, key: string): SortSpec {
  const parsed = parseSort(current)
  if (!parsed || parsed.key !== key) return key
  return parsed.descending ? key : `-${key}`
}

export function cellText<T>(row: T, column: Column<T>): string {
  if (column.format) return column.format(row)
  const value = (row as Record<string, unknown>)[column.key]
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.join('、')
  return String(value)
}
