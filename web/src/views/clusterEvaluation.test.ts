import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { ClusterEvaluation, EvaluationGrade, EvaluationItem } from '../api/programme'
import { fakeApi, problem, sentBodies } from '../test-api'
import { testI18n } from '../test-utils'
import type { NetworkNodeMetrics, NetworkReport } from './network'
import ClusterEvaluationsView from './ClusterEvaluationsView.vue'
import PromotionView from './PromotionView.vue'
import {
  checkGradeForm,
  evaluationBrokers,
  evaluationNetworkLinks,
  evaluationNetworkQuery,
  GRADE_COLOURS,
  gradeDistribution,
  gradeForm,
  gradesBody,
  growthChange,
  growthUpTo,
  networkEvidence,
  promotionRequest,
  resultColumns,
  sectorPair,
  resultRows,
  toGrade,
} from './clusterEvaluation'

const items: EvaluationItem[] = [
  { code: 'overall', name_ja: '総合評価', name_en: 'Overall assessment' },
  { code: 'vision_targets', name_ja: '地域構想と目標・進捗', name_en: 'Regional vision' },
  { code: 'structure', name_ja: '推進体制', name_en: 'Promotion structure' },
]
const evaluation = (id: number, overall: string | null, fy = 2004): ClusterEvaluation => ({
  id,
  cluster_id: 10 + id,
  kind: 'mid_term',
  fiscal_year: fy,
  stage: overall ? 'graded' : 'committee_review',
  overall_grade: overall,
  summary: overall ? '概ね順調' : null,
})
const grade = (evaluationId: number, item: string, value: string): EvaluationGrade => ({
  id: evaluationId * 10 + item.length,
  cluster_evaluation_id: evaluationId,
  item,
  grade: value,
  comment: null,
})
const page = (list: unknown[]) => ({ items: list, total: list.length, limit: 1000, offset: 0 })

const broker = (key: string, label: string, category: string, betweenness: number): NetworkNodeMetrics => ({
  key,
  label,
  kind: 'organization',
  category,
  region: 'inside',
  degree: 3,
  strength: 3,
  betweenness,
  community: 0,
  constraint: 0.4,
  effective_size: 2,
  open_pairs: 1,
  roles: { coordinator: 0, itinerant: 0, gatekeeper_representative: 0, liaison: 0 },
})
const year = (fy: number, nodes: number, edges: number, uc: number) => ({
  fiscal_year: fy,
  nodes,
  edges,
  components: 1,
  density: edges / ((nodes * (nodes - 1)) / 2),
  average_clustering: 0.3,
  largest_component_share: 1,
  modularity: 0.2,
  inside_share: 0.9,
  university_company_ties: uc,
})

