import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SelectLine, SelectReport } from '../api/programme'
import { formatYen } from '../format'
import { fakeApi, problem, sentBodies } from '../test-api'
import { call } from '../test-fixtures'
import { testI18n } from '../test-utils'
import SelectionPanel from './call/SelectionPanel.vue'
import {
  bindingText,
  emptySelectionForm,
  explain,
  formFieldOf,
  parseBinding,
  parseYen,
  selectionRequest,
} from './selection'

const i18n = (locale: 'ja' | 'en') => {
  const { t, te } = testI18n(locale).global
  return { t: t as (key: string, params?: Record<string, unknown>) => string, te: (key: string) => te(key) }
}

const line = (id: number, rank: number, outcome: SelectLine['outcome'], binding = ''): SelectLine => ({
  rank,
  proposal_id: id,
  title: `提案${id}`,
  score: 4.2 - rank * 0.3,
  regions: 1,
  cost_full: 500_000_000,
  cost_trial: 150_000_000,
  outcome,
  reason: `${outcome}: engine text`,
  binding,
})

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('binding names', () => {
  it('parses every kind of constraint name', () => {
    expect(parseBinding('')).toEqual([])
    expect(parseBinding('budget')).toEqual([{ kind: 'budget' }])
    expect(parseBinding('budget, at most 1 per prefecture:北海道')).toEqual([
      { kind: 'budget' },
      { kind: 'group', op: 'at_most', n: 1, each: true, group: 'prefecture:北海道' },
    ])
    expect(parseBinding('at least 2 of field:it')).toEqual([{ kind: 'group', op: 'at_least', n: 2, each: false, group: 'field:it' }])
    expect(parseBinding('exactly 2 of field:bio')[0]).toMatchObject({ op: 'exactly', n: 2 })
    expect(parseBinding('between 1 and 3 per field:')).toEqual([{ kind: 'between', n: 1, m: 3, each: true, group: 'field:' }])
    expect(parseBinding('at least 3 distinct field:')).toEqual([{ kind: 'distinct', n: 3, prefix: 'field:' }])
    expect(parseBinding('full_count, trial_count')).toEqual([{ kind: 'full_count' }, { kind: 'trial_count' }])
    expect(parseBinding('something new')).toEqual([{ kind: 'other', text: 'something new' }])
  })

  it('says them in Japanese and English', () => {
    const ja = i18n('ja')
    const en = i18n('en')
    const group = parseBinding('at most 1 per prefecture:北海道')[0]!
    expect(bindingText(group, ja.t, ja.te)).toBe('都道府県「北海道」ごとに最大 1 件の条件のため')
    expect(bindingText(group, en.t, en.te)).toBe('at most 1 per prefecture 北海道')
    const field = parseBinding('at most 2 of field:it')[0]!
    expect(bindingText(field, ja.t, ja.te)).toBe('特定領域「情報通信」は最大 2 件の条件のため')
    expect(bindingText(parseBinding('at least 3 distinct field:')[0]!, en.t, en.te)).toBe('at least 3 different field')
    expect(bindingText({ kind: 'budget' }, ja.t, ja.te)).toBe('予算の上限に達しているため')
  })

  it('explains each outcome from the structured fields', () => {
    const ja = i18n('ja')
    const en = i18n('en')
    const yenJa = (n: number) => formatYen(n, 'ja')
    const yenEn = (n: number) => formatYen(n, 'en')
    expect(explain(line(1, 1, 'full'), 3, ja.t, ja.te, yenJa).text).toBe('本格実施として採択: 総合評点 3.90(3 件中 1 位)、年額 5億円。')
    expect(explain(line(2, 2, 'trial'), 3, en.t, en.te, yenEn).text).toBe('Selected as trial: score 3.60 (rank 2 of 3), ¥150M a year.')
    expect(explain(line(3, 3, 'rejected', 'budget, at most 1 per prefecture:北海道'), 3, ja.t, ja.te, yenJa).text).toBe(
      '不採択: 総合評点 3.30(3 件中 3 位)。予算の上限に達しているため、都道府県「北海道」ごとに最大 1 件の条件のため。',
    )
    expect(explain(line(3, 3, 'rejected', ''), 3, en.t, en.te, yenEn).text).toBe(
      'Not selected: score 3.30 (rank 3 of 3); its score is below those selected.',
    )
  })
})

