import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AssignReport, AssignmentChange } from '../api/programme'
import { fakeApi, sentBodies } from '../test-api'
import { testI18n } from '../test-utils'
import AssignmentPanel from './call/AssignmentPanel.vue'
import { diffByProposal, hasChanges, reviewerLoads } from './assignment'

const change = (kind: AssignmentChange['change'], reviewer: number, proposal: number, locked = false): AssignmentChange => ({
  change: kind,
  reviewer_id: reviewer,
  person_id: reviewer + 100,
  reviewer: `査読者${reviewer}`,
  proposal_id: proposal,
  proposal: `提案${proposal}`,
  affinity: 0.5,
  locked,
})

const report = (applied = false): AssignReport => ({
  proposals: 2,
  reviewers: 3,
  added: 2,
  removed: 1,
  kept: 2,
  total_affinity: 2.5,
  min_proposal_affinity: 1.0,
  applied,
  changes: [
    change('add', 2, 1),
    change('keep', 1, 1, true),
    change('remove', 3, 1),
    change('keep', 3, 2),
    change('add', 1, 2),
  ],
})

const job = (state: string, result: AssignReport | null = null, progress = 0.5) => ({
  job: { id: 41, kind: 'assignment', state, progress, result, error: null, started_at: null, finished_at: null, started_by: 'web:officer' },
})

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('assignment logic', () => {
  it('groups the changes by proposal, kept first', () => {
    const diffs = diffByProposal(report())
    expect(diffs.map((d) => [d.proposalId, d.added, d.removed, d.kept])).toEqual([
      [1, 1, 1, 1],
      [2, 1, 0, 1],
    ])
    expect(diffs[0]!.changes.map((c) => c.change)).toEqual(['keep', 'add', 'remove'])
  })

  it("counts each reviewer's load before and after", () => {
    const loads = reviewerLoads(report())
    const byId = Object.fromEntries(loads.map((l) => [l.reviewerId, [l.before, l.after]]))
    expect(byId).toEqual({ 1: [1, 2], 2: [0, 1], 3: [2, 1] })
    expect(hasChanges(report())).toBe(true)
    expect(hasChanges({ ...report(), added: 0, removed: 0 })).toBe(false)
  })
})

describe('AssignmentPanel', () => {
  it('previews as a job with progress, shows the diff, and applies only after confirmation', async () => {
    vi.useFakeTimers()
    let polls = 0
    let applied = false
    const fetch = fakeApi({
      'POST /api/v1/calls/3/assignment': (body: unknown) => {
        applied = (body as { apply: boolean }).apply
        polls = 0
        return { status: 202, body: job('queued', null, 0) }
      },
      'GET /api/v1/jobs/41': () => (++polls < 2 ? job('running', null, 0.5) : job('succeeded', report(applied), 1)),
    })
    const wrapper = mount(AssignmentPanel, { props: { callId: 3 }, global: { plugins: [testI18n('ja')] }, attachTo: document.body })
    await wrapper.get('input[value="fair"]').setValue(true)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(sentBodies(fetch, 'POST', '/api/v1/calls/3/assignment')).toEqual([{ apply: false, objective: 'fair', detect_conflicts: true }])
    expect(wrapper.get('progress').attributes('value')).toBe('0')
    await vi.advanceTimersByTimeAsync(400)
    expect(wrapper.get('progress').attributes('value')).toBe('50')
    expect(wrapper.get('.job [role="status"]').text()).toBe('実行中')
    await vi.advanceTimersByTimeAsync(400)
    await flushPromises()
    expect(wrapper.text()).toContain('試算が終わりました。まだ割当は変更されていません。')
    expect(wrapper.get('[data-total="added"]').text()).toContain('2')
    expect(wrapper.get('[data-total="removed"]').text()).toContain('1')
    const first = wrapper.get('tbody[data-proposal="1"]')
    expect(first.findAll('tr').map((tr) => tr.attributes('data-change'))).toEqual(['keep', 'add', 'remove'])
    expect(first.text()).toContain('査読開始済のため継続')
    expect(wrapper.text()).toContain('これは試算です')

    await wrapper.get('.actions .confirm > button').trigger('click')
    expect(wrapper.get('[role="alertdialog"]').text()).toContain('追加 2 件・取消 1 件')
    await wrapper.get('[data-confirm]').trigger('click')
    await flushPromises()
    await vi.advanceTimersByTimeAsync(800)
    await flushPromises()
    expect(sentBodies(fetch, 'POST', '/api/v1/calls/3/assignment').at(-1)).toEqual({ apply: true, objective: 'fair', detect_conflicts: true })
    expect(wrapper.text()).toContain('割当を確定しました(追加 2 件・取消 1 件)。')
    expect(wrapper.text()).toContain('この割当は確定済みです。')
    expect(wrapper.find('.actions .confirm').exists()).toBe(false)
  })

  it('shows why a job failed', async () => {
    vi.useFakeTimers()
    fakeApi({
      'POST /api/v1/calls/3/assignment': { status: 202, body: job('running') },
      'GET /api/v1/jobs/41': { ...job('failed'), job: { ...job('failed').job, error: 'proposal 4 cannot get 3 reviewers' } },
    })
    const wrapper = mount(AssignmentPanel, { props: { callId: 3 }, global: { plugins: [testI18n('en')] } })
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    await vi.advanceTimersByTimeAsync(400)
    expect(wrapper.get('.job [role="alert"]').text()).toBe('proposal 4 cannot get 3 reviewers')
    expect(wrapper.find('[data-total]').exists()).toBe(false)
  })
})
