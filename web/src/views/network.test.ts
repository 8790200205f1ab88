import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { forgetClusters } from '../composables/useCluster'
import { forgetSession, login } from '../session'
import { mockFetch, testI18n, type MockRoute } from '../test-utils'
import NetworkView from './NetworkView.vue'
import {
  COMMUNITY_COLOURS,
  communityColour,
  exportUrl,
  graphOption,
  growthOption,
  metricCards,
  minWeightOf,
  modeOf,
  networkQuery,
  nodeSize,
  nodesByDegree,
  crossingShare,
  percent,
  regionShare,
  tieMixShares,
  type DrawnGraph,
  type NetworkReport,
} from './network'

const GRAPH: DrawnGraph = {
  nodes: [
    { key: 'organization:1', label: '北大', kind: 'organization', category: 'university', region: 'inside', attributes: { category: 'university' }, community: 0, degree: 2, strength: 3, betweenness: 1 },
    { key: 'organization:2', label: 'A社', kind: 'organization', category: 'company', region: 'inside', attributes: {}, community: 0, degree: 1, strength: 2, betweenness: 0 },
    { key: 'organization:3', label: 'B社', kind: 'organization', category: 'company', region: 'outside', attributes: {}, community: 1, degree: 1, strength: 1, betweenness: 0 },
  ],
  ties: [
    { source: 'organization:1', target: 'organization:2', weight: 2, since: 2003 },
    { source: 'organization:1', target: 'organization:3', weight: 1, since: 2005 },
  ],
  total_nodes: 3,
  total_ties: 2,
  shown_nodes: 3,
  shown_ties: 2,
  max_nodes: 300,
  capped: false,
  note: 'Drawn: the whole network.',
}

function report(overrides: Partial<NetworkReport> = {}): NetworkReport {
  return {
    cluster_id: 2,
    cluster_name_ja: '仙台',
    cluster_name_en: 'Sendai',
    fiscal_year: 2006,
    mode: 'organizations',
    min_weight: 1,
    summary: {
      nodes: 3,
      edges: 2,
      total_weight: 3,
      density: 2 / 3,
      mean_degree: 4 / 3,
      components: 1,
      component_sizes: [3],
      isolated: 0,
      largest_component_share: 1,
      average_clustering: 0,
      transitivity: 0,
      triangles: 0,
      modularity: 0.1,
      communities: 2,
    },
    ties: {
      inside_region: 1,
      crossing_region: 1,
      outside_region: 0,
      inside_share: 0.5,
      university_company: 2,
      university_company_share: 1,
    },
    top_brokers: [
      {
        key: 'organization:1',
        label: '北大',
        kind: 'organization',
        category: 'university',
        region: 'inside',
        degree: 2,
        strength: 3,
        betweenness: 1,
        community: 0,
        constraint: 0.5,
        effective_size: 2,
        open_pairs: 1,
        roles: { coordinator: 0, itinerant: 0, gatekeeper_representative: 1, liaison: 0 },
      },
    ],
    coordinators: [],
    communities: [],
    growth: [
      { fiscal_year: 2005, nodes: 2, edges: 1, components: 1, density: 1, average_clustering: 0, largest_component_share: 1, modularity: 0, inside_share: 1, university_company_ties: 1 },
      { fiscal_year: 2006, nodes: 3, edges: 2, components: 1, density: 2 / 3, average_clustering: 0, largest_component_share: 1, modularity: 0.1, inside_share: 0.5, university_company_ties: 2 },
    ],
    method: '',
    graph: GRAPH,
    ...overrides,
  }
}

