import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { getCsrfToken } from '../api/client'
import { forgetSession } from '../session'
import { testI18n } from '../test-utils'
import LoginView from './LoginView.vue'

function makeRouter() {
  const empty = { render: () => null }
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: LoginView },
      { path: '/programme', name: 'programme', component: empty },
      { path: '/cluster', name: 'cluster', component: empty },
      { path: '/records/:entity', name: 'records', component: empty },
    ],
  })
}

async function mountLogin(locale: 'ja' | 'en' = 'en', path = '/login') {
  const router = makeRouter()
  await router.push(path)
  const wrapper = mount(LoginView, { global: { plugins: [testI18n(locale), router] }, attachTo: document.body })
  return { wrapper, router }
}

afterEach(() => {
  vi.unstubAllGlobals()
  forgetSession()
  document.body.innerHTML = ''
})

describe('LoginView', () => {
  it('labels both fields and focuses the login first', async () => {
    const { wrapper } = await mountLogin('ja')
    expect(wrapper.find('label[for="login-name"]').text()).toBe('ログインID')
    expect(wrapper.find('label[for="login-password"]').text()).toBe('パスワード')
    expect(wrapper.find('#login-password').attributes('autocomplete')).toBe('current-password')
    expect(document.activeElement?.id).toBe('login-name')
  })

  it('names the missing fields without calling the server', async () => {
    const fetch = vi.fn()
    vi.stubGlobal('fetch', fetch)
    const { wrapper } = await mountLogin()
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(fetch).not.toHaveBeenCalled()
    expect(wrapper.find('#login-name-error').text()).toBe('Login ID is required.')
    expect(wrapper.find('#login-name').attributes('aria-invalid')).toBe('true')
    expect(wrapper.find('#login-name').attributes('aria-describedby')).toBe('login-name-error')
    expect(document.activeElement?.id).toBe('login-name')
  })

  it('says a refused login plainly and clears the password', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        new Response(JSON.stringify({ status: 401, detail: 'wrong login or password', errors: [] }), {
          status: 401,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
      ),
    )
    const { wrapper } = await mountLogin()
    await wrapper.find('#login-name').setValue('demo-officer')
    await wrapper.find('#login-password').setValue('wrong')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[role="alert"]').text()).toBe('The login or password is not correct.')
    expect((wrapper.find('#login-password').element as HTMLInputElement).value).toBe('')
  })

  it('signs in, keeps the CSRF token and goes where the user was going', async () => {
    const fetch = vi.fn(async () =>
      new Response(
        JSON.stringify({
          csrf_token: 'csrf-xyz',
          expires_at: '2030-01-01T00:00:00Z',
          user: { id: 1, login: 'demo-officer', roles: ['program_officer'], person_id: null, organization_id: null, hq_clusters: [] },
        }),
        { status: 200, headers: { 'Content-Type': 'application/json' } },
      ),
    )
    vi.stubGlobal('fetch', fetch)
    const { wrapper, router } = await mountLogin('en', '/login?redirect=/records/grants')
    await wrapper.find('#login-name').setValue(' demo-officer ')
    await wrapper.find('#login-password').setValue('secret')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/v1/session')
    expect(JSON.parse(init.body as string)).toEqual({ login: 'demo-officer', password: 'secret' })
    expect(getCsrfToken()).toBe('csrf-xyz')
    expect(router.currentRoute.value.fullPath).toBe('/records/grants')
  })
})
