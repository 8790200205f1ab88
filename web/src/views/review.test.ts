import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { ApiError } from '../api/client'
import type { FormCriterion, MyAssignment, ReviewFormData } from '../api/programme'
import { fakeApi, problem, sentBodies } from '../test-api'
import { testI18n } from '../test-utils'
import MyAssignmentsView from './MyAssignmentsView.vue'
import ReviewFormView from './ReviewFormView.vue'
import {
  checkScores,
  countByStatus,
  initialScores,
  scoreLabelKey,
  scoreRange,
  scoresBody,
  serverFieldErrors,
  sortAssignments,
  weightedScore,
} from './review'

const assignment = (id: number, status: MyAssignment['review_status'], conflict = false): MyAssignment => ({
  assignment_id: id,
  call_id: 1,
  call_title: '平成14年度 知的クラスター創成事業 公募',
  proposal_id: 100 + id,
  proposal_title: `提案${id}`,
  review_id: status === 'none' ? null : id,
  review_status: status,
  conflict,
})

const criteria: FormCriterion[] = [
  { id: 11, code: 'potential', name_ja: '研究開発の可能性', name_en: 'R&D potential', weight: 2, score_max: 5 },
  { id: 12, code: 'structure', name_ja: '推進体制', name_en: 'Promotion structure', weight: 1, score_max: 5 },
]

const form = (review: ReviewFormData['review'] = null): ReviewFormData => ({
  assignment: { id: 5, reviewer_id: 2, proposal_id: 105 },
  call: { id: 1, title_ja: '知的クラスター公募', title_en: 'Knowledge cluster call', fiscal_year: 2002 },
  proposal: { id: 105, title: '札幌IT', title_ja: '札幌IT', title_en: 'Sapporo IT', vision: '北の IT 拠点', targets: null },
  criteria,
  review,
})

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('review logic', () => {
  it('puts drafts first, then not started, submitted, and conflicts last', () => {
    const sorted = sortAssignments([
      assignment(1, 'submitted'),
      assignment(2, 'none', true),
      assignment(3, 'none'),
      assignment(4, 'draft'),
    ])
    expect(sorted.map((a) => a.assignment_id)).toEqual([4, 3, 1, 2])
    expect(countByStatus(sorted)).toEqual({ none: 1, draft: 1, submitted: 1 })
  })

  it('builds the scale with words for a five-point scale and the ends of others', () => {
    expect(scoreRange(5)).toEqual([1, 2, 3, 4, 5])
    expect(scoreRange(0)).toHaveLength(5)
    expect(scoreLabelKey(5, 5)).toBe('review.scale5.5')
    expect(scoreLabelKey(1, 7)).toBe('review.scaleLowest')
    expect(scoreLabelKey(7, 7)).toBe('review.scaleHighest')
    expect(scoreLabelKey(4, 7)).toBeNull()
  })

  it('reads saved scores keyed by id or code and checks them', () => {
    const scores = initialScores(form({ id: 9, status: 'draft', scores: { '11': 4, structure: 2 }, comment: '' }))
    expect(scores).toEqual({ 11: 4, 12: 2 })
    expect(checkScores(criteria, { 11: 4, 12: null }, false)).toEqual({})
    expect(checkScores(criteria, { 11: 4, 12: null }, true)).toEqual({ 12: 'required' })
    expect(checkScores(criteria, { 11: 6, 12: 1 }, false)).toEqual({ 11: 'range' })
    expect(scoresBody({ 11: 4, 12: null })).toEqual({ '11': 4 })
    expect(weightedScore(criteria, { 11: 5, 12: 2 })).toBeCloseTo(4)
    expect(weightedScore(criteria, { 11: null, 12: null })).toBeNull()
  })

  it('files the server field errors under their criterion or the comment', () => {
    const error = new ApiError({
      status: 400,
      detail: 'invalid scores',
      errors: [
        { path: 'scores.11', expected: 'an integer 1..5', got: '9' },
        { path: 'scores.structure', expected: 'a score 1..5', got: 'nothing' },
        { path: 'comment', expected: 'at most 20000 characters', got: '' },
        { path: 'submit', expected: 'a boolean', got: '"yes"' },
      ],
    })
    const found = serverFieldErrors(error, criteria)
    expect(found.get(11)).toEqual(['an integer 1..5 (9)'])
    expect(found.get(12)).toEqual(['a score 1..5 (nothing)'])
    expect(found.get('comment')).toEqual(['at most 20000 characters'])
    expect(found.get('')).toEqual(['submit: a boolean ("yes")'])
    expect(serverFieldErrors(new Error('x'), criteria).size).toBe(0)
  })
})

