import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ClusterEvaluation, EvaluationGrade, EvaluationItem } from '../api/programme'
import { fakeApi, problem, sentBodies } from '../test-api'
import { testI18n } from '../test-utils'
import ClusterEvaluationsView from './ClusterEvaluationsView.vue'
import PromotionView from './PromotionView.vue'
import {
  checkGradeForm,
  GRADE_COLOURS,
  gradeDistribution,
  gradeForm,
  gradesBody,
  promotionRequest,
  resultColumns,
  resultRows,
  toGrade,
} from './clusterEvaluation'

const items: EvaluationItem[] = [
  { code: 'overall', name_ja: '総合評価', name_en: 'Overall assessment' },
  { code: 'vision_targets', name_ja: '地域構想と目標・進捗', name_en: 'Regional vision' },
  { code: 'structure', name_ja: '推進体制', name_en: 'Promotion structure' },
]
const evaluation = (id: number, overall: string | null, fy = 2004): ClusterEvaluation => ({
  id,
  cluster_id: 10 + id,
  kind: 'mid_term',
  fiscal_year: fy,
  stage: overall ? 'graded' : 'committee_review',
  overall_grade: overall,
  summary: overall ? '概ね順調' : null,
})
const grade = (evaluationId: number, item: string, value: string): EvaluationGrade => ({
  id: evaluationId * 10 + item.length,
  cluster_evaluation_id: evaluationId,
  item,
  grade: value,
  comment: null,
})
const page = (list: unknown[]) => ({ items: list, total: list.length, limit: 1000, offset: 0 })

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('cluster evaluation logic', () => {
  it('reads grades in either case and gives each a colour with enough contrast', () => {
    expect(toGrade('s')).toBe('S')
    expect(toGrade(' B ')).toBe('B')
    expect(toGrade('x')).toBeNull()
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = parseInt(hex.slice(i, i + 2), 16) / 255
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
      })
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
    }
    for (const { bg, fg } of Object.values(GRADE_COLOURS)) {
      const [a, b] = [luminance(bg), luminance(fg)].sort((x, y) => y - x)
      expect((a! + 0.05) / (b! + 0.05)).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('fills the form from earlier grades, checks it and builds the body', () => {
    const form = gradeForm(items, evaluation(1, 'a'), [grade(1, 'structure', 'b'), grade(2, 'structure', 'c')])
    expect(form).toEqual({
      grades: { overall: '', vision_targets: '', structure: 'B' },
      comments: { overall: '', vision_targets: '', structure: '' },
      overall: 'A',
      comment: '概ね順調',
    })
    expect(checkGradeForm(items, form)).toEqual({ 'grades.vision_targets': 'clusterEval.errors.grade' })
    form.grades.vision_targets = 'S'
    form.comments.structure = ' 体制を強化 '
    expect(checkGradeForm(items, form)).toEqual({})
    expect(gradesBody(items, form)).toEqual({
      grades: { overall: 'A', vision_targets: 'S', structure: 'B' },
      comments: { structure: '体制を強化' },
      overall: 'A',
      comment: '概ね順調',
    })
  })

  it('lays out the results newest first and counts the overall grades', () => {
    const recorded = [grade(1, 'structure', 's'), grade(1, '地域構想と目標・進捗', 'b'), grade(1, '総合評価', 'a'), grade(1, '事業化', 'c')]
    expect(resultColumns(items, recorded).map((c) => c.key)).toEqual(['vision_targets', 'structure', '事業化'])
    const rows = resultRows([evaluation(1, 'a', 2003), evaluation(2, null, 2005)], recorded, items)
    expect(rows.map((r) => r.evaluation.id)).toEqual([2, 1])
    expect(rows[1]!.grades).toEqual({ vision_targets: 'B', structure: 'S', 事業化: 'C' })
    expect(gradeDistribution(rows)).toEqual({ S: 0, A: 1, B: 0, C: 0 })
  })

  it('checks a promotion', () => {
    expect(promotionRequest({ decidedOn: '', effectiveFy: '20', fundingSource: '' }).errors).toEqual({
      decided_on: 'promotion.errors.decidedOn',
      effective_fy: 'promotion.errors.effectiveFy',
    })
    expect(promotionRequest({ decidedOn: '2004-12-01', effectiveFy: '2005', fundingSource: '補正予算' }).request).toEqual({
      decided_on: '2004-12-01',
      effective_fy: 2005,
      funding_source: '補正予算',
    })
  })
})

