// The comprehensive evaluation's ranking (app::ToJson(EvaluationReport)) as an interval chart:
// one row per proposal, best first, a bar from the interval's low to its high end and a point at
// the estimate — of the score or of the rank.
import type { EvaluationLine } from '../api/programme'

export type IntervalMode = 'score' | 'rank'

export function byRank(lines: readonly EvaluationLine[]): EvaluationLine[] {
  return [...lines].sort((a, b) => a.rank - b.rank || a.proposal_id - b.proposal_id)
}

/** The proposals whose rank interval overlaps the next one's: their order is not certain. */
export function uncertainOrder(lines: readonly EvaluationLine[]): Set<number> {
  const sorted = byRank(lines)
  const uncertain = new Set<number>()
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i]!
    const b = sorted[i + 1]!
    if (a.rank_interval[1] >= b.rank_interval[0]) {
      uncertain.add(a.proposal_id)
      uncertain.add(b.proposal_id)
    }
  }
  return uncertain
}

export interface IntervalSeries {
  labels: string[]
  low: number[]
  span: number[]
  point: number[]
  min: number
  max: number
}

/** The numbers of the chart, best first from the top. */
export function intervalSeries(
  lines: readonly EvaluationLine[],
  mode: IntervalMode,
  label: (line: EvaluationLine) => string,
): IntervalSeries {
  const sorted = byRank(lines)
  const pick = (line: EvaluationLine): [number, number, number] =>
    mode === 'score'
      ? [line.interval[0], line.interval[1], line.comprehensive]
      : [line.rank_interval[0], line.rank_interval[1], line.rank]
  const low: number[] = []
  const span: number[] = []
  const point: number[] = []
  for (const line of sorted) {
    const [a, b, p] = pick(line)
    const lo = Math.min(a, b, p)
    const hi = Math.max(a, b, p)
    low.push(lo)
    span.push(hi - lo)
    point.push(p)
  }
  const all = sorted.flatMap((line) => pick(line))
  return {
    labels: sorted.map(label),
    low,
    span,
    point,
    min: all.length ? Math.min(...all) : 0,
    max: all.length ? Math.max(...all) : 1,
  }
}

/** An ECharts option: transparent stacked bar up to the low end, a visible bar to the high end, a point. */
export function intervalChartOption(
  series: IntervalSeries,
  mode: IntervalMode,
  names: { interval: string; estimate: string; axis: string },
  format: (value: number) => string,
  labelWidth = 180,
) {
  const pad = mode === 'score' ? Math.max(0.05, (series.max - series.min) * 0.05) : 0.5
  const min = mode === 'score' ? Math.max(0, Math.floor((series.min - pad) * 10) / 10) : 0.5
  const max = mode === 'score' ? Math.ceil((series.max + pad) * 10) / 10 : series.max + 0.5
  // Stacks start at 0: the transparent bar reaches the low end (clipped below the axis minimum).
  const base = series.low
  return {
    aria: { enabled: true },
    animation: false,
    textStyle: { fontFamily: 'inherit' },
    grid: { left: labelWidth + 36, right: 24, top: 36, bottom: 40 },
    legend: { top: 0, data: [names.interval, names.estimate] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: Array<{ dataIndex: number }>) => {
        const i = params[0]?.dataIndex ?? 0
        const lo = series.low[i]!
        const hi = lo + series.span[i]!
        return `${series.labels[i]}<br>${names.estimate}: ${format(series.point[i]!)}<br>${names.interval}: ${format(lo)} – ${format(hi)}`
      },
    },
    xAxis: {
      type: 'value',
      name: names.axis,
      nameLocation: 'middle',
      nameGap: 24,
      min,
      max,
      inverse: mode === 'rank',
      minInterval: mode === 'rank' ? 1 : undefined,
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: series.labels,
      axisLabel: { width: labelWidth, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        stack: 'interval',
        silent: true,
        itemStyle: { color: 'transparent' },
        data: base,
        barWidth: 10,
        clip: true,
      },
      {
        name: names.interval,
        type: 'bar',
        stack: 'interval',
        itemStyle: { color: '#7fa7d1', borderColor: '#0b5394', borderWidth: 1 },
        data: series.span,
        barWidth: 10,
        barMinHeight: 2,
      },
      {
        name: names.estimate,
        type: 'line',
        data: series.point,
        lineStyle: { opacity: 0 },
        showAllSymbol: true,
        z: 5,
        symbol: 'diamond',
        symbolSize: 12,
        itemStyle: { color: '#b35900' },
      },
    ],
  }
}

/** An `evaluation` record (the last computed evaluation of a proposal). */
export interface EvaluationRecord {
  id: number
  proposal_id: number
  raw_score: number | null
  calibrated_score: number | null
  hearing_score: number | null
  comprehensive_score: number | null
  rank: number | null
  rank_low: number | null
  rank_high: number | null
  interval_low: number | null
  interval_high: number | null
  reviews: number | null
  computed_at: string | null
}

/**
 * The recorded evaluation of a call, newest per proposal, as report lines (so the page shows the
 * last result before anything is recomputed), with the time it was computed.
 */
export function linesFromRecords(
  proposals: ReadonlyArray<{ id: number; title_ja: string; title_en: string | null }>,
  records: readonly EvaluationRecord[],
  locale: 'ja' | 'en',
): { lines: EvaluationLine[]; computedAt: string | null } {
  const byProposal = new Map<number, EvaluationRecord>()
  for (const record of records) {
    const seen = byProposal.get(record.proposal_id)
    const newer =
      !seen ||
      (record.computed_at ?? '') > (seen.computed_at ?? '') ||
      ((record.computed_at ?? '') === (seen.computed_at ?? '') && record.id > seen.id)
    if (newer) byProposal.set(record.proposal_id, record)
  }
  const lines: EvaluationLine[] = []
  let computedAt: string | null = null
  for (const proposal of proposals) {
    const r = byProposal.get(proposal.id)
    if (!r) continue
    const score = r.comprehensive_score ?? r.calibrated_score ?? r.raw_score
    if (score === null || r.rank === null) continue
    if (r.computed_at && (!computedAt || r.computed_at > computedAt)) computedAt = r.computed_at
    lines.push({
      rank: r.rank,
      rank_interval: [r.rank_low ?? r.rank, r.rank_high ?? r.rank],
      proposal_id: proposal.id,
      title: locale === 'en' && proposal.title_en ? proposal.title_en : proposal.title_ja,
      reviews: r.reviews ?? 0,
      raw: r.raw_score ?? score,
      calibrated: r.calibrated_score ?? score,
      hearing: r.hearing_score,
      comprehensive: score,
      interval: [r.interval_low ?? score, r.interval_high ?? score],
    })
  }
  return { lines: byRank(lines), computedAt }
}