function router() {
  const empty = { render: () => null }
  const r = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/review', name: 'my-assignments', component: empty },
      { path: '/review/:assignmentId', name: 'review-form', component: empty },
    ],
  })
  return r
}

describe('MyAssignmentsView', () => {
  it('lists the assignments with their status and links to the form', async () => {
    fakeApi({ 'GET /api/v1/me/assignments': { items: [assignment(1, 'submitted'), assignment(2, 'draft'), assignment(3, 'none', true)] } })
    const r = router()
    await r.push('/review')
    const wrapper = mount(MyAssignmentsView, { global: { plugins: [testI18n('ja'), r] } })
    await flushPromises()
    const rows = wrapper.findAll('tbody tr')
    expect(rows.map((row) => row.attributes('data-assignment'))).toEqual(['2', '1', '3'])
    expect(rows[0]!.text()).toContain('下書き')
    expect(rows[0]!.get('a').attributes('href')).toBe('/review/2')
    expect(rows[1]!.text()).toContain('提出済')
    expect(rows[2]!.text()).toContain('利害関係により辞退')
    expect(rows[2]!.find('a').exists()).toBe(false)
    expect(wrapper.text()).toContain('未提出 1 件(うち下書き 1 件)・提出済 1 件')
  })

  it('says so when nothing is assigned', async () => {
    fakeApi({ 'GET /api/v1/me/assignments': { items: [] } })
    const r = router()
    await r.push('/review')
    const wrapper = mount(MyAssignmentsView, { global: { plugins: [testI18n('en'), r] } })
    await flushPromises()
    expect(wrapper.text()).toContain('No reviews are assigned to you.')
  })
})

