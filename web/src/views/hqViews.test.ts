import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { forgetClusters } from '../composables/useCluster'
import { forgetSession, login } from '../session'
import { mockFetch, testI18n, type MockRoute } from '../test-utils'
import ClusterDashboard from './ClusterDashboard.vue'
import ClusterForums from './ClusterForums.vue'
import ClusterFunnel from './ClusterFunnel.vue'
import ClusterIp from './ClusterIp.vue'
import ClusterLedger from './ClusterLedger.vue'
import ClusterMatches from './ClusterMatches.vue'
import MyRecords from './MyRecords.vue'
import ProjectSummary from './ProjectSummary.vue'

const BASE: MockRoute[] = [
  {
    method: 'POST',
    url: /\/api\/v1\/session$/,
    body: {
      csrf_token: 'csrf',
      expires_at: '2030-01-01T00:00:00Z',
      user: { id: 7, login: 'demo-coordinator', roles: ['coordinator'], person_id: 70, organization_id: null, hq_clusters: [2] },
    },
  },
  {
    url: /\/api\/v1\/clusters\?/,
    body: {
      items: [
        { id: 1, program_id: 1, name_ja: '札幌', name_en: 'Sapporo', field: 'it', status: 'full', started_on: '2002-07-01', ended_on: null },
        { id: 2, program_id: 1, name_ja: '仙台', name_en: 'Sendai', field: 'it', status: 'trial', started_on: '2002-07-01', ended_on: null },
      ],
      total: 2,
      limit: 1000,
      offset: 0,
    },
  },
  {
    url: /\/api\/v1\/programs\?/,
    body: { items: [{ id: 1, name_ja: '知的クラスター創成事業', name_en: null, start_fy: 2002, end_fy: 2006 }], total: 1, limit: 1000, offset: 0 },
  },
]

const empty = { render: () => null }
let mounted: { unmount: () => void } | null = null

async function mountView(component: object, routes: MockRoute[], options: { path?: string; props?: Record<string, unknown>; locale?: 'ja' | 'en' } = {}) {
  const mock = mockFetch([...routes, ...BASE])
  vi.stubGlobal('fetch', vi.fn(mock.fetch))
  await login('demo-coordinator', 'x')
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/projects/:id', name: 'project', component: empty },
      ...['cluster', 'cluster-search', 'cluster-matches', 'cluster-funnel', 'cluster-projects', 'cluster-ip', 'cluster-forums', 'cluster-ledger', 'me-projects'].map(
        (name) => ({ path: `/${name.replace('-', '/')}`, name, component: empty }),
      ),
      { path: '/:pathMatch(.*)*', name: 'any', component: empty },
    ],
  })
  await router.push(options.path ?? '/cluster')
  const wrapper = mount(component, {
    props: options.props ?? {},
    global: { plugins: [testI18n(options.locale ?? 'en'), router], stubs: { ChartPanel: true } },
    attachTo: document.body,
  })
  mounted = wrapper
  await flushPromises()
  await flushPromises()
  return { wrapper, mock, router }
}

beforeEach(() => forgetClusters())
afterEach(() => {
  mounted?.unmount()
  mounted = null
  vi.unstubAllGlobals()
  vi.useRealTimers()
  forgetSession()
  document.body.innerHTML = ''
})

