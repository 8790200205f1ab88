import { describe, expect, it } from 'vitest'
import type { IpDeadline, KpiReport } from '../api/hq'
import {
  achievementOf,
  declineReason,
  fiscalYearOfDate,
  fiscalYearsOf,
  funnelOption,
  groupDeadlines,
  kpiSeries,
  matchesOfNeeds,
  moneyByYearOption,
  percent,
  replaceMatch,
  termShares,
} from './hq'

const utc = (text: string) => new Date(`${text}T00:00:00Z`)

describe('fiscal years', () => {
  it('starts the fiscal year in April', () => {
    expect(fiscalYearOfDate(utc('2003-03-31'))).toBe(2002)
    expect(fiscalYearOfDate(utc('2003-04-01'))).toBe(2003)
  })

  it("lists a cluster's years from its start to the programme's end, not past today", () => {
    const programme = { start_fy: 2002, end_fy: 2006 }
    const cluster = { started_on: '2002-07-01', ended_on: null }
    expect(fiscalYearsOf(cluster, programme, utc('2026-11-30'))).toEqual([2002, 2003, 2004, 2005, 2006])
    expect(fiscalYearsOf(cluster, programme, utc('2004-05-01'))).toEqual([2002, 2003, 2004])
    expect(fiscalYearsOf({ started_on: '2003-02-01', ended_on: '2005-03-31' }, programme, utc('2026-01-01'))).toEqual([
      2002, 2003, 2004,
    ])
    expect(fiscalYearsOf(null, programme)).toEqual([])
  })
})

describe('KPIs', () => {
  const report: KpiReport = {
    cluster_id: 1,
    fiscal_year: 2004,
    kpis: [],
    history: [
      { fiscal_year: 2003, values: [{ code: 'papers', target: 10, actual: 12, cumulative_target: 20, cumulative_actual: 25, achievement: 1.25 }] },
      { fiscal_year: 2002, values: [{ code: 'papers', target: 10, actual: 13, cumulative_target: null, cumulative_actual: null, achievement: 1.3 }] },
      { fiscal_year: 2004, values: [] },
    ],
  }

  it('takes one KPI through the years, cumulative where given, oldest first', () => {
    expect(kpiSeries(report, 'papers')).toEqual({ years: [2002, 2003, 2004], target: [10, 20, null], actual: [13, 25, null] })
  })

  it('grades achievement in words, not only colours', () => {
    expect(achievementOf(1)).toBe('met')
    expect(achievementOf(0.85)).toBe('near')
    expect(achievementOf(0.2)).toBe('behind')
    expect(achievementOf(null)).toBe('none')
    expect(percent(0.873, 'en')).toBe('87%')
    expect(percent(null, 'ja')).toBe('—')
  })
})

describe('charts', () => {
  it('draws the funnel widest stage at the top with the labels of the language', () => {
    const option = funnelOption(
      [
        { stage: 'needs', label_ja: 'ニーズ', label_en: 'Needs', count: 40, conversion: null },
        { stage: 'matches', label_ja: 'マッチング', label_en: 'Matches', count: 10, conversion: 0.25 },
      ],
      'en',
    ) as { yAxis: { data: string[] }; series: Array<{ data: number[] }> }
    expect(option.yAxis.data).toEqual(['Matches', 'Needs'])
    expect(option.series[0]?.data).toEqual([10, 40])
  })

  it('scales money to 億円 in Japanese and ¥M in English', () => {
    const rows = [{ fiscal_year: 2003, planned: 500_000_000, executed: 476_000_000 }]
    const ja = moneyByYearOption(rows, { planned: '計画', executed: '執行' }, 'ja') as {
      yAxis: { name: string }
      xAxis: { data: string[] }
      series: Array<{ data: Array<number | null> }>
    }
    expect(ja.yAxis.name).toBe('億円')
    expect(ja.xAxis.data).toEqual(['2003年度'])
    expect(ja.series.map((s) => s.data[0])).toEqual([5, 4.76])
    const en = moneyByYearOption(rows, { planned: 'Planned', executed: 'Executed' }, 'en') as {
      yAxis: { name: string }
      series: Array<{ data: Array<number | null> }>
    }
    expect(en.yAxis.name).toBe('¥M')
    expect(en.series[1]?.data).toEqual([476])
    const small = moneyByYearOption([{ fiscal_year: 2004, planned: 17_006_000, executed: 15_305_000 }], { planned: '', executed: '' }, 'ja') as {
      yAxis: { name: string }
      series: Array<{ data: Array<number | null> }>
    }
    expect(small.yAxis.name).toBe('万円')
    expect(small.series[0]?.data).toEqual([1700.6])
  })
})

describe('IP deadlines', () => {
  const item = (urgency: IpDeadline['urgency'], days: number, id: number): IpDeadline => ({
    application_id: id,
    application_number: `2004-${id}`,
    office: 'JPO',
    status: 'filed',
    invention_id: id,
    invention_title: 'x',
    published: true,
    cluster_id: 1,
    attorney: '',
    key: 'exam',
    label_ja: '審査請求',
    label_en: 'Examination request',
    due: `2005-01-${String(10 + id).padStart(2, '0')}`,
    days_left: days,
    urgency,
    kind: 'statutory',
    number: null,
    grace_until: null,
  })

  it('groups by urgency, most urgent first, soonest first inside, without empty groups', () => {
    const groups = groupDeadlines([item('soon', 60, 1), item('overdue', -3, 2), item('soon', 40, 3), item('critical', 5, 4)])
    expect(groups.map((g) => g.urgency)).toEqual(['overdue', 'critical', 'soon'])
    expect(groups[2]?.items.map((i) => i.days_left)).toEqual([40, 60])
  })
})

describe('matches', () => {
  it('shares term weights against the largest, largest first', () => {
    const shares = termShares([
      { term: 'a', surface: 'A', weight: 1 },
      { term: 'b', surface: 'B', weight: 4 },
    ])
    expect(shares.map((s) => [s.term, s.share])).toEqual([
      ['b', 1],
      ['a', 0.25],
    ])
    expect(termShares([])).toEqual([])
  })

  it('needs a reason to decline', () => {
    expect(declineReason('   ')).toBeNull()
    expect(declineReason(' 既に他社と契約 ')).toBe('既に他社と契約')
  })

  it("keeps the cluster's needs' matches, best first, and replaces a changed one", () => {
    const rows = [
      { id: 1, need_id: 10, score: 2 },
      { id: 2, need_id: 11, score: 5 },
      { id: 3, need_id: 99, score: 9 },
      { id: 4, need_id: 10, score: null },
    ]
    const mine = matchesOfNeeds(rows, new Set([10, 11]))
    expect(mine.map((m) => m.id)).toEqual([2, 1, 4])
    const changed = replaceMatch(
      [
        { id: 1, status: 'suggested' },
        { id: 2, status: 'suggested' },
      ],
      { id: 2, status: 'contacted' },
    )
    expect(changed).toEqual([
      { id: 1, status: 'suggested' },
      { id: 2, status: 'contacted' },
    ])
  })
})
