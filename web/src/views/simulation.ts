// The policy simulator page's logic (SimulationView.vue): the lever form and its checks, the
// request body, the last two scenarios kept for comparison, the ECharts option of one KPI (mean
// lines with their 5–95% bands, scenario A vs B) and the table of totals with differences.
// The API: GET /api/v1/simulations/default, POST /api/v1/simulations → 202 {job} (http/api_simulation.cpp).
import { api } from '../api/client'
import type { EChartsCoreOption } from '../charts'
import { yenAxisUnit, type Locale } from '../format'

export interface LeverDef {
  name: string
  meaning: string
  unit: 'yen' | 'years' | 'people' | 'months' | 'share' | 'clusters' | 'score' | 'rule' | string
  kind: 'integer' | 'number' | 'choice' | string
  min: number
  max: number
  step: number
  default: number
  /** False when the clusters differ (the default is then their mean). */
  uniform: boolean
}

export interface KpiDef {
  name: string
  stock: boolean
  unit: 'count' | 'yen' | string
}

export interface SimDefaults {
  config: { start_fy: number; months: number; clusters: unknown[] }
  config_toml: string
  levers: LeverDef[]
  kpis: KpiDef[]
  runs: { min: number; max: number }
  seed: number
}

export interface Band {
  mean: number
  p05: number
  p95: number
}

export interface KpiSeries {
  by_fiscal_year: (Band & { fiscal_year: number })[]
  total: Band
  stock: boolean
}

export interface SimResult {
  runs: number
  seed: number
  start_fy: number
  fiscal_years: number
  clusters: number
  levers: Record<string, number>
  lever_values: Record<string, number>
  kpis: Record<string, KpiSeries>
  config_toml: string
}

export const getDefaults = () => api.get<SimDefaults>('/simulations/default')
export const SIMULATIONS_PATH = '/simulations'

/** Yen levers are entered in millions of yen (百万円 / ¥M). */
export const YEN_INPUT_SCALE = 1e6

/**
 * Form values are the inputs' text, so that a half-typed value can be reported, not lost (a
 * number input's v-model may also hand back a number).
 */
export interface SimForm {
  levers: Record<string, string | number>
  runs: string | number
  seed: string | number
}

const text = (value: string | number | undefined) => String(value ?? '').trim()

export const DEFAULT_RUNS = 200

function inputValue(lever: LeverDef, value: number): string {
  if (lever.unit === 'yen') return String(value / YEN_INPUT_SCALE)
  return String(value)
}

/** The form with every lever at its default. */
export function defaultForm(defaults: SimDefaults): SimForm {
  const levers: Record<string, string> = {}
  for (const lever of defaults.levers) levers[lever.name] = inputValue(lever, lever.default)
  return { levers, runs: String(DEFAULT_RUNS), seed: String(defaults.seed) }
}

/** The request body to send, or the errors by field path ("levers.coordinators", "runs") as i18n keys. */
export interface BuiltRequest {
  body: { runs: number; seed: number; levers: Record<string, number> } | null
  errors: Record<string, string>
}

const NUMBER = /^-?\d+(\.\d+)?$/

/**
 * Checks the form and builds the body. Only levers moved from their default are sent, so a lever
 * whose clusters differ (coordinators) keeps each cluster's own value unless the user changed it.
 */
