// The reviewer's pages, as pure functions: the order of "my assignments", the score form's
// initial values and checks, the server's field errors by criterion, the weighted score.
import { ApiError } from '../api/client'
import type { FormCriterion, MyAssignment, ReviewFormData, ReviewStatus } from '../api/programme'
import type { Locale } from '../format'

const STATUS_ORDER: Record<ReviewStatus, number> = { draft: 0, none: 1, submitted: 2 }

/** Work still to do first (drafts, then not started), submitted after, conflicts last. */
export function sortAssignments(items: readonly MyAssignment[]): MyAssignment[] {
  return [...items].sort(
    (a, b) =>
      Number(a.conflict) - Number(b.conflict) ||
      STATUS_ORDER[a.review_status] - STATUS_ORDER[b.review_status] ||
      b.call_id - a.call_id ||
      a.proposal_id - b.proposal_id,
  )
}

export function countByStatus(items: readonly MyAssignment[]): Record<ReviewStatus, number> {
  const counts: Record<ReviewStatus, number> = { none: 0, draft: 0, submitted: 0 }
  for (const item of items) if (!item.conflict) counts[item.review_status]++
  return counts
}

export function criterionName(criterion: FormCriterion, locale: Locale): string {
  return locale === 'en' && criterion.name_en ? criterion.name_en : criterion.name_ja
}

/** 1..max, best last (the order officials read a scale in). */
export function scoreRange(max: number): number[] {
  const top = Number.isInteger(max) && max >= 2 ? Math.min(max, 10) : 5
  return Array.from({ length: top }, (_, i) => i + 1)
}

/** The i18n key naming a score on the scale, or null for a bare number. */
export function scoreLabelKey(score: number, max: number): string | null {
  if (max === 5) return `review.scale5.${score}`
  if (score === 1) return 'review.scaleLowest'
  if (score === max) return 'review.scaleHighest'
  return null
}

/** The scores of the saved review by criterion id (the server keys them by id or by code). */
export function initialScores(form: ReviewFormData): Record<number, number | null> {
  const scores: Record<number, number | null> = {}
  for (const criterion of form.criteria) {
    const saved = form.review?.scores[String(criterion.id)] ?? form.review?.scores[criterion.code]
    scores[criterion.id] = typeof saved === 'number' ? saved : null
  }
  return scores
}

export type ScoreProblem = 'required' | 'range'

/** Problems by criterion id: submitting needs every score; any score must lie in 1..max. */
export function checkScores(
  criteria: readonly FormCriterion[],
  scores: Record<number, number | null>,
  submit: boolean,
): Record<number, ScoreProblem> {
  const problems: Record<number, ScoreProblem> = {}
  for (const criterion of criteria) {
    const score = scores[criterion.id]
    if (score === null || score === undefined) {
      if (submit) problems[criterion.id] = 'required'
    } else if (!Number.isInteger(score) || score < 1 || score > criterion.score_max) {
      problems[criterion.id] = 'range'
    }
  }
  return problems
}

/** The request body: only the scores given, keyed by criterion id. */
export function scoresBody(scores: Record<number, number | null>): Record<string, number> {
  const body: Record<string, number> = {}
  for (const [id, score] of Object.entries(scores)) if (typeof score === 'number') body[id] = score
  return body
}

/**
 * The server's field errors (problem+json `errors`) by where the form shows them: a criterion's
 * id for "scores.<id>" or "scores.<code>", "comment", and "" for the rest.
 */
export function serverFieldErrors(
  error: unknown,
  criteria: readonly FormCriterion[],
): Map<number | 'comment' | '', string[]> {
  const found = new Map<number | 'comment' | '', string[]>()
  if (!(error instanceof ApiError)) return found
  const add = (key: number | 'comment' | '', text: string) => found.set(key, [...(found.get(key) ?? []), text])
  for (const problem of error.fieldErrors) {
    const text = problem.got ? `${problem.expected} (${problem.got})` : problem.expected
    const match = /^scores\.(.+)$/.exec(problem.path)
    const criterion = match
      ? criteria.find((c) => String(c.id) === match[1] || c.code === match[1])
      : undefined
    if (criterion) add(criterion.id, text)
    else if (problem.path === 'comment') add('comment', text)
    else add('', `${problem.path}: ${text}`)
  }
  return found
}

/** The weighted mean of the given scores (criterion weights), null without any score. */
export function weightedScore(
  criteria: readonly FormCriterion[],
  scores: Record<number, number | null>,
): number | null {
  let sum = 0
  let weight = 0
  for (const criterion of criteria) {
    const score = scores[criterion.id]
    if (typeof score !== 'number') continue
    sum += criterion.weight * score
    weight += criterion.weight
  }
  return weight > 0 ? sum / weight : null
}