/** A network as GET /clusters/{id}/network answers it (organisations, max_nodes=1). */
function networkReport(overrides: Partial<NetworkReport> = {}): NetworkReport {
  return {
    cluster_id: 12,
    cluster_name_ja: '関西文化学術',
    cluster_name_en: 'Kansai',
    fiscal_year: 2004,
    mode: 'organizations',
    min_weight: 1,
    summary: {
      nodes: 35,
      edges: 75,
      total_weight: 123,
      density: 0.126,
      mean_degree: 4.29,
      components: 2,
      component_sizes: [33, 2],
      isolated: 0,
      largest_component_share: 33 / 35,
      average_clustering: 0.412,
      transitivity: 0.3,
      triangles: 40,
      modularity: 0.381,
      communities: 4,
    },
    ties: {
      inside_region: 66,
      crossing_region: 8,
      outside_region: 1,
      inside_share: 0.88,
      university_company: 30,
      university_company_share: 0.4,
      by_region: [],
      by_category: [
        { a: 'company', b: 'company', ties: 29, weight: 29 },
        { a: 'company', b: 'public', ties: 16, weight: 35 },
        { a: 'company', b: 'university', ties: 30, weight: 59 },
      ],
    },
    top_brokers: [
      broker('organization:2', '北海道立工業試験場', 'public', 0.2),
      broker('organization:1', '北海道大学', 'university', 0.41),
      broker('organization:9', '株式会社誠和デザイン', 'company', 0),
    ],
    coordinators: [],
    communities: [],
    growth: [year(2004, 35, 75, 30), year(2002, 28, 58, 20), year(2003, 31, 69, 25)],
    method: '',
    graph: { nodes: [], ties: [], total_nodes: 35, total_ties: 75, shown_nodes: 1, shown_ties: 0, max_nodes: 1, capped: true, note: '' },
    ...overrides,
  }
}

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('cluster evaluation logic', () => {
  it('reads grades in either case and gives each a colour with enough contrast', () => {
    expect(toGrade('s')).toBe('S')
    expect(toGrade(' B ')).toBe('B')
    expect(toGrade('x')).toBeNull()
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = parseInt(hex.slice(i, i + 2), 16) / 255
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
      })
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
    }
    for (const { bg, fg } of Object.values(GRADE_COLOURS)) {
      const [a, b] = [luminance(bg), luminance(fg)].sort((x, y) => y - x)
      expect((a! + 0.05) / (b! + 0.05)).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('fills the form from earlier grades, checks it and builds the body', () => {
    const form = gradeForm(items, evaluation(1, 'a'), [grade(1, 'structure', 'b'), grade(2, 'structure', 'c')])
    expect(form).toEqual({
      grades: { overall: '', vision_targets: '', structure: 'B' },
      comments: { overall: '', vision_targets: '', structure: '' },
      overall: 'A',
      comment: '概ね順調',
    })
    expect(checkGradeForm(items, form)).toEqual({ 'grades.vision_targets': 'clusterEval.errors.grade' })
    form.grades.vision_targets = 'S'
    form.comments.structure = ' 体制を強化 '
    expect(checkGradeForm(items, form)).toEqual({})
    expect(gradesBody(items, form)).toEqual({
      grades: { overall: 'A', vision_targets: 'S', structure: 'B' },
      comments: { structure: '体制を強化' },
      overall: 'A',
      comment: '概ね順調',
    })
  })

  it('lays out the results newest first and counts the overall grades', () => {
    const recorded = [grade(1, 'structure', 's'), grade(1, '地域構想と目標・進捗', 'b'), grade(1, '総合評価', 'a'), grade(1, '事業化', 'c')]
    expect(resultColumns(items, recorded).map((c) => c.key)).toEqual(['vision_targets', 'structure', '事業化'])
    const rows = resultRows([evaluation(1, 'a', 2003), evaluation(2, null, 2005)], recorded, items)
    expect(rows.map((r) => r.evaluation.id)).toEqual([2, 1])
    expect(rows[1]!.grades).toEqual({ vision_targets: 'B', structure: 'S', 事業化: 'C' })
    expect(gradeDistribution(rows)).toEqual({ S: 0, A: 1, B: 0, C: 0 })
  })

  it("asks for the organisations' network at the evaluation's fiscal year and links to the full page", () => {
    expect(evaluationNetworkQuery(2004)).toEqual({ mode: 'organizations', fy: '2004', max_nodes: '1' })
    expect(evaluationNetworkLinks(12, 2004)).toEqual({
      page: { name: 'cluster-network', query: { cluster: '12', fy: '2004' } },
      graphml: '/api/v1/clusters/12/network/export?mode=organizations&fy=2004&format=graphml',
    })
  })

  it('reads the growth up to the evaluated year and the change since the first year', () => {
    const growth = [...networkReport().growth, year(2005, 40, 90, 33)]
    expect(growthUpTo(growth, 2004).map((y) => y.fiscal_year)).toEqual([2002, 2003, 2004])
    expect(growthChange(growth, 2004)).toEqual({ from: 2002, to: 2004, nodes: [28, 35], ties: [58, 75], universityCompany: [20, 30] })
    expect(growthChange(growth, 2002)).toBeNull()
    expect(growthChange([], 2004)).toBeNull()
  })

  it('lists the evidence a committee reads and the brokers by betweenness', () => {
    const int = (n: number) => String(n)
    const cards = networkEvidence(networkReport(), int)
    expect(Object.fromEntries(cards.map((c) => [c.id, c.value]))).toEqual({
      organisations: '35',
      ties: '75',
      density: '0.126',
      components: '2',
      largest: '94.3%',
      clustering: '0.412',
      communities: '4',
      modularity: '0.381',
      crossSector: '61.3%',
      universityCompany: '40.0% (30)',
    })
    expect(cards.every((c) => c.label === `clusterEval.network.metrics.${c.id}`)).toBe(true)
    const bare = networkReport({
      ties: { inside_region: 0, crossing_region: 0, outside_region: 0, inside_share: null, university_company: 0, university_company_share: null },
    })
    const values = Object.fromEntries(networkEvidence(bare, int).map((c) => [c.id, c.value]))
    expect([values.crossSector, values.universityCompany]).toEqual(['—', '—'])
    expect(evaluationBrokers(networkReport()).map((b) => b.label)).toEqual(['北海道大学', '北海道立工業試験場'])
    expect(evaluationBrokers(networkReport(), 1).map((b) => b.label)).toEqual(['北海道大学'])
  })

  it('names sector pairs university first, then company, public body, other', () => {
    expect(sectorPair('company', 'university')).toEqual(['university', 'company'])
    expect(sectorPair('public', 'company')).toEqual(['company', 'public'])
    expect(sectorPair('zoo', 'other')).toEqual(['other', 'zoo'])
    expect(sectorPair('b-unknown', 'a-unknown')).toEqual(['a-unknown', 'b-unknown'])
  })

  it('checks a promotion', () => {
    expect(promotionRequest({ decidedOn: '', effectiveFy: '20', fundingSource: '' }).errors).toEqual({
      decided_on: 'promotion.errors.decidedOn',
      effective_fy: 'promotion.errors.effectiveFy',
    })
    expect(promotionRequest({ decidedOn: '2004-12-01', effectiveFy: '2005', fundingSource: '補正予算' }).request).toEqual({
      decided_on: '2004-12-01',
      effective_fy: 2005,
      funding_source: '補正予算',
    })
  })
})