export function buildRequest(form: SimForm, defaults: SimDefaults): BuiltRequest {
  const errors: Record<string, string> = {}
  const levers: Record<string, number> = {}
  for (const lever of defaults.levers) {
    const input = text(form.levers[lever.name])
    const path = `levers.${lever.name}`
    if (input === '' || !NUMBER.test(input)) {
      errors[path] = 'simulation.errors.number'
      continue
    }
    const scale = lever.unit === 'yen' ? YEN_INPUT_SCALE : 1
    const value = Math.round(Number(input) * scale * 1e6) / 1e6
    const min = lever.min
    const max = lever.max
    if (value < min || value > max) {
      errors[path] = 'simulation.errors.range'
      continue
    }
    if (lever.kind !== 'number' && !Number.isInteger(value)) {
      errors[path] = lever.unit === 'yen' ? 'simulation.errors.wholeYen' : 'simulation.errors.integer'
      continue
    }
    if (value !== lever.default) levers[lever.name] = value
  }
  const runsText = text(form.runs)
  const runs = Number(runsText)
  if (!/^\d+$/.test(runsText) || runs < defaults.runs.min || runs > defaults.runs.max) {
    errors.runs = 'simulation.errors.runs'
  }
  const seedText = text(form.seed)
  const seed = seedText === '' ? defaults.seed : Number(seedText)
  if (seedText !== '' && (!/^\d+$/.test(seedText) || !Number.isSafeInteger(seed))) {
    errors.seed = 'simulation.errors.seed'
  }
  if (Object.keys(errors).length) return { body: null, errors }
  return { body: { runs, seed, levers }, errors }
}

/** The range a lever's input accepts, in the input's scale. */
export function inputRange(lever: LeverDef): { min: number; max: number; step: number | 'any' } {
  const scale = lever.unit === 'yen' ? YEN_INPUT_SCALE : 1
  return {
    min: lever.min / scale,
    max: lever.max / scale,
    step: lever.kind === 'number' ? 'any' : Math.max(1, lever.step / scale),
  }
}

// ---------------------------------------------------------------------------------------------
// Scenarios kept for comparison

export interface Scenario {
  /** A running number (the order the scenarios were run in). */
  id: number
  result: SimResult
}

/** The last two scenarios: the new one replaces the older when two are kept already. */
export function keepLastTwo(kept: Scenario[], next: Scenario): Scenario[] {
  return [...kept, next].slice(-2)
}

/** The label letters of kept scenarios in order: A, B. */
export const LETTERS = ['A', 'B'] as const

/** The levers a scenario moved from the defaults, e.g. [{name, value}] (empty = the defaults). */
export function changedLevers(result: SimResult): { name: string; value: number }[] {
  return Object.entries(result.levers ?? {}).map(([name, value]) => ({ name, value }))
}

/** A lever's value for display: yen as money, shares and scores as decimals, rules by name key. */
export function leverDisplay(
  lever: Pick<LeverDef, 'unit' | 'name'>,
  value: number,
  yen: (amount: number) => string,
  t: (key: string) => string,
): string {
  if (lever.unit === 'yen') return yen(value)
  if (lever.unit === 'rule') return t(`simulation.rules.${lever.name}.${value}`)
  return String(value)
}

// ---------------------------------------------------------------------------------------------
// Charts

const COLOURS = ['#1f6fb2', '#c2410c'] as const

export interface ChartLabels {
  scenario: (letter: string) => string
  band: (letter: string) => string
  fy: (year: number) => string
  value: (value: number) => string
}

/** A KPI's axis scale: yen in 億円 / ¥M, counts as they are. */
export function kpiScale(kpi: KpiDef, locale: Locale): { divisor: number; unit: string } {
  return kpi.unit === 'yen' ? yenAxisUnit(locale) : { divisor: 1, unit: '' }
}

/**
 * One KPI by fiscal year for up to two scenarios: per scenario a transparent base line at the 5%
 * quantile, the 5–95% band stacked on it as a shaded area, and the mean as a line. The legend
 * lists the scenarios (the page says under the charts that the shading is the 90% band).
 */
