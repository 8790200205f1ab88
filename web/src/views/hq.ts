// Pure shaping of the cluster-HQ pages' data (charts, groups, validation), tested in hq.test.ts.
import type { EChartsCoreOption } from '../charts'
import type { Cluster } from '../api/types'
import type {
  ExplainedTerm,
  FunnelStage,
  IpDeadline,
  KpiReport,
  KpiRow,
  LedgerYear,
  MatchRecord,
  ProjectSummary,
  Urgency,
} from '../api/hq'
import { formatFiscalYear, yenAxisUnit, type Locale } from '../format'

export interface Programme {
  id: number
  name_ja: string
  name_en: string | null
  start_fy: number | null
  end_fy: number | null
}

/** The Japanese fiscal year of a date (April to March): 2003-03-31 → 2002, 2003-04-01 → 2003. */
export function fiscalYearOfDate(date: Date): number {
  return date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1
}

/**
 * The fiscal years a cluster ran in: from its start (else the programme's first year) to its end
 * (else the programme's last year), never past the current fiscal year. Oldest first.
 */
export function fiscalYearsOf(
  cluster: Pick<Cluster, 'started_on' | 'ended_on'> | null,
  programme: Pick<Programme, 'start_fy' | 'end_fy'> | null,
  today: Date = new Date(),
): number[] {
  if (!cluster) return []
  const parse = (text: string | null) => (text ? new Date(`${text}T00:00:00Z`) : null)
  const started = parse(cluster.started_on)
  const ended = parse(cluster.ended_on)
  const current = fiscalYearOfDate(today)
  const first = started ? fiscalYearOfDate(started) : (programme?.start_fy ?? current)
  let last = ended ? fiscalYearOfDate(ended) : (programme?.end_fy ?? current)
  last = Math.min(last, current)
  const years: number[] = []
  for (let year = first; year <= last; year += 1) years.push(year)
  return years
}

export const kpiName = (row: Pick<KpiRow, 'code' | 'name_ja' | 'name_en'>, locale: Locale) =>
  (locale === 'en' ? row.name_en : row.name_ja) || row.name_ja || row.code

export type Achievement = 'met' | 'near' | 'behind' | 'none'

/** met ≥ 100 %, near ≥ 80 %, behind below; none without a target or an actual. */
export function achievementOf(achievement: number | null | undefined): Achievement {
  if (achievement === null || achievement === undefined || !Number.isFinite(achievement)) return 'none'
  if (achievement >= 1) return 'met'
  if (achievement >= 0.8) return 'near'
  return 'behind'
}

/** 0.873 → "87%"; null → "—". */
export function percent(rate: number | null | undefined, locale: Locale): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—'
  return new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(rate)
}

export interface KpiSeries {
  years: number[]
  target: Array<number | null>
  actual: Array<number | null>
}

/** One KPI through the years of the report's history (cumulative figures, as the targets are). */
export function kpiSeries(report: KpiReport, code: string): KpiSeries {
  const years = report.history.map((year) => year.fiscal_year).sort((a, b) => a - b)
  const valueOf = (year: number) =>
    report.history.find((entry) => entry.fiscal_year === year)?.values.find((value) => value.code === code)
  return {
    years,
    target: years.map((year) => {
      const value = valueOf(year)
      return value ? (value.cumulative_target ?? value.target) : null
    }),
    actual: years.map((year) => {
      const value = valueOf(year)
      return value ? (value.cumulative_actual ?? value.actual) : null
    }),
  }
}

export function kpiChartOption(
  series: KpiSeries,
  labels: { target: string; actual: string },
  locale: Locale,
): EChartsCoreOption {
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: 28, containLabel: true },
    xAxis: { type: 'category', data: series.years.map((year) => formatFiscalYear(year, locale)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: labels.target, type: 'bar', itemStyle: { color: '#9fb3c8' }, data: series.target },
      { name: labels.actual, type: 'bar', itemStyle: { color: '#0b5394' }, data: series.actual },
    ],
  }
}