describe('network helpers', () => {
  it('reads the mode and minimum weight from the address, with safe defaults', () => {
    expect(modeOf('people')).toBe('people')
    expect(modeOf('friends')).toBe('organizations')
    expect(modeOf(undefined)).toBe('organizations')
    expect(minWeightOf('3')).toBe(3)
    expect(minWeightOf('0')).toBe(1)
    expect(minWeightOf('x')).toBe(1)
  })

  it('measures the ties between different values of an attribute (sectors)', () => {
    const rows = [
      { a: 'company', b: 'company', ties: 29, weight: 29 },
      { a: 'company', b: 'public', ties: 16, weight: 35 },
      { a: 'company', b: 'university', ties: 30, weight: 59 },
      { a: 'other', b: 'other', ties: 0, weight: 0 },
    ]
    expect(crossingShare(rows)).toBeCloseTo(46 / 75)
    expect(crossingShare([])).toBeNull()
    expect(crossingShare(undefined)).toBeNull()
    expect(crossingShare([{ a: 'university', b: 'university', ties: 0, weight: 0 }])).toBeNull()
    const shares = tieMixShares(rows)
    expect(shares.map((row) => `${row.a}/${row.b}`)).toEqual(['company/university', 'company/company', 'company/public'])
    expect(shares[0]!.share).toBeCloseTo(30 / 75)
    expect(shares.reduce((sum, row) => sum + row.share, 0)).toBeCloseTo(1)
    expect(tieMixShares(undefined)).toEqual([])
  })

  it('builds the query and the download address', () => {
    expect(networkQuery(2006, 'people', 1)).toEqual({ mode: 'people', fy: '2006' })
    expect(networkQuery(null, 'organizations', 2)).toEqual({ mode: 'organizations', min_weight: '2' })
    expect(exportUrl(2, 2005, 'coordination', 1, 'gexf')).toBe(
      '/api/v1/clusters/2/network/export?mode=coordination&fy=2005&format=gexf',
    )
  })

  it('colours communities from a fixed palette and sizes nodes by degree', () => {
    expect(communityColour(0)).toBe(COMMUNITY_COLOURS[0])
    expect(communityColour(COMMUNITY_COLOURS.length + 1)).toBe(COMMUNITY_COLOURS[1])
    expect(nodeSize(0, 0)).toBe(8)
    expect(nodeSize(10, 10)).toBe(36)
    expect(nodeSize(0, 10)).toBe(8)
    expect(nodeSize(5, 10)).toBeGreaterThan(nodeSize(2, 10))
  })

  it('draws a force graph with a category per community and ties weighted by strength', () => {
    const option = graphOption(GRAPH, (id) => `C${id + 1}`) as { series: Array<Record<string, unknown>> }
    const series = option.series[0] as {
      type: string
      layout: string
      categories: Array<{ name: string; itemStyle: { color: string } }>
      data: Array<{ id: string; category: number; symbolSize: number }>
      links: Array<{ source: string; value: number; lineStyle: { width: number } }>
    }
    expect(series.type).toBe('graph')
    expect(series.layout).toBe('force')
    expect(series.categories.map((c) => c.name)).toEqual(['C1', 'C2'])
    expect(series.categories[1]?.itemStyle.color).toBe(COMMUNITY_COLOURS[1])
    expect(series.data.map((d) => d.category)).toEqual([0, 0, 1])
    expect(series.data[0]?.symbolSize).toBe(36)
    expect(series.links).toHaveLength(2)
    expect(series.links[0]?.lineStyle.width).toBeGreaterThan(series.links[1]?.lineStyle.width ?? 0)
  })

  it('charts growth by fiscal year', () => {
    const option = growthOption(report().growth, { fy: (y) => `FY${y}`, nodes: 'Nodes', ties: 'Ties', title: 'Growth' }) as {
      xAxis: { data: string[] }
      series: Array<{ name: string; data: number[] }>
    }
    expect(option.xAxis.data).toEqual(['FY2005', 'FY2006'])
    expect(option.series.map((s) => s.data)).toEqual([
      [2, 3],
      [1, 2],
    ])
  })

  it('makes the metric cards with region and university–company shares', () => {
    const cards = Object.fromEntries(metricCards(report(), String).map((card) => [card.id, card.value]))
    expect(cards.nodes).toBe('3')
    expect(cards.density).toBe('0.667')
    expect(cards.inside).toBe('50.0%')
    expect(cards.crossing).toBe('50.0%')
    expect(cards.outside).toBe('0.0%')
    expect(cards['university-company']).toBe('100.0%')
    expect(percent(null)).toBe('—')
    const none = report({ ties: { inside_region: 0, crossing_region: 0, outside_region: 0, inside_share: null, university_company: 0, university_company_share: null } })
    expect(regionShare(none, 'inside_region')).toBeNull()
  })

  it('lists the drawn nodes most connected first', () => {
    expect(nodesByDegree(GRAPH).map((node) => node.label)).toEqual(['北大', 'A社', 'B社'])
  })
})

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