export function kpiChartOption(
  kpi: KpiDef,
  scenarios: Scenario[],
  locale: Locale,
  labels: ChartLabels,
): EChartsCoreOption {
  const { divisor, unit } = kpiScale(kpi, locale)
  const years = new Set<number>()
  for (const s of scenarios) for (const y of s.result.kpis[kpi.name]?.by_fiscal_year ?? []) years.add(y.fiscal_year)
  const axisYears = [...years].sort((a, b) => a - b)
  const series: Record<string, unknown>[] = []
  const legend: string[] = []
  scenarios.forEach((scenario, index) => {
    const letter = LETTERS[index] ?? String(index + 1)
    const colour = COLOURS[index % COLOURS.length]
    const byYear = new Map((scenario.result.kpis[kpi.name]?.by_fiscal_year ?? []).map((y) => [y.fiscal_year, y]))
    const pick = (f: (b: Band) => number) =>
      axisYears.map((year) => {
        const band = byYear.get(year)
        return band ? f(band) / divisor : null
      })
    const stack = `band-${letter}`
    const name = labels.scenario(letter)
    const bandName = labels.band(letter)
    legend.push(name)
    series.push({
      name: `${bandName} base`,
      type: 'line',
      stack,
      data: pick((b) => b.p05),
      lineStyle: { opacity: 0 },
      symbol: 'none',
      silent: true,
      tooltip: { show: false },
    })
    series.push({
      name: bandName,
      type: 'line',
      stack,
      data: pick((b) => b.p95 - b.p05),
      lineStyle: { opacity: 0 },
      areaStyle: { color: colour, opacity: 0.18 },
      itemStyle: { color: colour },
      symbol: 'none',
      silent: true,
    })
    series.push({
      name,
      type: 'line',
      data: pick((b) => b.mean),
      itemStyle: { color: colour },
      lineStyle: { color: colour, width: 2, type: index === 0 ? 'solid' : 'dashed' },
      symbol: index === 0 ? 'circle' : 'triangle',
      symbolSize: 7,
    })
  })
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: 56, right: 16, top: 40, bottom: 32 },
    legend: { data: legend, top: 0, type: 'scroll' },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => tooltipText(params, kpi, scenarios, labels, axisYears),
    },
    xAxis: { type: 'category', data: axisYears.map(labels.fy), boundaryGap: false },
    yAxis: { type: 'value', name: unit, min: 0 },
    series,
  }
}

function tooltipText(
  params: unknown,
  kpi: KpiDef,
  scenarios: Scenario[],
  labels: ChartLabels,
  axisYears: number[],
): string {
  const first = Array.isArray(params) ? (params[0] as { dataIndex?: number }) : (params as { dataIndex?: number })
  const year = axisYears[first?.dataIndex ?? 0]
  if (year === undefined) return ''
  const lines = [escapeHtml(labels.fy(year))]
  scenarios.forEach((scenario, index) => {
    const band = scenario.result.kpis[kpi.name]?.by_fiscal_year.find((y) => y.fiscal_year === year)
    if (!band) return
    const letter = LETTERS[index] ?? String(index + 1)
    lines.push(
      escapeHtml(
        `${labels.scenario(letter)}: ${labels.value(band.mean)} (${labels.value(band.p05)}–${labels.value(band.p95)})`,
      ),
    )
  })
  return lines.join('<br>')
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

// ---------------------------------------------------------------------------------------------
// Totals

export interface TotalRow {
  kpi: KpiDef
  /** One band per kept scenario, in order. */
  totals: (Band | null)[]
  /** B − A of the means, when two are kept. */
  difference: number | null
  /** (B − A) / A, when A's mean is not 0. */
  relative: number | null
}

export function totalRows(kpis: KpiDef[], scenarios: Scenario[]): TotalRow[] {
  return kpis.map((kpi) => {
    const totals = scenarios.map((s) => s.result.kpis[kpi.name]?.total ?? null)
    const [a, b] = totals
    const difference = a && b ? b.mean - a.mean : null
    const relative = a && b && a.mean !== 0 ? (b.mean - a.mean) / a.mean : null
    return { kpi, totals, difference, relative }
  })
}

/** "+12.5%" / "−3.0%" (a real minus sign), "±0.0%" for no change. */
export function formatRelative(relative: number): string {
  const percent = (relative * 100).toFixed(1)
  if (Number(percent) === 0) return '±0.0%'
  return relative > 0 ? `+${percent}%` : `−${percent.replace('-', '')}%`
}

/** A difference with its sign: "+3.2" / "−1.0" (numbers formatted by `format`). */
export function formatSigned(value: number, format: (value: number) => string): string {
  if (value === 0) return '±0'
  return value > 0 ? `+${format(value)}` : `−${format(-value)}`
}
