// A fake server for component tests: routes "METHOD /api/v1/path" (query ignored) to a body or a
// function of the parsed request body. Unknown routes answer 404 so that a test notices them.
import { vi } from 'vitest'

export type FakeAnswer = unknown | { status: number; body: unknown }
export type FakeRoute = FakeAnswer | ((body: unknown, url: string) => FakeAnswer)

export function problem(status: number, detail: string, errors: Array<{ path: string; expected: string; got: string }> = []) {
  return { status, body: { status, title: 'error', detail, errors } }
}

function isStatusAnswer(value: unknown): value is { status: number; body: unknown } {
  return !!value && typeof value === 'object' && 'status' in value && 'body' in value && Object.keys(value).length === 2
}

export function fakeApi(routes: Record<string, FakeRoute>) {
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    const method = (init?.method ?? 'GET').toUpperCase()
    const key = `${method} ${url.split('?')[0]}`
    if (!(key in routes)) {
      return new Response(JSON.stringify({ status: 404, detail: `no fake for ${key}` }), {
        status: 404,
        headers: { 'content-type': 'application/problem+json' },
      })
    }
    const route = routes[key]
    const body = init?.body ? JSON.parse(String(init.body)) : undefined
    const answer = typeof route === 'function' ? (route as (b: unknown, u: string) => FakeAnswer)(body, url) : route
    const { status, body: payload } = isStatusAnswer(answer) ? answer : { status: 200, body: answer }
    return new Response(JSON.stringify(payload), {
      status,
      headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
    })
  })
  vi.stubGlobal('fetch', fetch)
  return fetch
}

/** The parsed bodies sent to one route. */
export function sentBodies(fetch: ReturnType<typeof fakeApi>, method: string, path: string): unknown[] {
  return fetch.mock.calls
    .filter(([url, init]) => (init?.method ?? 'GET').toUpperCase() === method && String(url).split('?')[0] === path)
    .map(([, init]) => (init?.body ? JSON.parse(String(init.body)) : undefined))
}