async function mountForm(locale: 'ja' | 'en' = 'en') {
  const r = router()
  await r.push('/review/5')
  const wrapper = mount(ReviewFormView, {
    props: { assignmentId: '5' },
    global: { plugins: [testI18n(locale), r] },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, router: r }
}

describe('ReviewFormView', () => {
  it('labels each score and checks a submission before sending it', async () => {
    const fetch = fakeApi({ 'GET /api/v1/review_assignments/5/review': form() })
    const { wrapper } = await mountForm('ja')
    expect(wrapper.get('h1').text()).toBe('札幌IT')
    const legends = wrapper.findAll('legend').map((l) => l.text())
    expect(legends[0]).toContain('研究開発の可能性')
    expect(wrapper.get('label[for="score-11-5"]').text()).toContain('非常に優れている')
    expect(wrapper.get('label[for="review-comment"]').text()).toBe('コメント')

    await wrapper.get('#score-11-4').setValue(true)
    // Submit asks first; confirming runs the local check: structure has no score.
    await wrapper.get('.actions .confirm > button').trigger('click')
    expect(wrapper.get('[role="alertdialog"]').text()).toContain('提出後は修正できません')
    await wrapper.get('[data-confirm]').trigger('click')
    await flushPromises()
    expect(sentBodies(fetch, 'PUT', '/api/v1/review_assignments/5/review')).toEqual([])
    const fieldset = wrapper.get('[data-criterion="12"]')
    expect(fieldset.attributes('aria-describedby')).toBe('score-error-12')
    expect(wrapper.get('#score-error-12').text()).toBe('評点を選択してください(1〜5)。')
    expect(wrapper.find('#score-error-11').exists()).toBe(false)
  })

  it('saves a draft and shows the server field errors by their criterion', async () => {
    let saved = 0
    const fetch = fakeApi({
      'GET /api/v1/review_assignments/5/review': () =>
        saved === 0 ? form() : form({ id: 9, status: 'draft', scores: { '11': 4 }, comment: 'good' }),
      'PUT /api/v1/review_assignments/5/review': (body: unknown) => {
        const scores = (body as { scores: Record<string, number> }).scores
        if (scores['12'] === 3) return problem(400, 'invalid scores', [{ path: 'scores.structure', expected: 'a score the call allows', got: '3' }])
        saved++
        return { review_id: 9, status: 'draft' }
      },
    })
    const { wrapper } = await mountForm()
    await wrapper.get('#score-11-4').setValue(true)
    await wrapper.get('#review-comment').setValue('good')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(sentBodies(fetch, 'PUT', '/api/v1/review_assignments/5/review')).toEqual([
      { scores: { '11': 4 }, comment: 'good', submit: false },
    ])
    expect(wrapper.get('.live').text()).toBe('Draft saved.')
    expect(wrapper.text()).toContain('Draft')

    await wrapper.get('#score-12-3').setValue(true)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('#score-error-12').text()).toBe('a score the call allows (3)')
    expect(wrapper.get('.live').text()).toBe('Not saved: please check the form.')
  })

  it('submits after confirmation and then shows the other reviews', async () => {
    let submitted = false
    const fetch = fakeApi({
      'GET /api/v1/review_assignments/5/review': () =>
        submitted
          ? form({ id: 9, status: 'submitted', scores: { '11': 5, '12': 4 }, comment: 'ok', submitted_at: '2002-08-01T10:00:00Z' })
          : form(),
      'PUT /api/v1/review_assignments/5/review': () => {
        submitted = true
        return { review_id: 9, status: 'submitted' }
      },
      'GET /api/v1/proposals/105/reviews': {
        items: [
          { review_id: 9, reviewer_id: 2, person_id: 3, reviewer_name: '山田 太郎', status: 'submitted', comment: 'ok', submitted_at: '', scores: { potential: 5, structure: 4 }, weighted: 4.67 },
          { review_id: 10, reviewer_id: 4, person_id: 6, reviewer_name: '佐藤 花子', status: 'submitted', comment: '', submitted_at: '', scores: { potential: 3, structure: 3 }, weighted: 3 },
        ],
      },
    })
    const { wrapper } = await mountForm()
    await wrapper.get('#score-11-5').setValue(true)
    await wrapper.get('#score-12-4').setValue(true)
    await wrapper.get('.actions .confirm > button').trigger('click')
    await wrapper.get('[data-confirm]').trigger('click')
    await flushPromises()
    expect(sentBodies(fetch, 'PUT', '/api/v1/review_assignments/5/review')).toEqual([
      { scores: { '11': 5, '12': 4 }, comment: '', submit: true },
    ])
    expect(wrapper.get('.live').text()).toBe('Review submitted.')
    expect(wrapper.text()).toContain('Submitted at 1 Aug 2002 10:00')
    expect(wrapper.find('.actions').exists()).toBe(false)
    expect(wrapper.get('fieldset').attributes('disabled')).toBeDefined()
    const rows = wrapper.findAll('section[aria-labelledby="others-heading"] tbody tr')
    expect(rows.map((row) => row.text())).toEqual([
      expect.stringContaining('山田 太郎'),
      expect.stringContaining('佐藤 花子'),
    ])
    expect(rows[1]!.findAll('td').map((td) => td.text()).slice(0, 3)).toEqual(['3', '3', '3.00'])
  })

  it('declares a conflict only with a reason and after confirmation', async () => {
    const fetch = fakeApi({
      'GET /api/v1/review_assignments/5/review': form(),
      'POST /api/v1/review_assignments/5/conflict': { conflict_id: 77 },
    })
    const { wrapper, router: r } = await mountForm()
    const section = wrapper.get('section.conflict')
    await section.get('.confirm > button').trigger('click')
    await section.get('[data-confirm]').trigger('click')
    await flushPromises()
    expect(wrapper.get('#conflict-reason-error').text()).toBe('Describe the conflict of interest.')
    expect(sentBodies(fetch, 'POST', '/api/v1/review_assignments/5/conflict')).toEqual([])

    await wrapper.get('#conflict-reason').setValue('共同研究の相手先です')
    await section.get('.confirm > button').trigger('click')
    await section.get('[data-cancel]').trigger('click')
    expect(sentBodies(fetch, 'POST', '/api/v1/review_assignments/5/conflict')).toEqual([])
    await section.get('.confirm > button').trigger('click')
    await section.get('[data-confirm]').trigger('click')
    await flushPromises()
    expect(sentBodies(fetch, 'POST', '/api/v1/review_assignments/5/conflict')).toEqual([{ reason: '共同研究の相手先です' }])
    expect(r.currentRoute.value.name).toBe('my-assignments')
  })

  it('shows a load error with a retry', async () => {
    fakeApi({ 'GET /api/v1/review_assignments/5/review': problem(404, 'no such assignment') })
    const { wrapper } = await mountForm()
    expect(wrapper.get('[role="alert"]').text()).toContain('Not found')
  })
})
