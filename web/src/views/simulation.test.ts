import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fakeApi, problem, sentBodies } from '../test-api'
import { testI18n } from '../test-utils'
import SimulationView from './SimulationView.vue'
import {
  buildRequest,
  defaultForm,
  formatRelative,
  formatSigned,
  inputRange,
  keepLastTwo,
  kpiChartOption,
  totalRows,
  type KpiDef,
  type LeverDef,
  type Scenario,
  type SimDefaults,
  type SimResult,
} from './simulation'

const lever = (name: string, unit: string, kind: string, min: number, max: number, value: number, uniform = true): LeverDef => ({
  name,
  meaning: `${name} meaning`,
  unit,
  kind,
  min,
  max,
  step: 1,
  default: value,
  uniform,
})

const KPIS: KpiDef[] = [
  { name: 'joint_research', stock: false, unit: 'count' },
  { name: 'spend_yen', stock: false, unit: 'yen' },
]

const DEFAULTS: SimDefaults = {
  config: { start_fy: 2002, months: 60, clusters: [] },
  config_toml: 'start_fy = 2002\n',
  levers: [
    lever('budget_per_year', 'yen', 'integer', 0, 100e9, 500e6),
    lever('coordinators', 'people', 'integer', 0, 1000, 4, false),
    lever('match_threshold', 'score', 'number', 0, 1, 0.7),
    lever('introduction_rule', 'rule', 'choice', 0, 1, 0),
  ],
  kpis: KPIS,
  runs: { min: 1, max: 2000 },
  seed: 2002,
}

function result(scale: number, levers: Record<string, number> = {}): SimResult {
  const series = (base: number) => ({
    stock: false,
    by_fiscal_year: [2002, 2003].map((fy, i) => ({
      fiscal_year: fy,
      mean: base * (i + 1) * scale,
      p05: base * (i + 1) * scale * 0.8,
      p95: base * (i + 1) * scale * 1.2,
    })),
    total: { mean: base * 3 * scale, p05: base * 2.5 * scale, p95: base * 3.5 * scale },
  })
  return {
    runs: 20,
    seed: 2002,
    start_fy: 2002,
    fiscal_years: 2,
    clusters: 18,
    levers,
    lever_values: {},
    kpis: { joint_research: series(10), spend_yen: series(1e9) },
    config_toml: '',
  }
}

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('simulation logic', () => {
  it('fills the form with the defaults, yen in millions', () => {
    const form = defaultForm(DEFAULTS)
    expect(form.levers).toEqual({ budget_per_year: '500', coordinators: '4', match_threshold: '0.7', introduction_rule: '0' })
    expect(form.runs).toBe('200')
    expect(form.seed).toBe('2002')
    expect(inputRange(DEFAULTS.levers[0]!)).toEqual({ min: 0, max: 100000, step: 1 })
    expect(inputRange(DEFAULTS.levers[2]!).step).toBe('any')
  })

  it('sends only the levers moved from their defaults', () => {
    const form = defaultForm(DEFAULTS)
    expect(buildRequest(form, DEFAULTS).body).toEqual({ runs: 200, seed: 2002, levers: {} })
    form.levers.budget_per_year = '800'
    form.levers.match_threshold = '0.5'
    form.runs = '20'
    form.seed = ''
    expect(buildRequest(form, DEFAULTS)).toEqual({
      body: { runs: 20, seed: 2002, levers: { budget_per_year: 800e6, match_threshold: 0.5 } },
      errors: {},
    })
  })

  it('names each bad field', () => {
    const form = defaultForm(DEFAULTS)
    form.levers.budget_per_year = 'lots'
    form.levers.coordinators = '2.5'
    form.levers.match_threshold = '1.5'
    form.levers.introduction_rule = ''
    form.runs = '2001'
    form.seed = '-1'
    const built = buildRequest(form, DEFAULTS)
    expect(built.body).toBeNull()
    expect(built.errors).toEqual({
      'levers.budget_per_year': 'simulation.errors.number',
      'levers.coordinators': 'simulation.errors.integer',
      'levers.match_threshold': 'simulation.errors.range',
      'levers.introduction_rule': 'simulation.errors.number',
      runs: 'simulation.errors.runs',
      seed: 'simulation.errors.seed',
    })
    form.levers = defaultForm(DEFAULTS).levers
    form.levers.budget_per_year = '0.0000001'
    form.runs = '5'
    form.seed = '1'
    expect(buildRequest(form, DEFAULTS).errors).toEqual({ 'levers.budget_per_year': 'simulation.errors.wholeYen' })
  })

  it('keeps the last two scenarios', () => {
    let kept: Scenario[] = []
    for (const id of [1, 2, 3]) kept = keepLastTwo(kept, { id, result: result(id) })
    expect(kept.map((s) => s.id)).toEqual([2, 3])
  })

  it('compares the totals of A and B', () => {
    const rows = totalRows(KPIS, [
      { id: 1, result: result(1) },
      { id: 2, result: result(1.5) },
    ])
    expect(rows[0]!.difference).toBeCloseTo(15)
    expect(rows[0]!.relative).toBeCloseTo(0.5)
    expect(formatRelative(rows[0]!.relative!)).toBe('+50.0%')
    expect(formatRelative(-0.03)).toBe('−3.0%')
    expect(formatRelative(0)).toBe('±0.0%')
    expect(formatSigned(-2, String)).toBe('−2')
    const single = totalRows(KPIS, [{ id: 1, result: result(1) }])
    expect(single[0]!.difference).toBeNull()
  })

  it('draws each scenario as a band and a mean line, yen in 億円', () => {
    const labels = {
      scenario: (l: string) => `S${l}`,
      band: (l: string) => `B${l}`,
      fy: (y: number) => `FY${y}`,
      value: (v: number) => v.toFixed(1),
    }
    const option = kpiChartOption(KPIS[1]!, [
      { id: 1, result: result(1) },
      { id: 2, result: result(2) },
    ], 'ja', labels) as {
      series: Array<{ name: string; stack?: string; data: number[]; areaStyle?: unknown }>
      xAxis: { data: string[] }
      yAxis: { name: string }
      legend: { data: string[] }
    }
    expect(option.xAxis.data).toEqual(['FY2002', 'FY2003'])
    expect(option.yAxis.name).toBe('億円')
    expect(option.legend.data).toEqual(['SA', 'SB'])
    expect(option.series).toHaveLength(6)
    const [base, band, mean] = option.series
    expect(base!.stack).toBe(band!.stack)
    expect(base!.data).toEqual([8, 16])
    expect(band!.data.map((v) => Math.round(v))).toEqual([4, 8])
    expect(band!.areaStyle).toBeTruthy()
    expect(mean!.data).toEqual([10, 20])
    expect(option.series[5]!.data).toEqual([20, 40])
  })
})