async function mountView(routes: MockRoute[], path = '/cluster/network', locale: 'ja' | 'en' = 'en') {
  const mock = mockFetch([...routes, ...BASE])
  vi.stubGlobal('fetch', vi.fn(mock.fetch))
  await login('demo-coordinator', 'x')
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/cluster/network', name: 'cluster-network', component: empty },
      { path: '/:pathMatch(.*)*', name: 'any', component: empty },
    ],
  })
  await router.push(path)
  const wrapper = mount(NetworkView, {
    global: {
      plugins: [testI18n(locale), router],
      stubs: { ChartPanel: { props: ['label'], template: '<figure role="img" :aria-label="label"><slot /></figure>' } },
    },
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
  forgetSession()
  document.body.innerHTML = ''
})

describe('NetworkView', () => {
  it("asks for the user's cluster and last fiscal year and shows the metrics, map, brokers and downloads", async () => {
    const { wrapper, mock } = await mountView([{ url: /\/clusters\/2\/network\?mode=organizations&fy=2006$/, body: report() }])
    expect(mock.unmatched).toEqual([])
    expect(wrapper.find('[data-metric="nodes"] dd').text()).toBe('3')
    expect(wrapper.find('[data-metric="university-company"] dd').text()).toBe('100.0%')
    expect(wrapper.find('figure[role="img"]').attributes('aria-label')).toContain('3 nodes and 2 ties')
    expect(wrapper.find('table.brokers tbody tr').text()).toContain('北大')
    const links = wrapper.findAll('.downloads a')
    expect(links.map((link) => link.attributes('href'))).toEqual([
      '/api/v1/clusters/2/network/export?mode=organizations&fy=2006&format=graphml',
      '/api/v1/clusters/2/network/export?mode=organizations&fy=2006&format=gexf',
    ])
    expect(links[0]?.attributes('download')).toBeDefined()
  })

  it('keeps the mode in the address and asks again', async () => {
    const { wrapper, router, mock } = await mountView([
      { url: /\/network\?mode=organizations&fy=2006$/, body: report() },
      { url: /\/network\?mode=people&fy=2006$/, body: report({ mode: 'people', summary: { ...report().summary, nodes: 7 } }) },
    ])
    await wrapper.find('#network-mode').setValue('people')
    await flushPromises()
    await flushPromises()
    expect(router.currentRoute.value.query.mode).toBe('people')
    expect(mock.unmatched).toEqual([])
    expect(wrapper.find('[data-metric="nodes"] dd').text()).toBe('7')
  })

  it('says so when the network is empty, and shows server errors', async () => {
    const emptyGraph = { ...GRAPH, nodes: [], ties: [], total_nodes: 0, total_ties: 0, shown_nodes: 0, shown_ties: 0 }
    const { wrapper } = await mountView(
      [{ url: /\/network\?/, body: report({ summary: { ...report().summary, nodes: 0, edges: 0 }, graph: emptyGraph }) }],
      '/cluster/network?fy=2002',
      'ja',
    )
    expect(wrapper.text()).toContain('この年度末までに記録された連携はありません。')
    mounted?.unmount()
    mounted = null
    forgetClusters()
    const failed = await mountView([{ url: /\/network\?/, status: 400, body: { status: 400, detail: 'invalid parameter' } }])
    expect(failed.wrapper.find('[role="alert"]').exists()).toBe(true)
  })
})