/** A bar per funnel stage, widest first, labelled with its count and the conversion from the previous stage. */
export function funnelOption(stages: readonly FunnelStage[], locale: Locale): EChartsCoreOption {
  const label = (stage: FunnelStage) => (locale === 'en' ? stage.label_en : stage.label_ja) || stage.stage
  const reversed = [...stages].reverse()
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: reversed.map(label) },
    series: [
      {
        type: 'bar',
        itemStyle: { color: '#0b5394' },
        label: { show: true, position: 'right', color: '#1f2933' },
        data: reversed.map((stage) => stage.count),
      },
    ],
  }
}

/** Planned vs executed per fiscal year, in 億円 (ja) or ¥M (en). */
export function moneyByYearOption(
  rows: ReadonlyArray<{ fiscal_year: number; planned: number | null; executed: number }>,
  labels: { planned: string; executed: string },
  locale: Locale,
): EChartsCoreOption {
  // 億円 (ja) or ¥M (en); a project's few 千万円 read better in 万円.
  const largest = Math.max(0, ...rows.flatMap((row) => [row.planned ?? 0, row.executed]))
  const { divisor, unit } = locale === 'ja' && largest > 0 && largest < 1e8 ? { divisor: 1e4, unit: '万円' } : yenAxisUnit(locale)
  const scale = (value: number | null) => (value === null ? null : Math.round((value / divisor) * 100) / 100)
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: 28, containLabel: true },
    xAxis: { type: 'category', data: rows.map((row) => formatFiscalYear(row.fiscal_year, locale)) },
    yAxis: { type: 'value', name: unit },
    series: [
      { name: labels.planned, type: 'bar', itemStyle: { color: '#9fb3c8' }, data: rows.map((row) => scale(row.planned)) },
      { name: labels.executed, type: 'bar', itemStyle: { color: '#0b5394' }, data: rows.map((row) => scale(row.executed)) },
    ],
  }
}

export const ledgerChartRows = (years: readonly LedgerYear[]) =>
  [...years]
    .sort((a, b) => a.fiscal_year - b.fiscal_year)
    .map((year) => ({ fiscal_year: year.fiscal_year, planned: year.planned, executed: year.executed }))

export const projectChartRows = (summary: ProjectSummary) =>
  summary.grant_by_fiscal_year.map((year) => ({
    fiscal_year: year.fiscal_year,
    planned: year.planned,
    executed: year.from_grant,
  }))

export const URGENCIES: readonly Urgency[] = ['overdue', 'critical', 'urgent', 'soon', 'later']

/** Deadlines by urgency, most urgent group first, each soonest first; empty groups left out. */
export function groupDeadlines(items: readonly IpDeadline[]): Array<{ urgency: Urgency; items: IpDeadline[] }> {
  return URGENCIES.map((urgency) => ({
    urgency,
    items: items.filter((item) => item.urgency === urgency).sort((a, b) => a.days_left - b.days_left || a.due.localeCompare(b.due)),
  })).filter((group) => group.items.length > 0)
}

/** Each term's weight as a share of the largest (for the bars of an explanation), largest first. */
export function termShares(terms: readonly ExplainedTerm[]): Array<ExplainedTerm & { share: number }> {
  const top = Math.max(0, ...terms.map((term) => term.weight))
  return [...terms]
    .sort((a, b) => b.weight - a.weight)
    .map((term) => ({ ...term, share: top > 0 ? term.weight / top : 0 }))
}

/** A decline needs a reason: the trimmed text, or null when it is empty. */
export function declineReason(text: string): string | null {
  const trimmed = text.trim()
  return trimmed === '' ? null : trimmed
}

/** The list with one match replaced by its new state (as the server returned it). */
export function replaceMatch<T extends Pick<MatchRecord, 'id'>>(rows: readonly T[], updated: T): T[] {
  return rows.map((row) => (row.id === updated.id ? { ...row, ...updated } : row))
}

/** Matches whose need is one of the cluster's, best score first. */
export function matchesOfNeeds<T extends Pick<MatchRecord, 'need_id' | 'score' | 'id'>>(
  matches: readonly T[],
  needIds: ReadonlySet<number>,
): T[] {
  return matches
    .filter((match) => needIds.has(match.need_id))
    .sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.id - b.id)
}

export const MATCH_STATUSES = ['suggested', 'contacted', 'meeting', 'feasibility_test', 'joint_research', 'declined'] as const
