import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { EvaluationLine, EvaluationReport } from '../api/programme'
import { fakeApi, sentBodies } from '../test-api'
import { testI18n } from '../test-utils'
import EvaluationPanel from './call/EvaluationPanel.vue'
import { byRank, intervalChartOption, intervalSeries, uncertainOrder } from './evaluation'

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

describe('EvaluationPanel', () => {
  it('runs the evaluation as a job and shows ranks with intervals', async () => {
    vi.useFakeTimers()
    const result: EvaluationReport = { method: 'ridge-calibrated', hearing_weight: 0.3, proposals: lines, reviewer_effects: [{ reviewer: '山田', effect: -0.31 }] }
    const fetch = fakeApi({
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
    const fetch = fakeApi({})
    const wrapper = mount(EvaluationPanel, { props: { callId: 3 }, global: { plugins: [testI18n('en')] } })
    await wrapper.get('#eval-bootstrap').setValue('-4')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.get('#eval-bootstrap-error').text()).toBe('Enter a whole number from 0 to 100,000.')
    expect(wrapper.get('#eval-bootstrap').attributes('aria-describedby')).toBe('eval-bootstrap-error')
    expect(fetch).not.toHaveBeenCalled()
  })
})