describe('ClusterDashboard', () => {
  it("asks for the user's own HQ cluster and the last fiscal year and grades each KPI in words", async () => {
    const { wrapper, mock } = await mountView(ClusterDashboard, [
      {
        url: /\/clusters\/2\/kpis\?fy=2006$/,
        body: {
          cluster_id: 2,
          fiscal_year: 2006,
          kpis: [
            { code: 'papers', name_ja: '論文数', name_en: 'Papers', unit: 'papers', unit_ja: '件', target: 10, actual: 12, cumulative_target: 50, cumulative_actual: 60, achievement: 1.2 },
            { code: 'ventures', name_ja: 'ベンチャー創出数', name_en: 'Ventures', unit: 'companies', unit_ja: '社', target: 2, actual: 0, cumulative_target: 5, cumulative_actual: 1, achievement: 0.2 },
          ],
          history: [{ fiscal_year: 2006, values: [] }],
        },
      },
    ])
    expect(mock.unmatched).toEqual([])
    const rows = wrapper.findAll('table.kpis tbody tr')
    expect(rows).toHaveLength(2)
    expect(rows[0]?.text()).toContain('Papers')
    expect(rows[0]?.find('.achieved').text()).toBe('Met 120%')
    expect(rows[1]?.find('.achieved').text()).toBe('Behind 20%')
    expect((wrapper.find('#fy-picker').element as HTMLSelectElement).value).toBe('2006')
  })

  it('shows the server error with a retry', async () => {
    const { wrapper } = await mountView(ClusterDashboard, [
      { url: /\/kpis/, status: 403, body: { status: 403, detail: 'no' } },
    ])
    expect(wrapper.find('[role="alert"]').text()).toBe('You are not allowed to do this.Retry')
  })
})

