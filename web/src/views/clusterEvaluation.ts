// Mid-term and post evaluations of clusters (S/A/B/C): the committee's grade form and the table of
// results. Grades are stored lower-case (s|a|b|c) and shown as letters; colour is never the only
// signal (every cell carries its letter).
import type { ClusterEvaluation, EvaluationGrade, EvaluationItem, Grade } from '../api/programme'
import {
  crossingShare,
  exportUrl,
  networkQuery,
  percent,
  type NetworkNodeMetrics,
  type NetworkReport,
  type NetworkYear,
} from './network'

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

// ---------------------------------------------------------------------------------------------
// The collaboration network as evidence for the committee (issue 8): the organisations' network of
// the evaluated cluster at the end of the evaluation's fiscal year, from the network page's
// endpoint (GET /clusters/{id}/network, shapes in network.ts).

/**
 * The query of the evaluation's network: organisations, every tie, and only one drawn node (the
 * panel shows the metrics, not the map; the metrics always cover the whole network).
 */
export function evaluationNetworkQuery(fy: number): Record<string, string> {
  return { ...networkQuery(fy, 'organizations', 1), max_nodes: '1' }
}

/** The full network page at the same cluster and fiscal year, and the GraphML download. */
export function evaluationNetworkLinks(clusterId: number, fy: number) {
  return {
    page: { name: 'cluster-network', query: { cluster: String(clusterId), fy: String(fy) } },
    graphml: exportUrl(clusterId, fy, 'organizations', 1, 'graphml'),
  }
}

/** The growth series up to the evaluation's fiscal year, oldest first. */
export function growthUpTo(growth: readonly NetworkYear[], fy: number): NetworkYear[] {
  return growth.filter((year) => year.fiscal_year <= fy).sort((a, b) => a.fiscal_year - b.fiscal_year)
}

export interface GrowthChange {
  from: number
  to: number
  nodes: [number, number]
  ties: [number, number]
  universityCompany: [number, number]
}

/** From the first recorded fiscal year to the evaluation's: null with fewer than two years. */
export function growthChange(growth: readonly NetworkYear[], fy: number): GrowthChange | null {
  const years = growthUpTo(growth, fy)
  const first = years[0]
  const last = years.at(-1)
  if (!first || !last || years.length < 2) return null
  return {
    from: first.fiscal_year,
    to: last.fiscal_year,
    nodes: [first.nodes, last.nodes],
    ties: [first.edges, last.edges],
    universityCompany: [first.university_company_ties, last.university_company_ties],
  }
}

export interface EvidenceCard {
  id: string
  label: string // an i18n key under clusterEval.network.metrics
  value: string
}

/**
 * What a committee reads first: size, cohesion (density, components, clustering), structure
 * (communities, modularity) and whether the ties bridge sectors (any two different sectors, and
 * university–company in particular).
 */
export function networkEvidence(report: NetworkReport, int: (value: number) => string): EvidenceCard[] {
  const s = report.summary
  const metric = (id: string, value: string): EvidenceCard => ({ id, label: `clusterEval.network.metrics.${id}`, value })
  const uc = report.ties.university_company_share
  return [
    metric('organisations', int(s.nodes)),
    metric('ties', int(s.edges)),
    metric('density', s.density.toFixed(3)),
    metric('components', int(s.components)),
    metric('largest', percent(s.largest_component_share)),
    metric('clustering', s.average_clustering.toFixed(3)),
    metric('communities', int(s.communities)),
    metric('modularity', s.modularity.toFixed(3)),
    metric('crossSector', percent(crossingShare(report.ties.by_category))),
    metric('universityCompany', uc === null ? '—' : `${percent(uc)} (${int(report.ties.university_company)})`),
  ]
}

/** The organisations that broker most (betweenness above zero), at most `limit`, highest first. */
export function evaluationBrokers(report: NetworkReport, limit = 5): NetworkNodeMetrics[] {
  return report.top_brokers
    .filter((node) => node.betweenness > 0)
    .sort((a, b) => b.betweenness - a.betweenness || a.label.localeCompare(b.label))
    .slice(0, limit)
}

/** The order sectors are named in a pair ("university–company", as the report says it). */
export const SECTOR_ORDER = ['university', 'company', 'public', 'other', 'coordinator'] as const

/** The two ends of a tie-mix row in SECTOR_ORDER (unknown sectors last, by name). */
export function sectorPair(a: string, b: string): [string, string] {
  const rank = (code: string) => {
    const index = (SECTOR_ORDER as readonly string[]).indexOf(code)
    return index < 0 ? SECTOR_ORDER.length : index
  }
  return rank(a) < rank(b) || (rank(a) === rank(b) && a <= b) ? [a, b] : [b, a]
}
