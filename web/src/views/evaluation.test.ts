import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { EvaluationLine, EvaluationReport } from '../api/programme'
import { fakeApi, sentBodies } from '../test-api'
import { testI18n } from '../test-utils'
import EvaluationPanel from './call/EvaluationPanel.vue'
import { byRank, intervalChartOption, intervalSeries, linesFromRecords, uncertainOrder, type EvaluationRecord } from './evaluation'

const line = (id: number, rank: number, score: number, ranks: [number, number], interval: [number, number]): EvaluationLine => ({
  rank,
  rank_interval: ranks,
  proposal_id: id,
  title: `提案${id}`,
  reviews: 3,
  raw: score,
  calibrated: score,
  hearing: null,
  comprehensive: score,
  interval,
})

const lines = [line(2, 2, 3.8, [1, 3], [3.5, 4.1]), line(1, 1, 4.2, [1, 2], [3.9, 4.5]), line(3, 3, 2.9, [3, 3], [2.7, 3.1])]

const page = (items: unknown[]) => ({ items, total: items.length, limit: 1000, offset: 0 })
const empty = { 'GET /api/v1/proposals': page([]), 'GET /api/v1/evaluations': page([]) }

const record = (id: number, proposal: number, rank: number, score: number, at: string): EvaluationRecord => ({
  id,
  proposal_id: proposal,
  raw_score: score,
  calibrated_score: score,
  hearing_score: null,
  comprehensive_score: score,
  rank,
  rank_low: rank,
  rank_high: rank + 1,
  interval_low: score - 0.2,
  interval_high: score + 0.2,
  reviews: 3,
  computed_at: at,
})
const proposals = [
  { id: 1, title_ja: '札幌IT', title_en: 'Sapporo IT' },
  { id: 2, title_ja: '仙台', title_en: null },
  { id: 3, title_ja: '未評価', title_en: null },
]

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('evaluation logic', () => {
  it('orders by rank and flags neighbours whose rank intervals overlap', () => {
    expect(byRank(lines).map((l) => l.proposal_id)).toEqual([1, 2, 3])
    expect([...uncertainOrder(lines)].sort()).toEqual([1, 2, 3])
    expect([...uncertainOrder([line(1, 1, 4, [1, 1], [4, 4]), line(2, 2, 3, [2, 2], [3, 3])])]).toEqual([])
  })

  it('draws the interval as low + span with the estimate as a point', () => {
    const score = intervalSeries(lines, 'score', (l) => l.title)
    expect(score.labels).toEqual(['提案1', '提案2', '提案3'])
    expect(score.low).toEqual([3.9, 3.5, 2.7])
    expect(score.span.map((s) => Number(s.toFixed(2)))).toEqual([0.6, 0.6, 0.4])
    expect(score.point).toEqual([4.2, 3.8, 2.9])
    const rank = intervalSeries(lines, 'rank', (l) => l.title)
    expect(rank.low).toEqual([1, 1, 3])
    expect(rank.span).toEqual([1, 2, 0])
    const option = intervalChartOption(score, 'score', { interval: '90%', estimate: 'score', axis: 'score' }, String)
    expect(option.series.map((s) => s.type)).toEqual(['bar', 'bar', 'line'])
    expect(option.series[0]!.itemStyle.color).toBe('transparent')
    expect(option.xAxis.min).toBeLessThanOrEqual(2.7)
    expect(option.xAxis.max).toBeGreaterThanOrEqual(4.5)
    expect(option.yAxis.inverse).toBe(true)
    const rankOption = intervalChartOption(rank, 'rank', { interval: 'i', estimate: 'e', axis: 'a' }, String)
    expect(rankOption.xAxis.inverse).toBe(true)
    expect(rankOption.xAxis.min).toBe(0.5)
  })
})

