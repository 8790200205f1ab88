// The API client against a fake fetch (the network boundary); nothing else is mocked.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  api,
  ApiError,
  buildUrl,
  describeProblem,
  getCsrfToken,
  listAll,
  request,
  setCsrfToken,
  setUnauthenticatedHandler,
} from './client'

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>

function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } })
}

let calls: Array<{ url: string; init: RequestInit }>
function serve(handler: Handler) {
  calls = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init })
      return handler(url, init)
    }),
  )
}

const headersOf = (index = 0) => calls[index]!.init.headers as Record<string, string>

beforeEach(() => {
  setCsrfToken(null)
  setUnauthenticatedHandler(null)
  sessionStorage.clear()
})
afterEach(() => vi.unstubAllGlobals())

describe('requests', () => {
  it('sends same-origin credentials and no CSRF header on reads', async () => {
    setCsrfToken('token-1')
    serve(() => json(200, { items: [], total: 0, limit: 20, offset: 0 }))
    await api.get('/regions', { limit: 20, sort: '-id', prefecture: '' })
    expect(calls[0]!.url).toBe('/api/v1/regions?limit=20&sort=-id')
    expect(calls[0]!.init.credentials).toBe('same-origin')
    expect(headersOf()['X-CSRF-Token']).toBeUndefined()
  })

  it('sends the CSRF token and a JSON body on writes', async () => {
    setCsrfToken('token-2')
    serve(() => json(201, { id: 7 }))
    const created = await api.post<{ id: number }>('/seeds', { title: '希少糖' })
    expect(created.id).toBe(7)
    expect(calls[0]!.init.method).toBe('POST')
    expect(headersOf()['X-CSRF-Token']).toBe('token-2')
    expect(headersOf()['Content-Type']).toBe('application/json')
    expect(calls[0]!.init.body).toBe('{"title":"希少糖"}')
  })

  it('keeps the CSRF token in sessionStorage for reloads of the tab', () => {
    setCsrfToken('token-3')
    expect(sessionStorage.getItem('kc.csrf')).toBe('token-3')
    expect(getCsrfToken()).toBe('token-3')
    setCsrfToken(null)
    expect(sessionStorage.getItem('kc.csrf')).toBeNull()
  })

  it('returns nothing for 204', async () => {
    serve(() => new Response(null, { status: 204 }))
    await expect(api.delete('/session')).resolves.toBeUndefined()
  })

  it('builds URLs without empty parameters', () => {
    expect(buildUrl('/needs', { cluster_id: 3, q: undefined, r: null })).toBe('/api/v1/needs?cluster_id=3')
    expect(buildUrl('/api/v1/openapi.json')).toBe('/api/v1/openapi.json')
  })
})

describe('errors', () => {
  const problem = {
    type: 'https://kcluster.invalid/problems/invalid_argument',
    title: 'Bad Request',
    status: 400,
    detail: 'seed is not valid',
    code: 'invalid_argument',
    errors: [
      { path: 'title', expected: 'a non-empty text', got: 'nothing' },
      { path: 'trl', expected: 'an integer 1..9', got: '12' },
    ],
  }

  it('turns problem+json into an ApiError whose message names each field', async () => {
    serve(() => json(400, problem, 'application/problem+json'))
    const error = await api.post('/seeds', {}).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ApiError)
    const apiError = error as ApiError
    expect(apiError.status).toBe(400)
    expect(apiError.code).toBe('invalid_argument')
    expect(apiError.message).toBe(
      'seed is not valid — title: expected a non-empty text, got nothing; trl: expected an integer 1..9, got 12',
    )
    expect(apiError.forField('trl')?.got).toBe('12')
  })

  it('lets the caller name fields with their labels', () => {
    const labels: Record<string, string> = { title: 'シーズ名', trl: '技術成熟度' }
    expect(describeProblem(problem, (path) => labels[path] ?? path)).toContain(
      'シーズ名: expected a non-empty text, got nothing',
    )
  })

  it('survives a body that is not JSON', async () => {
    serve(() => new Response('<h1>bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' }))
    const error = (await api.get('/regions').catch((caught: unknown) => caught)) as ApiError
    expect(error.status).toBe(502)
    expect(error.message).toBe('Bad Gateway')
    expect(error.fieldErrors).toEqual([])
  })

  it('reports a network failure as status 0', async () => {
    serve(() => {
      throw new TypeError('Failed to fetch')
    })
    const error = (await api.get('/regions').catch((caught: unknown) => caught)) as ApiError
    expect(error.status).toBe(0)
    expect(error.code).toBe('network')
  })

  it('on 401 forgets the token and calls the handler (the router goes to the login page)', async () => {
    setCsrfToken('stale')
    const handler = vi.fn()
    setUnauthenticatedHandler(handler)
    serve(() => json(401, { status: 401, detail: 'sign in first', errors: [] }, 'application/problem+json'))
    await expect(api.get('/regions')).rejects.toMatchObject({ status: 401 })
    expect(handler).toHaveBeenCalledOnce()
    expect(getCsrfToken()).toBeNull()
  })

  it('does not redirect when the login itself is refused, nor for a quiet probe', async () => {
    const handler = vi.fn()
    setUnauthenticatedHandler(handler)
    serve(() => json(401, { status: 401, detail: 'wrong login or password' }, 'application/problem+json'))
    await expect(api.post('/session', { login: 'x', password: 'y' })).rejects.toMatchObject({ status: 401 })
    await expect(request('GET', '/session', { quiet401: true })).rejects.toMatchObject({ status: 401 })
    expect(handler).not.toHaveBeenCalled()
  })
})

describe('listAll', () => {
  it('pages through a collection 1000 at a time', async () => {
    const total = 2345
    serve((url) => {
      const params = new URL(url, 'http://x').searchParams
      const offset = Number(params.get('offset'))
      const limit = Number(params.get('limit'))
      const items = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => ({ id: offset + i + 1 }))
      return json(200, { items, total, limit, offset })
    })
    const rows = await listAll<{ id: number }>('seeds', { cluster_id: 2 })
    expect(rows).toHaveLength(total)
    expect(calls).toHaveLength(3)
    expect(calls[0]!.url).toBe('/api/v1/seeds?cluster_id=2&limit=1000&offset=0')
  })
})