describe('ClusterEvaluationsView', () => {
  it('shows grades as letters with colour and saves a complete grade form', async () => {
    let saved = false
    const fetch = fakeApi({
      'GET /api/v1/cluster_evaluation_items': { items },
      'GET /api/v1/cluster_evaluations': () => page([evaluation(1, 'a'), evaluation(2, saved ? 's' : null)]),
      'GET /api/v1/evaluation_grades': page([grade(1, 'vision_targets', 'a'), grade(1, 'structure', 'c')]),
      'GET /api/v1/clusters': page([
        { id: 11, program_id: 1, name_ja: '札幌IT', name_en: 'Sapporo IT', field: 'it', status: 'full', started_on: null, ended_on: null },
        { id: 12, program_id: 1, name_ja: '関西文化学術', name_en: null, field: 'it', status: 'full', started_on: null, ended_on: null },
      ]),
      'PUT /api/v1/cluster_evaluations/2/grades': (body: unknown) => {
        const grades = (body as { grades: Record<string, string> }).grades
        if (grades.structure === 'C') return problem(400, 'invalid grades', [{ path: 'grades.structure', expected: 'S, A, B or C', got: 'C?' }])
        saved = true
        return evaluation(2, 's')
      },
    })
    const wrapper = mount(ClusterEvaluationsView, { global: { plugins: [testI18n('ja')] }, attachTo: document.body })
    await flushPromises()
    const row = wrapper.get('tr[data-evaluation="1"]')
    const cells = row.findAll('[data-grade]')
    expect(cells.map((c) => c.attributes('data-grade'))).toEqual(['A', 'C', 'A'])
    expect(cells[1]!.text()).toContain('C')
    expect(cells[1]!.attributes('style')).toContain('background')
    expect(row.get('th').text()).toBe('札幌IT')

    expect(wrapper.find('tr[data-evaluation="1"] button').exists()).toBe(false)
    expect(wrapper.get('tr[data-evaluation="1"]').text()).toContain('確定済')
    await wrapper.get('tr[data-evaluation="2"] button').trigger('click')
    expect(wrapper.get('#grade-form-heading').text()).toBe('関西文化学術 中間評価(2004年度)')
    await wrapper.get('.grade-form .confirm > button').trigger('click')
    await wrapper.get('[data-confirm]').trigger('click')
    await flushPromises()
    expect(sentBodies(fetch, 'PUT', '/api/v1/cluster_evaluations/2/grades')).toEqual([])
    expect(wrapper.get('#grade-vision_targets-error').text()).toBe('S・A・B・C のいずれかを選んでください。')

    await wrapper.get('#grade-vision_targets').setValue('S')
    await wrapper.get('#grade-structure').setValue('C')
    await wrapper.get('#grade-overall').setValue('S')
    await wrapper.get('.grade-form .confirm > button').trigger('click')
    await wrapper.get('[data-confirm]').trigger('click')
    await flushPromises()
    expect(wrapper.get('#grade-structure-error').text()).toBe('S, A, B or C (C?)')

    await wrapper.get('#grade-structure').setValue('A')
    await wrapper.get('.grade-form .confirm > button').trigger('click')
    await wrapper.get('[data-confirm]').trigger('click')
    await flushPromises()
    expect(wrapper.find('#grade-overall-error').exists()).toBe(false)
    expect(wrapper.findAll('[data-item]').map((item) => item.attributes('data-item'))).toEqual(['vision_targets', 'structure'])
    expect(sentBodies(fetch, 'PUT', '/api/v1/cluster_evaluations/2/grades').at(-1)).toEqual({
      grades: { overall: 'S', vision_targets: 'S', structure: 'A' },
      overall: 'S',
    })
    expect(wrapper.text()).toContain('評定を保存しました。')
    expect(wrapper.get('tr[data-evaluation="2"]').findAll('[data-grade]').at(-1)!.attributes('data-grade')).toBe('S')
  })
})

describe('PromotionView', () => {
  it('promotes a trial cluster after confirmation', async () => {
    const fetch = fakeApi({
      'GET /api/v1/clusters': page([
        { id: 11, program_id: 1, name_ja: '浜松オプトロニクス', name_en: 'Hamamatsu', field: 'it', status: 'trial', started_on: null, ended_on: null },
      ]),
      'GET /api/v1/promotions': page([]),
      'POST /api/v1/clusters/11/promotion': { promotion_id: 3 },
    })
    const wrapper = mount(PromotionView, { global: { plugins: [testI18n('en')] }, attachTo: document.body })
    await flushPromises()
    await wrapper.get('[data-cluster="11"] button').trigger('click')
    await wrapper.get('#promo-decided').setValue('2004-12-01')
    await wrapper.get('#promo-fy').setValue('2005')
    await wrapper.get('#promo-source').setValue('supplementary budget')
    await wrapper.get('.confirm > button').trigger('click')
    expect(wrapper.get('[role="alertdialog"]').text()).toContain('Promote Hamamatsu to full implementation?')
    await wrapper.get('[data-confirm]').trigger('click')
    await flushPromises()
    expect(sentBodies(fetch, 'POST', '/api/v1/clusters/11/promotion')).toEqual([
      { decided_on: '2004-12-01', effective_fy: 2005, funding_source: 'supplementary budget' },
    ])
    expect(wrapper.text()).toContain('Hamamatsu is full from FY2005.')
  })
})