describe('recorded evaluations', () => {
  it('takes the newest record of each proposal of the call', () => {
    const { lines, computedAt } = linesFromRecords(
      proposals,
      [record(1, 1, 2, 3.1, '2002-06-01T00:00:00Z'), record(2, 1, 1, 4.0, '2002-07-01T00:00:00Z'), record(3, 2, 2, 3.5, '2002-07-01T00:00:00Z'), record(4, 9, 1, 5, '2002-08-01T00:00:00Z')],
      'en',
    )
    expect(lines.map((l) => [l.proposal_id, l.rank, l.comprehensive, l.title])).toEqual([
      [1, 1, 4.0, 'Sapporo IT'],
      [2, 2, 3.5, '仙台'],
    ])
    expect(lines[0]!.rank_interval).toEqual([1, 2])
    expect(computedAt).toBe('2002-07-01T00:00:00Z')
  })
})

describe('EvaluationPanel', () => {
  it('shows the recorded evaluation before anything is recomputed', async () => {
    fakeApi({
      'GET /api/v1/proposals': page(proposals.map((p) => ({ ...p, call_id: 3, field: 'it', status: 'full', submitted_on: null, requested_per_year: null }))),
      'GET /api/v1/evaluations': page([record(2, 1, 1, 4.0, '2002-07-01T00:00:00Z'), record(3, 2, 2, 3.5, '2002-07-01T00:00:00Z')]),
    })
    const wrapper = mount(EvaluationPanel, {
      props: { callId: 3 },
      global: { plugins: [testI18n('ja')], stubs: { ChartPanel: { props: ['label'], template: '<figure :aria-label="label"></figure>' } } },
    })
    await flushPromises()
    expect(wrapper.get('.recorded').text()).toContain('平成14年7月1日')
    expect(wrapper.findAll('tbody tr[data-proposal]').map((r) => r.attributes('data-proposal'))).toEqual(['1', '2'])
  })

  it('runs the evaluation as a job and shows ranks with intervals', async () => {
    vi.useFakeTimers()
    const result: EvaluationReport = { method: 'ridge-calibrated', hearing_weight: 0.3, proposals: lines, reviewer_effects: [{ reviewer: '山田', effect: -0.31 }] }
    const fetch = fakeApi({
      ...empty,
      'POST /api/v1/calls/3/evaluation': { status: 202, body: { job: { id: 9, kind: 'evaluation', state: 'running', progress: 0.1, result: null, error: null, started_at: null, finished_at: null, started_by: '' } } },
      'GET /api/v1/jobs/9': { id: 9, kind: 'evaluation', state: 'succeeded', progress: 1, result, error: null, started_at: null, finished_at: null, started_by: '' },
    })
    const wrapper = mount(EvaluationPanel, {
      props: { callId: 3 },
      global: { plugins: [testI18n('ja')], stubs: { ChartPanel: { props: ['label'], template: '<figure :aria-label="label"></figure>' } } },
    })
    await wrapper.get('#eval-bootstrap').setValue('500')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    await vi.advanceTimersByTimeAsync(400)
    await flushPromises()
    expect(sentBodies(fetch, 'POST', '/api/v1/calls/3/evaluation')).toEqual([{ bootstrap: 500, level: 0.9, record: true }])
    const rows = wrapper.findAll('tbody tr[data-proposal]')
    expect(rows.map((r) => r.attributes('data-proposal'))).toEqual(['1', '2', '3'])
    expect(rows[0]!.text()).toContain('1〜2 位')
    expect(rows[0]!.text()).toContain('区間重複')
    expect(rows[0]!.text()).toContain('3.90 – 4.50')
    expect(wrapper.get('figure').attributes('aria-label')).toBe('提案ごとの総合評点と区間')
    await wrapper.findAll('.mode button')[1]!.trigger('click')
    expect(wrapper.get('figure').attributes('aria-label')).toBe('提案ごとの順位と区間')
    expect(wrapper.text()).toContain('-0.31')
  })

  it('refuses a bad number of resamples by the field', async () => {
    const fetch = fakeApi(empty)
    const wrapper = mount(EvaluationPanel, { props: { callId: 3 }, global: { plugins: [testI18n('en')] } })
    await wrapper.get('#eval-bootstrap').setValue('-4')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.get('#eval-bootstrap-error').text()).toBe('Enter a whole number from 0 to 100,000.')
    expect(wrapper.get('#eval-bootstrap').attributes('aria-describedby')).toBe('eval-bootstrap-error')
    expect(sentBodies(fetch, 'POST', '/api/v1/calls/3/evaluation')).toEqual([])
  })
})