describe('selection form', () => {
  it('reads yen the way officials write it', () => {
    expect(parseYen('7500000000')).toBe(7_500_000_000)
    expect(parseYen('7,500,000,000円')).toBe(7_500_000_000)
    expect(parseYen('75億円')).toBe(7_500_000_000)
    expect(parseYen('4億7,600万円')).toBe(476_000_000)
    expect(parseYen('7.5億')).toBe(750_000_000)
    expect(parseYen('¥500M')).toBe(500_000_000)
    expect(parseYen('¥7.5B')).toBe(7_500_000_000)
    expect(parseYen('')).toBeNull()
    expect(parseYen('たくさん')).toBeNull()
  })

  it('builds the preview and the decision, naming the fields to fix', () => {
    const form = { ...emptySelectionForm(), budget: '75億円', full: '12', constraints: 'per-prefecture<=1\n\nfields>=3' }
    expect(selectionRequest(form, false, false)).toEqual({
      request: { apply: false, budget: 7_500_000_000, full: 12, constraints: ['per-prefecture<=1', 'fields>=3'] },
      errors: {},
    })
    expect(selectionRequest(form, true, false).errors).toEqual({ decidedOn: 'selection.errors.decidedOn' })
    expect(selectionRequest({ ...form, decidedOn: '2002-07-01', note: ' 委員会 ' }, true, false).request).toMatchObject({
      apply: true,
      decided_on: '2002-07-01',
      note: '委員会',
    })
    expect(selectionRequest({ ...form, decidedOn: '2002-07-01' }, true, true).errors).toEqual({ effectiveFy: 'selection.errors.effectiveFy' })
    const bad = selectionRequest({ ...form, budget: 'x', full: '-1', trialWeight: '2', constraints: 'nonsense' }, false, false)
    expect(bad.request).toBeNull()
    expect(Object.keys(bad.errors).sort()).toEqual(['budget', 'constraints', 'full', 'trialWeight'])
    expect(formFieldOf('per_region')).toBe('perRegion')
    expect(formFieldOf('constraints[1]')).toBe('constraints')
    expect(formFieldOf('unknown')).toBeNull()
  })
})

describe('SelectionPanel', () => {
  const report: SelectReport = {
    budget: 1_000_000_000,
    cost: 650_000_000,
    objective: 5.7,
    full: 1,
    trial: 1,
    binding: ['budget'],
    applied: false,
    proposals: [line(1, 1, 'full'), line(2, 2, 'trial'), line(3, 3, 'rejected', 'budget')],
  }
  const jobBody = (state: string, result: SelectReport | null) => ({
    job: { id: 5, kind: 'selection', state, progress: state === 'succeeded' ? 1 : 0.2, result, error: null, started_at: null, finished_at: null, started_by: '' },
  })

  it('previews with reasons in the user language, then decides after confirmation', async () => {
    vi.useFakeTimers()
    let apply = false
    const fetch = fakeApi({
      'POST /api/v1/calls/3/selection': (body: unknown) => {
        apply = (body as { apply: boolean }).apply
        return { status: 202, body: jobBody('running', null) }
      },
      'GET /api/v1/jobs/5': () => jobBody('succeeded', { ...report, applied: apply }),
    })
    const wrapper = mount(SelectionPanel, { props: { call: call() }, global: { plugins: [testI18n('ja')] }, attachTo: document.body })
    await wrapper.get('#sel-budget').setValue('10億円')
    expect(wrapper.get('#sel-budget-help').text()).toBe('= 10億円')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    await vi.advanceTimersByTimeAsync(400)
    await flushPromises()
    expect(sentBodies(fetch, 'POST', '/api/v1/calls/3/selection')).toEqual([{ apply: false, budget: 1_000_000_000 }])
    const rows = wrapper.findAll('tbody tr')
    expect(rows.map((r) => r.attributes('data-outcome'))).toEqual(['full', 'trial', 'rejected'])
    expect(rows[2]!.get('.reason__text').text()).toBe('不採択: 総合評点 3.30(3 件中 3 位)。予算の上限に達しているため。')
    expect(rows[2]!.get('details span').attributes('lang')).toBe('en')
    expect(wrapper.text()).toContain('結果を左右した条件: 予算の上限に達しているため')

    // Deciding needs the date first.
    await wrapper.get('.apply .confirm > button').trigger('click')
    await wrapper.get('[data-confirm]').trigger('click')
    await flushPromises()
    expect(wrapper.get('#sel-decidedOn-error').text()).toBe('決定日を入力してください。')
    await wrapper.get('#sel-decidedOn').setValue('2002-07-01')
    await wrapper.get('.apply .confirm > button').trigger('click')
    expect(wrapper.get('[role="alertdialog"]').text()).toContain('本格実施 1 件・試行 1 件')
    await wrapper.get('[data-confirm]').trigger('click')
    await flushPromises()
    await vi.advanceTimersByTimeAsync(400)
    await flushPromises()
    expect(sentBodies(fetch, 'POST', '/api/v1/calls/3/selection').at(-1)).toEqual({ apply: true, budget: 1_000_000_000, decided_on: '2002-07-01' })
    expect(wrapper.text()).toContain('この採択は決定済みです。')
    expect(wrapper.emitted('applied')).toHaveLength(1)
  })

  it('shows the server field errors by their field', async () => {
    fakeApi({ 'POST /api/v1/calls/3/selection': problem(400, 'invalid selection request', [{ path: 'per_region', expected: 'yen: 7500000000 or "75億円"', got: '"abc"' }]) })
    const wrapper = mount(SelectionPanel, { props: { call: call() }, global: { plugins: [testI18n('en')] } })
    await wrapper.get('#sel-budget').setValue('¥1B')
    await wrapper.get('#sel-perRegion').setValue('¥5M')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('#sel-perRegion-error').text()).toBe('yen: 7500000000 or "75億円" ("abc")')
    expect(wrapper.get('#sel-perRegion').attributes('aria-invalid')).toBe('true')
  })
})