const job = (state: string, res: SimResult | null = null, progress = 0.5) => ({
  job: { id: 7, kind: 'simulation', state, progress, result: res, error: null, started_at: null, finished_at: null, started_by: 'web:officer' },
})

describe('SimulationView', () => {
  it('runs two scenarios and compares them', async () => {
    vi.useFakeTimers()
    let runs = 0
    const fetch = fakeApi({
      'GET /api/v1/simulations/default': DEFAULTS,
      'POST /api/v1/simulations': () => {
        runs++
        return { status: 202, body: job('running', null, 0) }
      },
      'GET /api/v1/jobs/7': () =>
        job('succeeded', runs === 1 ? result(1) : result(1.5, { budget_per_year: 800e6 }), 1),
    })
    const wrapper = mount(SimulationView, {
      global: { plugins: [testI18n('ja')], stubs: { ChartPanel: { template: '<figure><slot /></figure>' } } },
      attachTo: document.body,
    })
    await flushPromises()
    expect(wrapper.text()).toContain('将来の予測ではありません')
    expect(wrapper.get('label[for="lever-budget_per_year"]').text()).toContain('百万円')
    expect(wrapper.text()).toContain('クラスターごとに異なる')
    expect(wrapper.text()).toContain('まだ結果はありません')

    await wrapper.get('#sim-runs').setValue('20')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    await vi.advanceTimersByTimeAsync(400)
    await flushPromises()
    expect(wrapper.text()).toContain('シナリオA: 20回試行、シード2002')
    expect(wrapper.findAll('.chart-card')).toHaveLength(2)

    await wrapper.get('#lever-budget_per_year').setValue('800')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    await vi.advanceTimersByTimeAsync(400)
    await flushPromises()
    expect(sentBodies(fetch, 'POST', '/api/v1/simulations')).toEqual([
      { runs: 20, seed: 2002, levers: {} },
      { runs: 20, seed: 2002, levers: { budget_per_year: 800e6 } },
    ])
    expect(wrapper.text()).toContain('シナリオB')
    expect(wrapper.text()).toContain('本格実施地域の年間予算 8億円')
    const jointRow = wrapper.findAll('table.totals tbody tr')[0]!
    expect(jointRow.text()).toContain('共同研究')
    expect(jointRow.text()).toContain('+15')
    expect(jointRow.text()).toContain('+50.0%')
  })

  it('shows field errors before sending and the server’s field errors after', async () => {
    const fetch = fakeApi({
      'GET /api/v1/simulations/default': DEFAULTS,
      'POST /api/v1/simulations': problem(400, 'invalid simulation request', [
        { path: 'levers.coordinators', expected: 'an integer 0..1000', got: '5000' },
      ]),
    })
    const wrapper = mount(SimulationView, {
      global: { plugins: [testI18n('en')], stubs: { ChartPanel: true } },
      attachTo: document.body,
    })
    await flushPromises()
    await wrapper.get('#sim-runs').setValue('0')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.text()).toContain('Enter a whole number from 1 to 2000.')
    expect(wrapper.get('#sim-runs').attributes('aria-invalid')).toBe('true')
    expect(sentBodies(fetch, 'POST', '/api/v1/simulations')).toEqual([])

    await wrapper.get('#sim-runs').setValue('5')
    await wrapper.get('#lever-coordinators').setValue('5000')
    await wrapper.get('#lever-coordinators').setValue('50')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('#lever-coordinators-error').text()).toContain('an integer 0..1000')
  })

  it('says why the defaults could not be read', async () => {
    fakeApi({ 'GET /api/v1/simulations/default': problem(403, 'forbidden') })
    const wrapper = mount(SimulationView, { global: { plugins: [testI18n('en')] } })
    await flushPromises()
    expect(wrapper.find('[role="alert"]').exists()).toBe(true)
    expect(wrapper.find('form').exists()).toBe(false)
  })
})