const empty = { render: () => null }

/** The page with a router that knows the network page (the panel links to it). */
async function mountEvaluations(locale: 'ja' | 'en' = 'ja') {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/office/cluster-evaluations', name: 'cluster-evaluations', component: empty },
      { path: '/cluster/network', name: 'cluster-network', component: empty },
    ],
  })
  await router.push('/office/cluster-evaluations')
  const wrapper = mount(ClusterEvaluationsView, {
    global: {
      plugins: [testI18n(locale), router],
      stubs: { ChartPanel: { props: ['label'], template: '<figure role="img" :aria-label="label"><slot /></figure>' } },
    },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

const CLUSTERS = page([
  { id: 11, program_id: 1, name_ja: '札幌IT', name_en: 'Sapporo IT', field: 'it', status: 'full', started_on: null, ended_on: null },
  { id: 12, program_id: 1, name_ja: '関西文化学術', name_en: null, field: 'it', status: 'full', started_on: null, ended_on: null },
])

describe('ClusterEvaluationsView', () => {
  it('shows grades as letters with colour and saves a complete grade form', async () => {
    let saved = false
    const fetch = fakeApi({
      'GET /api/v1/cluster_evaluation_items': { items },
      'GET /api/v1/cluster_evaluations': () => page([evaluation(1, 'a'), evaluation(2, saved ? 's' : null)]),
      'GET /api/v1/evaluation_grades': page([grade(1, 'vision_targets', 'a'), grade(1, 'structure', 'c')]),
      'GET /api/v1/clusters': CLUSTERS,
      'GET /api/v1/clusters/12/network': networkReport(),
      'PUT /api/v1/cluster_evaluations/2/grades': (body: unknown) => {
        const grades = (body as { grades: Record<string, string> }).grades
        if (grades.structure === 'C') return problem(400, 'invalid grades', [{ path: 'grades.structure', expected: 'S, A, B or C', got: 'C?' }])
        saved = true
        return evaluation(2, 's')
      },
    })
    const wrapper = await mountEvaluations()
    const row = wrapper.get('tr[data-evaluation="1"]')
    const cells = row.findAll('[data-grade]')
    expect(cells.map((c) => c.attributes('data-grade'))).toEqual(['A', 'C', 'A'])
    expect(cells[1]!.text()).toContain('C')
    expect(cells[1]!.attributes('style')).toContain('background')
    expect(row.get('th').text()).toBe('札幌IT')

    expect(wrapper.findAll('tr[data-evaluation="1"] button').map((b) => b.text())).toEqual(['連携ネットワーク'])
    expect(wrapper.get('tr[data-evaluation="1"]').text()).toContain('確定済')
    await wrapper.get('tr[data-evaluation="2"] button').trigger('click')
    expect(wrapper.get('#grade-form-heading').text()).toBe('関西文化学術 中間評価(2004年度)')
    await flushPromises()
    expect(wrapper.get('.evaluation-network [data-metric="organisations"] dd').text()).toBe('35')
    await wrapper.get('.grade-form .confirm > button').trigger('click')
    await wrapper.get('[data-confirm]').trigger('click')
    await flushPromises()
    expect(sentBodies(fetch, 'PUT', '/api/v1/cluster_evaluations/2/grades')).toEqual([])
    expect(wrapper.get('#grade-vision_targets-error').text()).toBe('S・A・B・C のいずれかを選んでください。')

    await wrapper.get('#grade-vision_targets').setValue('S')
    await wrapper.get('#grade-structure').setValue('C')
    await wrapper.get('#grade-overall').setValue('S')
    await wrapper.get('.grade-form .confirm > button').trigger('click')
    await wrapper.get('[data-confirm]').trigger('click')
    await flushPromises()
    expect(wrapper.get('#grade-structure-error').text()).toBe('S, A, B or C (C?)')

    await wrapper.get('#grade-structure').setValue('A')
    await wrapper.get('.grade-form .confirm > button').trigger('click')
    await wrapper.get('[data-confirm]').trigger('click')
    await flushPromises()
    expect(wrapper.find('#grade-overall-error').exists()).toBe(false)
    expect(wrapper.findAll('[data-item]').map((item) => item.attributes('data-item'))).toEqual(['vision_targets', 'structure'])
    expect(sentBodies(fetch, 'PUT', '/api/v1/cluster_evaluations/2/grades').at(-1)).toEqual({
      grades: { overall: 'S', vision_targets: 'S', structure: 'A' },
      overall: 'S',
    })
    expect(wrapper.text()).toContain('評定を保存しました。')
    expect(wrapper.get('tr[data-evaluation="2"]').findAll('[data-grade]').at(-1)!.attributes('data-grade')).toBe('S')
  })
})

describe('ClusterEvaluationsView: the network as evidence', () => {
  it("shows a graded evaluation's network at its fiscal year, with the growth, brokers and links", async () => {
    const fetch = fakeApi({
      'GET /api/v1/cluster_evaluation_items': { items },
      'GET /api/v1/cluster_evaluations': page([evaluation(1, 'a')]),
      'GET /api/v1/evaluation_grades': page([]),
      'GET /api/v1/clusters': CLUSTERS,
      'GET /api/v1/clusters/11/network': networkReport({ cluster_id: 11 }),
    })
    const wrapper = await mountEvaluations('ja')
    await wrapper.get('tr[data-evaluation="1"] .network-button').trigger('click')
    await flushPromises()
    const asked = fetch.mock.calls.map(([url]) => String(url)).filter((url) => url.includes('/network'))
    expect(asked).toEqual(['/api/v1/clusters/11/network?mode=organizations&fy=2004&max_nodes=1'])
    expect(wrapper.find('.grade-form form').exists()).toBe(false)
    expect(wrapper.get('.grade-form').text()).toContain('評定は確定済みです')
    const panel = wrapper.get('.evaluation-network')
    expect(panel.get('h3').text()).toBe('連携ネットワーク（評価年度時点）')
    expect(panel.get('[data-metric="organisations"] dd').text()).toBe('35')
    expect(panel.get('[data-metric="crossSector"] dd').text()).toBe('61.3%')
    expect(panel.get('[data-growth-change]').text()).toBe(
      '2002年度から2004年度までに、参加機関は 28 → 35、結びつきは 58 → 75 本、うち大学–企業の結びつきは 20 → 30 本になりました。',
    )
    expect(panel.findAll('[data-broker]').map((li) => li.find('.name').text())).toEqual(['北海道大学', '北海道立工業試験場'])
    expect(panel.findAll('.growth tbody th').map((th) => th.text())).toEqual(['2002年度', '2003年度', '2004年度'])
    expect(panel.get('figure[role="img"]').attributes('aria-label')).toContain('年度別')
    expect(panel.findAll('.sectors tbody th').map((th) => th.text())).toEqual(['大学–企業', '企業どうし', '企業–公的機関'])
    expect(panel.get('[data-network-page]').attributes('href')).toBe('/cluster/network?cluster=11&fy=2004')
    expect(panel.get('[data-network-graphml]').attributes('href')).toBe(
      '/api/v1/clusters/11/network/export?mode=organizations&fy=2004&format=graphml',
    )
  })

  it('says so when nothing was recorded by that year, and a failing network leaves the grade form usable', async () => {
    let failNetwork = false
    const emptySummary = { ...networkReport().summary, nodes: 0, edges: 0, components: 0, communities: 0 }
    fakeApi({
      'GET /api/v1/cluster_evaluation_items': { items },
      'GET /api/v1/cluster_evaluations': page([evaluation(1, 'a', 2002), evaluation(2, null)]),
      'GET /api/v1/evaluation_grades': page([]),
      'GET /api/v1/clusters': CLUSTERS,
      'GET /api/v1/clusters/11/network': networkReport({ summary: emptySummary, growth: [], top_brokers: [] }),
      'GET /api/v1/clusters/12/network': () => (failNetwork ? problem(500, 'network failed') : networkReport()),
    })
    const wrapper = await mountEvaluations('en')
    await wrapper.get('tr[data-evaluation="1"] .network-button').trigger('click')
    await flushPromises()
    const panel = wrapper.get('.evaluation-network')
    expect(panel.text()).toContain('No collaboration between this cluster\'s organisations was recorded up to the end of FY2002')
    expect(panel.find('[data-metric]').exists()).toBe(false)
    expect(panel.find('[data-network-graphml]').exists()).toBe(false)
    expect(panel.find('[data-network-page]').exists()).toBe(true)

    failNetwork = true
    await wrapper.get('tr[data-evaluation="2"] button').trigger('click')
    await flushPromises()
    expect(wrapper.get('.evaluation-network [role="alert"]').text()).toContain('network failed')
    expect(wrapper.findAll('.grade-form select').length).toBe(3)
    expect(wrapper.find('.grade-form > [role="alert"]').exists()).toBe(false)
    failNetwork = false
    await wrapper.get('.evaluation-network [role="alert"] button').trigger('click')
    await flushPromises()
    expect(wrapper.get('.evaluation-network [data-metric="ties"] dd').text()).toBe('75')
  })
})

describe('PromotionView', () => {
  it('promotes a trial cluster after confirmation', async () => {
    const fetch = fakeApi({
      'GET /api/v1/clusters': page([
        { id: 11, program_id: 1, name_ja: '浜松オプトロニクス', name_en: 'Hamamatsu', field: 'it', status: 'trial', started_on: null, ended_on: null },
      ]),
      'GET /api/v1/promotions': page([]),
      'POST /api/v1/clusters/11/promotion': { promotion_id: 3 },
    })
    const wrapper = mount(PromotionView, { global: { plugins: [testI18n('en')] }, attachTo: document.body })
    await flushPromises()
    await wrapper.get('[data-cluster="11"] button').trigger('click')
    await wrapper.get('#promo-decided').setValue('2004-12-01')
    await wrapper.get('#promo-fy').setValue('2005')
    await wrapper.get('#promo-source').setValue('supplementary budget')
    await wrapper.get('.confirm > button').trigger('click')
    expect(wrapper.get('[role="alertdialog"]').text()).toContain('Promote Hamamatsu to full implementation?')
    await wrapper.get('[data-confirm]').trigger('click')
    await flushPromises()
    expect(sentBodies(fetch, 'POST', '/api/v1/clusters/11/promotion')).toEqual([
      { decided_on: '2004-12-01', effective_fy: 2005, funding_source: 'supplementary budget' },
    ])
    expect(wrapper.text()).toContain('Hamamatsu is full from FY2005.')
  })
})
