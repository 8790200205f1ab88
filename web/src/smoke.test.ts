// Optional smoke test against a running server (skipped unless VITE_SMOKE_API is set):
//   VITE_SMOKE_API=http://127.0.0.1:8099 VITE_SMOKE_OFFICER=PASSWORD VITE_SMOKE_COORDINATOR=PASSWORD \
//     npx vitest run src/smoke.test.ts
// It signs in as the demo accounts and mounts the dashboards on the real demo data, with fetch
// forwarded to the server (cookies kept by hand, as a browser would).
import { flushPromises, mount } from '@vue/test-utils'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { login } from './session'
import { testI18n } from './test-utils'
import ClusterDashboard from './views/ClusterDashboard.vue'
import ProgrammeDashboard from './views/ProgrammeDashboard.vue'
import RecordsView from './views/RecordsView.vue'

const base = import.meta.env.VITE_SMOKE_API as string | undefined
let cookie = ''
const realFetch = globalThis.fetch

function forward() {
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const headers = { ...(init.headers as Record<string, string>), ...(cookie ? { Cookie: cookie } : {}) }
    const response = await realFetch(base + url, { ...init, headers })
    const set = response.headers.get('set-cookie')
    if (set) cookie = set.split(';')[0] ?? ''
    return response
  })
}

async function settle() {
  for (let i = 0; i < 20; i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

function router() {
  const empty = { render: () => null }
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/cluster', name: 'cluster', component: empty },
      { path: '/records/:entity', name: 'records', component: empty },
      { path: '/', component: empty },
    ],
  })
}

describe.skipIf(!base)('against a running server', () => {
  afterAll(() => vi.unstubAllGlobals())

  it('shows the programme dashboard to the officer', async () => {
    forward()
    await login('demo-officer', import.meta.env.VITE_SMOKE_OFFICER as string)
    const wrapper = mount(ProgrammeDashboard, { global: { plugins: [testI18n('ja'), router()] } })
    await settle()
    const text = wrapper.text()
    console.log(text.slice(0, 1500))
    expect(wrapper.findAll('.block h3').map((h) => h.text())[0]).toBe('北海道')
    expect(text).toContain('本格実施')
    expect(text).toContain('本格移行')
    expect(wrapper.findAll('details.table-view tbody tr').length).toBeGreaterThan(1)
    console.log(wrapper.find('details.table-view').text())
  }, 30_000)

  it('shows a cluster HQ dashboard to the coordinator', async () => {
    cookie = ''
    forward()
    const user = await login('demo-coordinator', import.meta.env.VITE_SMOKE_COORDINATOR as string)
    const r = router()
    await r.push('/cluster')
    const wrapper = mount(ClusterDashboard, { global: { plugins: [testI18n('en'), r] } })
    await settle()
    console.log(user.hq_clusters, wrapper.text().slice(0, 1500))
    expect(wrapper.findAll('.searchable tbody tr').length).toBeGreaterThan(0)
    await wrapper.find('#search-seeds').setValue('リアルタイム')
    await new Promise((resolve) => setTimeout(resolve, 400))
    await settle()
    console.log('search:', wrapper.find('.searchable').text().slice(0, 600))
  }, 30_000)

  it('lists grants generically with labels from the OpenAPI document', async () => {
    cookie = ''
    forward()
    await login('demo-officer', import.meta.env.VITE_SMOKE_OFFICER as string)
    const wrapper = mount(RecordsView, { props: { entity: 'grants' }, global: { plugins: [testI18n('ja'), router()] } })
    await settle()
    console.log(wrapper.text().slice(0, 800))
    expect(wrapper.find('thead').text()).toContain('金額')
  }, 30_000)
})
