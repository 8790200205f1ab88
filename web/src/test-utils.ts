// Shared set-up of component tests: a real i18n instance in the chosen language.
import { createAppI18n } from './i18n'
import type { Locale } from './format'

export function testI18n(locale: Locale = 'en') {
  localStorage.removeItem('kc.lang')
  return createAppI18n(locale)
}

export interface MockRoute {
  method?: string
  /** Matched against the path and query (e.g. /^\/api\/v1\/clusters\/3\/kpis\?fy=2004$/). */
  url: RegExp
  status?: number
  body: unknown | ((url: string, init: RequestInit) => unknown)
}

/**
 * A fetch stand-in answering from a route table (the first route that matches, JSON bodies;
 * status ≥ 400 as problem+json). Unmatched requests answer 404 and are listed in `unmatched`.
 */
export function mockFetch(routes: MockRoute[]) {
  const unmatched: string[] = []
  const calls: Array<{ method: string; url: string; body: unknown }> = []
  const fetch = async (input: string, init: RequestInit = {}) => {
    const method = (init.method ?? 'GET').toUpperCase()
    const url = String(input)
    calls.push({ method, url, body: init.body ? JSON.parse(String(init.body)) : undefined })
    const route = routes.find((r) => (r.method ?? 'GET') === method && r.url.test(url))
    if (!route) {
      unmatched.push(`${method} ${url}`)
      return new Response(JSON.stringify({ status: 404, detail: 'not mocked' }), {
        status: 404,
        headers: { 'Content-Type': 'application/problem+json' },
      })
    }
    const body = typeof route.body === 'function' ? (route.body as (u: string, i: RequestInit) => unknown)(url, init) : route.body
    const status = route.status ?? 200
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
    })
  }
  return { fetch, calls, unmatched }
}
