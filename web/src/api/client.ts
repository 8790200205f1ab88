// The one way the UI talks to the kcluster JSON API (/api/v1).
//
// - Same-origin requests with the session cookie (kc_session, HttpOnly, set by POST /session).
// - Every request that changes data carries the session's CSRF token as X-CSRF-Token. The token
//   comes from the login response (and GET /session); it is kept in memory and in sessionStorage
//   so a reload in the same tab keeps working, and forgotten on logout or 401.
// - Failures become ApiError: application/problem+json bodies keep their field errors
//   ({path, expected, got}) so forms can mark each field and messages can name it.
// - A 401 outside the login call runs the handler set by setUnauthenticatedHandler (the router
//   sends the user to the login page, remembering where they were).

export interface FieldProblem {
  path: string
  expected: string
  got: string
}

/** An RFC 9457 problem as the server writes it (http/problem.cpp). */
export interface Problem {
  type?: string
  title?: string
  status: number
  detail?: string
  code?: string
  errors?: FieldProblem[]
}

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly problem: Problem
  readonly fieldErrors: FieldProblem[]

  constructor(problem: Problem) {
    super(describeProblem(problem))
    this.name = 'ApiError'
    this.status = problem.status
    this.code = problem.code ?? (problem.status === 0 ? 'network' : `http_${problem.status}`)
    this.problem = problem
    this.fieldErrors = problem.errors ?? []
  }

  /** The error of one field ("title", "filter.cluster_id"), if the server named it. */
  forField(path: string): FieldProblem | undefined {
    return this.fieldErrors.find((error) => error.path === path)
  }
}

/**
 * One readable sentence per problem: the detail, then each field as
 * "title: expected a non-empty text, got nothing". `fieldLabel` turns a path into the label the
 * user sees (e.g. the ja/en column label); without it the path itself is used.
 */
export function describeProblem(problem: Problem, fieldLabel?: (path: string) => string): string {
  const head = problem.detail || problem.title || `HTTP ${problem.status}`
  const fields = (problem.errors ?? []).map((error) => describeFieldProblem(error, fieldLabel))
  return fields.length === 0 ? head : `${head} — ${fields.join('; ')}`
}

export function describeFieldProblem(
  error: FieldProblem,
  fieldLabel?: (path: string) => string,
): string {
  const name = fieldLabel ? fieldLabel(error.path) : error.path
  const got = error.got === '' ? '' : `, got ${error.got}`
  return `${name}: expected ${error.expected}${got}`
}

export interface Page<T> {
  items: T[]
  total: number
  limit: number
  offset: number
}

export type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue>

export interface RequestOptions {
  query?: Query
  body?: unknown
  signal?: AbortSignal
  /** Do not run the 401 handler (for the "who am I" probe, which expects 401 when signed out). */
  quiet401?: boolean
}

const API_PREFIX = '/api/v1'
const CSRF_KEY = 'kc.csrf'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

let csrfToken: string | null = readStoredToken()
let onUnauthenticated: (() => void) | null = null

function readStoredToken(): string | null {
  try {
    return globalThis.sessionStorage?.getItem(CSRF_KEY) ?? null
  } catch {
    return null
  }
}

export function setCsrfToken(token: string | null): void {
  csrfToken = token
  try {
    if (token) globalThis.sessionStorage?.setItem(CSRF_KEY, token)
    else globalThis.sessionStorage?.removeItem(CSRF_KEY)
  } catch {
    // Storage may be disabled (private mode): the token then lives in memory only.
  }
}

export function getCsrfToken(): string | null {
  return csrfToken
}

/** Called on any 401 except from the login request itself. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler
}

export function buildUrl(path: string, query?: Query): string {
  const url = path.startsWith('/api/') ? path : `${API_PREFIX}${path}`
  if (!query) return url
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    params.append(key, String(value))
  }
  const text = params.toString()
  return text ? `${url}?${text}` : url
}

async function readProblem(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? ''
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>
      return { ...body, status: response.status, errors: body.errors ?? [] }
    } catch {
      // A broken body: fall through to the status line.
    }
  }
  return { status: response.status, title: response.statusText || `HTTP ${response.status}` }
}

export async function request<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  const init: RequestInit = { method, headers, credentials: 'same-origin' }
  if (options.signal) init.signal = options.signal
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    init.body = JSON.stringify(options.body)
  }
  if (!SAFE_METHODS.has(method.toUpperCase()) && csrfToken) headers['X-CSRF-Token'] = csrfToken

  let response: Response
  try {
    response = await fetch(buildUrl(path, options.query), init)
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause
    throw new ApiError({
      status: 0,
      code: 'network',
      title: 'Network error',
      detail: 'the server could not be reached',
    })
  }

  if (!response.ok) {
    const problem = await readProblem(response)
    if (response.status === 401) {
      setCsrfToken(null)
      const isLogin = path.endsWith('/session') && method.toUpperCase() === 'POST'
      if (!isLogin && !options.quiet401) onUnauthenticated?.()
    }
    throw new ApiError(problem)
  }
  if (response.status === 204) return undefined as T
  const type = response.headers.get('content-type') ?? ''
  if (!type.includes('json')) return (await response.text()) as T
  return (await response.json()) as T
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
}

export interface ListQuery {
  limit?: number
  offset?: number
  sort?: string
  [filter: string]: QueryValue
}

/** One page of an entity collection: GET /api/v1/{plural}?limit=&offset=&sort=&field=value. */
export function listPage<T>(plural: string, query: ListQuery = {}, signal?: AbortSignal) {
  return api.get<Page<T>>(`/${plural}`, query, signal)
}

/** Every record of a collection the viewer may see, fetched 1000 (the server's maximum) at a time. */
export async function listAll<T>(
  plural: string,
  filters: Query = {},
  signal?: AbortSignal,
): Promise<T[]> {
  const items: T[] = []
  for (let offset = 0; ; offset += 1000) {
    const page = await listPage<T>(plural, { ...filters, limit: 1000, offset }, signal)
    items.push(...page.items)
    if (page.items.length === 0 || items.length >= page.total) return items
  }
}