describe('ClusterMatches', () => {
  const routes = (): MockRoute[] => [
    { url: /\/api\/v1\/needs\?cluster_id=2/, body: { items: [{ id: 10, title: '軽量な筐体', title_en: 'A light case', cluster_id: 2 }], total: 1, limit: 1000, offset: 0 } },
    {
      url: /\/api\/v1\/matches\?status=suggested/,
      body: {
        items: [
          { id: 100, seed_id: 5, need_id: 10, score: 3.5, explanation: '', status: 'suggested', coordinator_id: null, decline_reason: '', suggested_on: null },
          { id: 101, seed_id: 6, need_id: 99, score: 9, explanation: '', status: 'suggested', coordinator_id: null, decline_reason: '', suggested_on: null },
        ],
        total: 2,
        limit: 1000,
        offset: 0,
      },
    },
    { url: /\/api\/v1\/seeds\/5$/, body: { id: 5, title: 'マグネシウム合金', title_en: 'Magnesium alloy' } },
    {
      url: /\/matches\/100\/explanation$/,
      body: { match_id: 100, seed_id: 5, need_id: 10, seed_title: '', need_title: '', status: 'suggested', score: 3.5, source: 'stored', note: '', terms: [{ term: 'mg', surface: 'マグネシウム', weight: 2 }, { term: 'light', surface: '軽量', weight: 1 }] },
    },
    { method: 'POST', url: /\/matches\/100\/accept$/, body: { id: 100, seed_id: 5, need_id: 10, score: 3.5, status: 'contacted', decline_reason: '' } },
    { method: 'POST', url: /\/matches\/100\/decline$/, body: (_url: string, init: RequestInit) => ({ id: 100, seed_id: 5, need_id: 10, score: 3.5, status: 'declined', decline_reason: JSON.parse(String(init.body)).reason }) },
  ]

  it("lists only the cluster's needs' matches with both titles", async () => {
    const { wrapper } = await mountView(ClusterMatches, routes())
    const cards = wrapper.findAll('li.match')
    expect(cards).toHaveLength(1)
    expect(cards[0]?.text()).toContain('A light case')
    expect(cards[0]?.text()).toContain('Magnesium alloy')
    expect(cards[0]?.find('[data-status]').text()).toBe('Suggested')
  })

  it('explains a match by its terms, largest first', async () => {
    const { wrapper } = await mountView(ClusterMatches, routes())
    await wrapper.find('li.match button[aria-expanded]').trigger('click')
    await flushPromises()
    const terms = wrapper.findAll('.terms tbody th').map((th) => th.text())
    expect(terms).toEqual(['マグネシウム', '軽量'])
    expect(wrapper.find('li.match button[aria-expanded]').attributes('aria-expanded')).toBe('true')
  })

  it('accepts a match and shows its new status', async () => {
    const { wrapper, mock } = await mountView(ClusterMatches, routes())
    await wrapper.find('[data-action="accept"]').trigger('click')
    await flushPromises()
    expect(mock.calls.some((c) => c.method === 'POST' && c.url.endsWith('/matches/100/accept'))).toBe(true)
    expect(wrapper.find('li.match [data-status]').text()).toBe('Contacted')
    expect(wrapper.find('[data-action="accept"]').exists()).toBe(false)
    expect(document.activeElement?.textContent?.trim()).toBe('Why?')
  })

  it('refuses to decline without a reason, then declines with one', async () => {
    const { wrapper, mock } = await mountView(ClusterMatches, routes())
    const decline = wrapper.findAll('li.match button').find((b) => b.text() === 'Decline')
    await decline!.trigger('click')
    await flushPromises()
    expect(document.activeElement?.id).toBe('decline-reason-100')
    await wrapper.find('form.decline').trigger('submit')
    await flushPromises()
    expect(wrapper.find('#decline-error-100').text()).toBe('Give a reason for declining.')
    expect(wrapper.find('#decline-reason-100').attributes('aria-invalid')).toBe('true')
    expect(mock.calls.some((c) => c.url.endsWith('/decline'))).toBe(false)
    await wrapper.find('#decline-reason-100').setValue('既に他社と契約')
    await wrapper.find('form.decline').trigger('submit')
    await flushPromises()
    const call = mock.calls.find((c) => c.url.endsWith('/decline'))
    expect(call?.body).toEqual({ reason: '既に他社と契約' })
    expect(wrapper.find('li.match [data-status]').text()).toBe('Declined')
  })

  it('runs matching as a job and shows its progress until it is done', async () => {
    let polls = 0
    const { wrapper, mock } = await mountView(ClusterMatches, [
      ...routes(),
      {
        method: 'POST',
        url: /\/clusters\/2\/match_suggestions$/,
        status: 202,
        body: { job: { id: 9, kind: 'match_suggestions', state: 'queued', progress: 0, result: null, error: null, started_at: null, finished_at: null } },
      },
      {
        url: /\/jobs\/9$/,
        body: () => {
          polls += 1
          return polls < 2
            ? { id: 9, kind: 'match_suggestions', state: 'running', progress: 0.5, result: null, error: null, started_at: null, finished_at: null }
            : { id: 9, kind: 'match_suggestions', state: 'succeeded', progress: 1, result: [{ match_id: 1 }, { match_id: 2 }], error: null, started_at: null, finished_at: null }
        },
      },
    ])
    vi.useFakeTimers()
    await wrapper.find('form.run__form').trigger('submit')
    await flushPromises()
    expect(mock.calls.find((c) => c.method === 'POST' && c.url.includes('match_suggestions'))?.body).toEqual({ top: 5 })
    expect(wrapper.find('progress').exists()).toBe(true)
    await vi.advanceTimersByTimeAsync(450)
    await flushPromises()
    expect(wrapper.find('progress').attributes('value')).toBe('50')
    expect(wrapper.find('.job button').text()).toBe('Cancel')
    await vi.advanceTimersByTimeAsync(450)
    await flushPromises()
    expect(wrapper.text()).toContain('2 suggestions recorded.')
    expect(wrapper.find('.job button').exists()).toBe(false)
  })

  it('checks the number of suggestions before starting', async () => {
    const { wrapper, mock } = await mountView(ClusterMatches, routes())
    await wrapper.find('#match-top').setValue('0')
    await wrapper.find('form.run__form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('#match-top-error').text()).toBe('Enter a whole number from 1 to 50.')
    expect(mock.calls.some((c) => c.url.includes('match_suggestions'))).toBe(false)
  })
})

describe('ClusterIp', () => {
  it('groups deadlines by urgency with words, not colour alone', async () => {
    const deadline = (urgency: string, days: number, id: number) => ({
      application_id: id, application_number: `A-${id}`, office: 'JPO', status: 'filed', invention_id: id, invention_title: `発明${id}`,
      published: true, cluster_id: 2, attorney: '', key: 'exam', label_ja: '審査請求', label_en: 'Examination request',
      due: '2005-01-10', days_left: days, urgency, kind: 'statutory', number: null, grace_until: null,
    })
    const { wrapper } = await mountView(ClusterIp, [
      { url: /\/clusters\/2\/ip_deadlines\?within=90d$/, body: { today: '2005-01-01', within_days: 90, items: [deadline('soon', 50, 1), deadline('overdue', -2, 2)] } },
    ])
    const headings = wrapper.findAll('section.urgency h2').map((h) => h.text())
    expect(headings[0]).toContain('Overdue')
    expect(headings[1]).toContain('Soon (within 90 days)')
    expect(wrapper.text()).toContain('2 days overdue')
    expect(wrapper.text()).toContain('50 days left')
  })
})

describe('ClusterLedger', () => {
  it('shows each year by purpose with the execution rate and the carry-over rule in the language', async () => {
    const { wrapper } = await mountView(
      ClusterLedger,
      [
        {
          url: /\/clusters\/2\/ledger$/,
          body: {
            years: [
              {
                fiscal_year: 2003, granted: 500_000_000, planned: 480_000_000, executed: 400_000_000, execution_rate: 0.833,
                categories: {}, unclassified: 0, carry_over: 'none',
                purposes: [{ purpose: 'research', label_ja: '共同研究', label_en: 'Joint research', planned: 300_000_000, executed: 270_000_000, execution_rate: 0.9 }],
              },
            ],
            carry_over: { rule_ja: '繰越しはできません。', rule_en: 'No carry-over.' },
          },
        },
      ],
      { locale: 'ja' },
    )
    expect(wrapper.find('.rule').text()).toContain('繰越しはできません。')
    const row = wrapper.find('table.data tbody tr')
    expect(row.text()).toContain('共同研究')
    expect(row.text()).toContain('3億円')
    expect(row.text()).toContain('90%')
    expect(wrapper.find('.summary').text()).toContain('5億円')
  })
})

describe('MyRecords', () => {
  it("lists the user's own needs from /me/needs", async () => {
    const { wrapper, mock } = await mountView(MyRecords, [
      { url: /\/api\/v1\/me\/needs$/, body: { items: [{ id: 3, title: '検査装置', title_en: 'Inspection device', field: 'it', confidentiality: 'private', registered_on: '2004-05-01' }] } },
    ], { props: { kind: 'needs' } })
    expect(mock.unmatched).toEqual([])
    expect(wrapper.find('h1').text()).toBe('My needs')
    expect(wrapper.find('tbody').text()).toContain('Inspection device')
  })

  it('says when there is nothing', async () => {
    const { wrapper } = await mountView(MyRecords, [{ url: /\/me\/projects$/, body: { items: [] } }], { props: { kind: 'projects' } })
    expect(wrapper.text()).toContain('You take part in no joint research.')
  })
})

describe('ClusterFunnel', () => {
  it('shows the stages per coordinator for the fiscal year in the address', async () => {
    const stage = (key: string, count: number, conversion: number | null) => ({ stage: key, label_ja: key, label_en: key.toUpperCase(), count, conversion })
    const { wrapper, mock } = await mountView(
      ClusterFunnel,
      [
        {
          url: /\/clusters\/2\/funnel\?fy=2004$/,
          body: {
            cluster_id: 2, cluster: '仙台', fiscal_year: 2004,
            funnel: { stages: [stage('needs', 40, null), stage('matches', 10, 0.25)] },
            coordinators: [{ coordinator_id: 5, coordinator: '山田 太郎', stages: [stage('needs', 20, null), stage('matches', 4, 0.2)] }],
          },
        },
      ],
      { path: '/cluster/funnel?fy=2004' },
    )
    expect(mock.unmatched).toEqual([])
    const row = wrapper.find('table.data tbody tr')
    expect(row.find('th').text()).toBe('山田 太郎')
    expect(row.text()).toContain('(20%)')
    expect(wrapper.findAll('table.data thead th').map((th) => th.text())).toEqual(['Coordinator', 'NEEDS', 'MATCHES'])
  })

  it('says when the year has no activity', async () => {
    const { wrapper } = await mountView(ClusterFunnel, [
      { url: /\/funnel/, body: { cluster_id: 2, cluster: '', fiscal_year: 2006, funnel: { stages: [{ stage: 'needs', label_ja: '', label_en: '', count: 0, conversion: null }] }, coordinators: [] } },
    ])
    expect(wrapper.text()).toContain('No activities recorded in this fiscal year.')
  })
})

describe('ClusterForums', () => {
  it('asks for all years until one is picked, and sums what followed', async () => {
    const forum = (id: number, follow: number) => ({ forum_id: id, title: `フォーラム${id}`, kind: 'seminar', held_on: '2004-06-01', attendees: 80, presentations: 3, consultations: null, follow_ups: follow, matches: 2, projects: 1 })
    const { wrapper, mock, router } = await mountView(ClusterForums, [
      { url: /\/clusters\/2\/forums$/, body: { items: [forum(1, 3), forum(2, 4)] } },
      { url: /\/clusters\/2\/forums\?fy=2004$/, body: { items: [forum(1, 3)] } },
    ])
    expect(wrapper.find('.totals').text()).toBe('2 forums → 7 follow-ups → 4 matches → 2 joint research projects')
    expect(wrapper.find('tbody tr').text()).toContain('Seminar')
    await wrapper.find('#forum-fy').setValue('2004')
    await flushPromises()
    await flushPromises()
    expect(router.currentRoute.value.query.fy).toBe('2004')
    expect(mock.calls.some((c) => c.url.endsWith('/forums?fy=2004'))).toBe(true)
    expect(wrapper.findAll('tbody tr')).toHaveLength(1)
  })
})

describe('ProjectSummary', () => {
  it('shows partners inside and outside the region and plan vs spent per year', async () => {
    const { wrapper } = await mountView(
      ProjectSummary,
      [
        {
          url: /\/projects\/12\/summary$/,
          body: {
            id: 12, title: '光センサーの共同研究', stage: 'active', lead_organization: '静岡大学', leader: '鈴木 一郎', origin: '',
            budget: 30_000_000, participation_fees: null, planned_total: 30_000_000,
            grant_by_fiscal_year: [{ fiscal_year: 2004, planned: 10_000_000, company_fees: null, from_grant: 8_000_000, execution_rate: 0.8 }],
            partners: [{ organization_id: 1, name: '浜松ホトニクス', role: 'partner', company: true, sme: false, inside_region: true }, { organization_id: 2, name: '小さな会社', role: 'partner', company: true, sme: true, inside_region: false }],
            milestones: [{ id: 1, title: '試作', due_on: '2004-12-01', done_on: null, gate_decision: '' }],
            outputs: { inventions: 2, applications: 1, licences: 0, outcomes: 0 },
          },
        },
      ],
      { props: { id: '12' }, path: '/projects/12' },
    )
    expect(wrapper.find('h1').text()).toBe('光センサーの共同研究')
    const partners = wrapper.findAll('section[aria-labelledby="partners-heading"] tbody tr').map((tr) => tr.text())
    expect(partners[0]).toContain('Inside the region')
    expect(partners[1]).toContain('SME')
    expect(partners[1]).toContain('Outside the region')
    const money = wrapper.find('section[aria-labelledby="money-heading"] tbody tr').text()
    expect(money).toContain('¥10M')
    expect(money).toContain('¥8M')
    expect(money).toContain('80%')
    expect(wrapper.text()).toContain("The cluster's own research theme")
  })
})
