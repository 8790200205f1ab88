import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Criterion, Proposal } from '../api/programme'
import { fakeApi, sentBodies } from '../test-api'
import { call } from '../test-fixtures'
import { testI18n } from '../test-utils'
import CallDetailView from './CallDetailView.vue'
import CallsView from './CallsView.vue'
import ConflictsPanel from './call/ConflictsPanel.vue'
import ProposalsPanel from './call/ProposalsPanel.vue'
import { criteriaShares, implementationYears, proposalRows, rulesOf, schedulePhase, statusCounts } from './calls'


const criterion = (id: number, weight: number, group: Criterion['criterion_group'] = 'scientific'): Criterion => ({
  id,
  call_id: 3,
  key: `c${id}`,
  label_ja: `項目${id}`,
  label_en: `Criterion ${id}`,
  weight,
  criterion_group: group,
})

const proposal = (id: number, status: Proposal['status'] = 'submitted'): Proposal => ({
  id,
  call_id: 3,
  title_ja: `提案${id}`,
  title_en: null,
  field: 'it',
  status,
  submitted_on: '2002-03-01',
  requested_per_year: 600_000_000,
})

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('calls logic', () => {
  it('fills the rules the call leaves empty with the documented defaults', () => {
    const rules = rulesOf(call())
    expect(rules.find((r) => r.key === 'min_load')).toEqual({ key: 'min_load', value: 0, defaulted: true })
    expect(rules.find((r) => r.key === 'conflict_years')).toEqual({ key: 'conflict_years', value: 3, defaulted: true })
    expect(rules.find((r) => r.key === 'hearing_weight')).toEqual({ key: 'hearing_weight', value: 0.4, defaulted: false })
  })

  it('places today against the schedule', () => {
    expect(schedulePhase(call(), '2002-01-01').phase).toBe('before')
    expect(schedulePhase(call(), '2002-03-21')).toEqual({ phase: 'open', daysLeft: 10 })
    expect(schedulePhase(call(), '2002-04-01').phase).toBe('after')
    expect(schedulePhase(call({ opens_on: null, closes_on: null }), '2002-04-01').phase).toBe('unknown')
    expect(implementationYears(call())).toEqual({ from: 2002, to: 2006 })
  })

  it('orders criteria by weight with their share', () => {
    const shares = criteriaShares([criterion(1, 1), criterion(2, 3)])
    expect(shares.map((s) => [s.criterion.id, s.share])).toEqual([
      [2, 0.75],
      [1, 0.25],
    ])
    expect(criteriaShares([criterion(1, 0)])[0]!.share).toBe(0)
  })

  it('gathers regions, governments and budgets per proposal', () => {
    const rows = proposalRows(
      [proposal(2), proposal(1)],
      [
        { id: 1, proposal_id: 1, region_id: 10 },
        { id: 2, proposal_id: 1, region_id: 11 },
      ],
      [
        { id: 10, name_ja: '札幌', name_en: 'Sapporo', prefecture: '北海道' },
        { id: 11, name_ja: '函館', name_en: null, prefecture: '北海道' },
      ],
      [{ id: 1, proposal_id: 2, local_government_id: 5 }],
      [{ id: 5, name_ja: '北海道', name_en: 'Hokkaido' }],
      [
        { id: 1, proposal_id: 1, fiscal_year: 2003, amount: 400_000_000 },
        { id: 2, proposal_id: 1, fiscal_year: 2002, amount: 300_000_000 },
      ],
    )
    expect(rows.map((r) => r.proposal.id)).toEqual([1, 2])
    expect(rows[0]!.regions.map((r) => r.name_ja)).toEqual(['札幌', '函館'])
    expect(rows[0]!.budgets).toEqual([
      { fiscalYear: 2002, amount: 300_000_000 },
      { fiscalYear: 2003, amount: 400_000_000 },
    ])
    expect(rows[0]!.total).toBe(700_000_000)
    expect(rows[1]!.governments.map((g) => g.name_en)).toEqual(['Hokkaido'])
    expect(rows[1]!.total).toBe(600_000_000)
    expect(statusCounts([proposal(1, 'full'), proposal(2), proposal(3)])).toEqual([
      ['submitted', 2],
      ['full', 1],
    ])
  })
})

function router() {
  const empty = { render: () => null }
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/office/calls', name: 'calls', component: empty },
      { path: '/office/calls/:callId', name: 'call', component: empty },
    ],
  })
}

describe('CallsView', () => {
  it('lists calls newest first with status, closing date and proposal count', async () => {
    fakeApi({
      'GET /api/v1/calls': { items: [call({ id: 1, fiscal_year: 2001, status: 'decided' }), call()], total: 2, limit: 1000, offset: 0 },
      'GET /api/v1/proposals': { items: [proposal(1), proposal(2)], total: 2, limit: 1000, offset: 0 },
    })
    const r = router()
    await r.push('/office/calls')
    const wrapper = mount(CallsView, { global: { plugins: [testI18n('ja'), r] } })
    await flushPromises()
    const rows = wrapper.findAll('tbody tr')
    expect(rows.map((row) => row.attributes('data-call'))).toEqual(['3', '1'])
    expect(rows[0]!.text()).toContain('2002年度')
    expect(rows[0]!.text()).toContain('締切')
    expect(rows[0]!.text()).toContain('平成14年3月31日')
    expect(rows[0]!.findAll('td').at(-1)!.text()).toBe('2')
    expect(rows[1]!.text()).toContain('決定済')
    expect(rows[0]!.get('a').attributes('href')).toBe('/office/calls/3')
  })
})

