// Mid-term and post evaluations of clusters (S/A/B/C): the committee's grade form and the table of
// results. Grades are stored lower-case (s|a|b|c) and shown as letters; colour is never the only
// signal (every cell carries its letter).
import type { ClusterEvaluation, EvaluationGrade, EvaluationItem, Grade } from '../api/programme'

export const GRADES: readonly Grade[] = ['S', 'A', 'B', 'C']

/**
 * The item list of the API includes the overall assessment ("overall"), which the form and the
 * table show once, as the evaluation's overall grade; the request repeats it as an item.
 */
export const OVERALL_ITEM = 'overall'

/** The items graded one by one (without the overall assessment). */
export const itemsToGrade = (items: readonly EvaluationItem[]) => items.filter((item) => item.code !== OVERALL_ITEM)

export function toGrade(value: string | null | undefined): Grade | null {
  const upper = (value ?? '').trim().toUpperCase()
  return (GRADES as readonly string[]).includes(upper) ? (upper as Grade) : null
}

/** Background and text colours with at least 4.5:1 contrast. */
export const GRADE_COLOURS: Record<Grade, { bg: string; fg: string }> = {
  S: { bg: '#0b5394', fg: '#ffffff' },
  A: { bg: '#d9f2e3', fg: '#0d4d2b' },
  B: { bg: '#fff4d6', fg: '#5c3d00' },
  C: { bg: '#fdecea', fg: '#7a1a14' },
}

export interface GradeForm {
  grades: Record<string, Grade | ''>
  comments: Record<string, string>
  overall: Grade | ''
  comment: string
}

/** The form filled with what was recorded before (an evaluation graded earlier can be revised). */
export function gradeForm(
  items: readonly EvaluationItem[],
  evaluation: ClusterEvaluation,
  grades: readonly EvaluationGrade[],
): GradeForm {
  const own = grades.filter((g) => g.cluster_evaluation_id === evaluation.id)
  const form: GradeForm = {
    grades: {},
    comments: {},
    overall: toGrade(evaluation.overall_grade) ?? '',
    comment: evaluation.summary ?? '',
  }
  for (const item of items) {
    const found = own.find((g) => g.item === item.code)
    form.grades[item.code] = toGrade(found?.grade) ?? ''
    form.comments[item.code] = found?.comment ?? ''
  }
  return form
}

/** Field → i18n key of what is missing: every item needs a grade, and so does the overall. */
export function checkGradeForm(items: readonly EvaluationItem[], form: GradeForm): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const item of itemsToGrade(items)) {
    if (!form.grades[item.code]) errors[`grades.${item.code}`] = 'clusterEval.errors.grade'
  }
  if (!form.overall) errors.overall = 'clusterEval.errors.grade'
  return errors
}

export function gradesBody(items: readonly EvaluationItem[], form: GradeForm) {
  const grades: Record<string, Grade> = {}
  const comments: Record<string, string> = {}
  for (const item of items) {
    const grade = item.code === OVERALL_ITEM ? form.overall : form.grades[item.code]
    if (grade) grades[item.code] = grade
    const comment = form.comments[item.code]?.trim()
    if (comment) comments[item.code] = comment
  }
  return {
    grades,
    ...(Object.keys(comments).length ? { comments } : {}),
    overall: form.overall as Grade,
    ...(form.comment.trim() ? { comment: form.comment.trim() } : {}),
  }
}

export interface ResultColumn {
  key: string
  name_ja: string
  name_en: string
}

/** Whether a recorded grade row is of this item: by code, or by the item's name (older records). */
const isOf = (row: EvaluationGrade, item: EvaluationItem) =>
  row.item === item.code || row.item === item.name_ja || row.item === item.name_en

const isOverall = (row: EvaluationGrade, items: readonly EvaluationItem[]) => {
  const overall = items.find((item) => item.code === OVERALL_ITEM)
  return row.item === OVERALL_ITEM || (!!overall && isOf(row, overall))
}

/**
 * The columns of the results: the items of the API (without the overall assessment, which has its
 * own column), then any other item recorded in the grades, under its recorded name.
 */
export function resultColumns(items: readonly EvaluationItem[], grades: readonly EvaluationGrade[]): ResultColumn[] {
  const columns: ResultColumn[] = itemsToGrade(items).map((item) => ({ key: item.code, name_ja: item.name_ja, name_en: item.name_en }))
  const seen = new Set<string>()
  for (const row of grades) {
    if (isOverall(row, items) || items.some((item) => isOf(row, item)) || seen.has(row.item)) continue
    seen.add(row.item)
    columns.push({ key: row.item, name_ja: row.item, name_en: row.item })
  }
  return columns
}

export interface ResultRow {
  evaluation: ClusterEvaluation
  grades: Record<string, Grade | null>
  overall: Grade | null
}

/** One row per evaluation (newest fiscal year first), one cell per column. */
export function resultRows(
  evaluations: readonly ClusterEvaluation[],
  grades: readonly EvaluationGrade[],
  items: readonly EvaluationItem[],
): ResultRow[] {
  const columns = resultColumns(items, grades)
  const byEvaluation = new Map<number, EvaluationGrade[]>()
  for (const g of grades) byEvaluation.set(g.cluster_evaluation_id, [...(byEvaluation.get(g.cluster_evaluation_id) ?? []), g])
  return [...evaluations]
    .sort((a, b) => b.fiscal_year - a.fiscal_year || a.cluster_id - b.cluster_id || a.id - b.id)
    .map((evaluation) => {
      const own = byEvaluation.get(evaluation.id) ?? []
      const row: Record<string, Grade | null> = {}
      for (const column of columns) {
        const item = items.find((i) => i.code === column.key)
        const found = own.find((g) => (item ? isOf(g, item) : g.item === column.key))
        row[column.key] = toGrade(found?.grade)
      }
      return { evaluation, grades: row, overall: toGrade(evaluation.overall_grade) }
    })
}

/** How many of each grade a set of rows received overall. */
export function gradeDistribution(rows: readonly ResultRow[]): Record<Grade, number> {
  const counts: Record<Grade, number> = { S: 0, A: 0, B: 0, C: 0 }
  for (const row of rows) if (row.overall) counts[row.overall]++
  return counts
}

export interface PromotionForm {
  decidedOn: string
  effectiveFy: string
  fundingSource: string
}

export function promotionRequest(form: PromotionForm) {
  const errors: Record<string, string> = {}
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.decidedOn)) errors.decided_on = 'promotion.errors.decidedOn'
  const fy = Number(form.effectiveFy)
  if (!Number.isInteger(fy) || fy < 1950 || fy > 2200) errors.effective_fy = 'promotion.errors.effectiveFy'
  if (Object.keys(errors).length) return { request: null, errors }
  return {
    request: {
      decided_on: form.decidedOn,
      effective_fy: fy,
      ...(form.fundingSource.trim() ? { funding_source: form.fundingSource.trim() } : {}),
    },
    errors,
  }
}