describe('CallDetailView', () => {
  it('shows the schedule, the rules with defaults and the weighted criteria', async () => {
    fakeApi({
      'GET /api/v1/calls/3': call(),
      'GET /api/v1/criteria': { items: [criterion(1, 1, 'structural'), criterion(2, 3)], total: 2, limit: 1000, offset: 0 },
    })
    const r = router()
    await r.push('/office/calls/3')
    const wrapper = mount(CallDetailView, { props: { callId: '3' }, global: { plugins: [testI18n('en'), r] } })
    await flushPromises()
    expect(wrapper.get('h1').text()).toBe('Knowledge Cluster Initiative: call for regions')
    expect(wrapper.get('[data-rule="conflict_years"]').text()).toBe('3 years (default)')
    expect(wrapper.get('[data-rule="hearing_weight"]').text()).toBe('40%')
    expect(wrapper.text()).toContain('FY2002 to FY2006 (5 years)')
    const criteriaRows = wrapper.findAll('#criteria-heading ~ div tbody tr')
    expect(criteriaRows.map((row) => row.get('th').text())).toEqual(['Criterion 2', 'Criterion 1'])
    expect(criteriaRows[0]!.text()).toContain('75%')
    const tabs = wrapper.findAll('[role="tab"]')
    expect(tabs.map((tab) => tab.attributes('aria-selected'))).toEqual(['true', 'false', 'false', 'false', 'false', 'false'])
    // Arrow keys move along the tabs and into the address.
    await tabs[0]!.trigger('keydown', { key: 'ArrowRight' })
    await flushPromises()
    expect(r.currentRoute.value.query.tab).toBe('proposals')
  })
})

describe('ProposalsPanel', () => {
  it('shows each proposal with its regions, governments and budget per fiscal year', async () => {
    const page = (items: unknown[]) => ({ items, total: items.length, limit: 1000, offset: 0 })
    fakeApi({
      'GET /api/v1/proposals': page([proposal(1, 'under_review'), proposal(2)]),
      'GET /api/v1/proposal_regions': page([{ id: 1, proposal_id: 1, region_id: 10 }, { id: 2, proposal_id: 9, region_id: 10 }]),
      'GET /api/v1/regions': page([{ id: 10, name_ja: '札幌', name_en: 'Sapporo', prefecture: '北海道' }]),
      'GET /api/v1/proposal_governments': page([{ id: 1, proposal_id: 1, local_government_id: 5 }]),
      'GET /api/v1/local_governments': page([{ id: 5, name_ja: '北海道', name_en: 'Hokkaido' }]),
      'GET /api/v1/proposal_budgets': page([{ id: 1, proposal_id: 1, fiscal_year: 2002, amount: 476_000_000 }]),
    })
    const wrapper = mount(ProposalsPanel, { props: { callId: 3 }, global: { plugins: [testI18n('ja')] } })
    await flushPromises()
    const rows = wrapper.findAll('tbody tr')
    expect(rows[0]!.text()).toContain('札幌')
    expect(rows[0]!.text()).toContain('北海道')
    expect(rows[0]!.text()).toContain('2002年度 4億7,600万円')
    expect(rows[0]!.text()).toContain('審査中')
    expect(rows[1]!.text()).toContain('年額 6億円')
    expect(wrapper.get('.counts').text()).toContain('提出済 1')
  })
})

describe('ConflictsPanel', () => {
  it('previews the detected conflicts with names and records the new ones after confirmation', async () => {
    const fetch = fakeApi({
      'GET /api/v1/calls/3/conflicts': {
        findings: [
          { person_id: 7, proposal_id: 1, kind: 'same_organization', reason: '北海道大学', recorded: false },
          { person_id: 8, proposal_id: 2, kind: 'co_author', reason: 'paper 12', recorded: true },
        ],
      },
      'GET /api/v1/people/7': { id: 7, family_name: '山田', given_name: '太郎', name_en: 'Taro Yamada' },
      'GET /api/v1/people/8': { id: 8, family_name: '佐藤', given_name: null, name_en: null },
      'POST /api/v1/calls/3/conflicts': { findings: [], recorded: 1 },
    })
    const wrapper = mount(ConflictsPanel, { props: { callId: 3 }, global: { plugins: [testI18n('ja')] }, attachTo: document.body })
    await flushPromises()
    const rows = wrapper.findAll('tbody tr')
    expect(rows[0]!.text()).toContain('山田 太郎')
    expect(rows[0]!.text()).toContain('同一機関')
    expect(rows[0]!.text()).toContain('未登録')
    expect(rows[1]!.text()).toContain('共著者')
    expect(wrapper.text()).toContain('2 件を検出(うち未登録 1 件)')
    await wrapper.get('.confirm > button').trigger('click')
    expect(document.activeElement?.hasAttribute('data-confirm')).toBe(true)
    await wrapper.get('[data-confirm]').trigger('click')
    await flushPromises()
    expect(sentBodies(fetch, 'POST', '/api/v1/calls/3/conflicts')).toHaveLength(1)
    expect(wrapper.text()).toContain('1 件の利害関係を登録しました。')
  })
})
