// The programme office's and the reviewers' use-case endpoints (src/http/api_programme.cpp) and
// the records their pages read. Shapes follow app::ToJson in app/programme_admin.cpp and
// app/review_portal.cpp.
import { api, request } from './client'
import type { JobAccepted } from './jobs'
import type { Id } from './types'

export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, { body })

// ---------------------------------------------------------------------------------------------
// Records (generic entity API)

export type CallStatus = 'draft' | 'open' | 'closed' | 'decided'
export type CallKind = 'feasibility_study' | 'selection' | 'promotion'

export interface Call {
  id: Id
  program_id: Id
  fiscal_year: number
  title_ja: string
  title_en: string | null
  kind: CallKind
  status: CallStatus
  opens_on: string | null
  closes_on: string | null
  reviewers_per_proposal: number
  max_load: number
  min_load: number | null
  conflict_years: number | null
  score_max: number | null
  hearing_weight: number | null
  scale_per_region: number | null
  trial_scale_per_region: number | null
  years: number
}

export interface Criterion {
  id: Id
  call_id: Id
  key: string
  label_ja: string
  label_en: string | null
  weight: number
  criterion_group: 'scientific' | 'structural'
}

export type ProposalStatus =
  | 'draft'
  | 'submitted'
  | 'under_review'
  | 'full'
  | 'trial'
  | 'rejected'
  | 'promoted'
  | 'ended'

export interface Proposal {
  id: Id
  call_id: Id
  title_ja: string
  title_en: string | null
  field: string
  status: ProposalStatus
  submitted_on: string | null
  requested_per_year: number | null
}

export interface ProposalRegion {
  id: Id
  proposal_id: Id
  region_id: Id
}
export interface ProposalGovernment {
  id: Id
  proposal_id: Id
  local_government_id: Id
}
export interface ProposalBudget {
  id: Id
  proposal_id: Id
  fiscal_year: number
  amount: number
}
export interface LocalGovernment {
  id: Id
  name_ja: string
  name_en: string | null
}
export interface Reviewer {
  id: Id
  person_id: Id
  call_id: Id
  max_load: number
  min_load: number | null
}
export interface ReviewAssignmentRow {
  id: Id
  reviewer_id: Id
  proposal_id: Id
  affinity: number | null
  origin: 'solver' | 'manual'
}
export interface Person {
  id: Id
  family_name: string
  given_name: string | null
  name_en: string | null
}

export type Grade = 'S' | 'A' | 'B' | 'C'

export interface ClusterEvaluation {
  id: Id
  cluster_id: Id
  kind: 'mid_term' | 'post'
  fiscal_year: number
  stage: 'self_report' | 'committee_review' | 'graded' | 'actions'
  overall_grade: string | null
  summary: string | null
}
export interface EvaluationGrade {
  id: Id
  cluster_evaluation_id: Id
  item: string
  grade: string
  comment: string | null
}
export interface EvaluationItem {
  code: string
  name_ja: string
  name_en: string
}

// ---------------------------------------------------------------------------------------------
// Conflicts of interest

export interface ConflictFinding {
  person_id: Id
  proposal_id: Id
  kind: 'same_organization' | 'co_author' | 'joint_project' | 'same_government' | 'declared'
  reason: string
  recorded: boolean
}

export const detectConflicts = (callId: Id) =>
  api.get<{ findings: ConflictFinding[] }>(`/calls/${callId}/conflicts`)
export const recordConflicts = (callId: Id) =>
  api.post<{ findings: ConflictFinding[]; recorded: number }>(`/calls/${callId}/conflicts`, {})

// ---------------------------------------------------------------------------------------------
// Reviewer assignment (app::ToJson(AssignReport))

export interface AssignmentChange {
  change: 'add' | 'remove' | 'keep'
  reviewer_id: Id
  person_id: Id
  reviewer: string
  proposal_id: Id
  proposal: string
  affinity: number
  locked: boolean
}

export interface AssignReport {
  proposals: number
  reviewers: number
  added: number
  removed: number
  kept: number
  total_affinity: number
  min_proposal_affinity: number
  applied: boolean
  changes: AssignmentChange[]
}

export interface AssignRequest {
  apply: boolean
  objective?: 'total' | 'fair'
  detect_conflicts?: boolean
}

export const startAssignment = (callId: Id, body: AssignRequest) =>
  api.post<JobAccepted<AssignReport>>(`/calls/${callId}/assignment`, body)

// ---------------------------------------------------------------------------------------------
// Comprehensive evaluation (app::ToJson(EvaluationReport))

export interface EvaluationLine {
  rank: number
  rank_interval: [number, number]
  proposal_id: Id
  title: string
  reviews: number
  raw: number
  calibrated: number
  hearing: number | null
  comprehensive: number
  interval: [number, number]
}

export interface EvaluationReport {
  method: string
  hearing_weight: number
  proposals: EvaluationLine[]
  reviewer_effects: Array<{ reviewer: string; effect: number }>
}

export interface EvaluateRequest {
  bootstrap?: number
  level?: number
  lambda?: number
  seed?: number
  record?: boolean
}

export const startEvaluation = (callId: Id, body: EvaluateRequest) =>
  api.post<JobAccepted<EvaluationReport>>(`/calls/${callId}/evaluation`, body)

// ---------------------------------------------------------------------------------------------
// Selection (app::ToJson(SelectReport))

export type Outcome = 'full' | 'trial' | 'rejected'

export interface SelectLine {
  rank: number
  proposal_id: Id
  title: string
  score: number
  regions: number
  cost_full: number
  cost_trial: number
  outcome: Outcome
  /** The engine's explanation in English (engines/select). */
  reason: string
  /** The constraint that decided it: "", "budget", "score", "tie", "at most 1 per prefecture:北海道", … */
  binding: string
  cluster_id?: Id
}

export interface SelectReport {
  budget: number
  cost: number
  objective: number
  full: number
  trial: number
  binding: string[]
  applied: boolean
  proposals: SelectLine[]
}

export interface SelectRequest {
  apply: boolean
  budget: number
  full?: number
  trial?: number
  per_region?: number
  trial_per_region?: number
  trial_weight?: number
  constraints?: string[]
  decided_on?: string
  note?: string
  effective_fy?: number
  funding_source?: string
}

export const startSelection = (callId: Id, body: SelectRequest) =>
  api.post<JobAccepted<SelectReport>>(`/calls/${callId}/selection`, body)

// ---------------------------------------------------------------------------------------------
// Promotion and cluster evaluations

export interface PromoteRequest {
  decided_on: string
  effective_fy: number
  funding_source?: string
  proposal_id?: Id
}
export const promoteCluster = (clusterId: Id, body: PromoteRequest) =>
  api.post<{ promotion_id: Id }>(`/clusters/${clusterId}/promotion`, body)

export const evaluationItems = () =>
  api.get<{ items: EvaluationItem[] }>('/cluster_evaluation_items')

export interface GradesRequest {
  grades: Record<string, Grade>
  comments?: Record<string, string>
  overall: Grade
  comment?: string
}
export const saveGrades = (evaluationId: Id, body: GradesRequest) =>
  put<ClusterEvaluation>(`/cluster_evaluations/${evaluationId}/grades`, body)

// ---------------------------------------------------------------------------------------------
// The reviewer's portal (app/review_portal.h)

export type ReviewStatus = 'none' | 'draft' | 'submitted'

export interface MyAssignment {
  assignment_id: Id
  call_id: Id
  call_title: string
  proposal_id: Id
  proposal_title: string
  review_id: Id | null
  review_status: ReviewStatus
  conflict: boolean
}

export const myAssignments = () => api.get<{ items: MyAssignment[] }>('/me/assignments')

export const declareConflict = (assignmentId: Id, reason: string) =>
  api.post<{ conflict_id: Id }>(`/review_assignments/${assignmentId}/conflict`, { reason })

export interface FormCriterion {
  id: Id
  code: string
  name_ja: string
  name_en: string | null
  weight: number
  group?: string
  score_max: number
}

export interface ReviewFormData {
  assignment: { id: Id; reviewer_id: Id; proposal_id: Id; origin?: string }
  call?: { id: Id; title_ja: string; title_en: string | null; fiscal_year: number }
  proposal: {
    id: Id
    title: string
    title_ja?: string
    title_en?: string | null
    field?: string
    status?: string
    summary?: string | null
    vision?: string | null
    targets?: string | null
  }
  criteria: FormCriterion[]
  review: {
    id: Id
    status: 'draft' | 'submitted'
    scores: Record<string, number>
    comment: string | null
    submitted_at?: string | null
  } | null
}

export const reviewForm = (assignmentId: Id) =>
  api.get<ReviewFormData>(`/review_assignments/${assignmentId}/review`)

export interface SaveReviewRequest {
  scores: Record<string, number>
  comment: string
  submit: boolean
}
export const saveReview = (assignmentId: Id, body: SaveReviewRequest) =>
  put<{ review_id: Id; status: 'draft' | 'submitted' }>(
    `/review_assignments/${assignmentId}/review`,
    body,
  )

export interface ProposalReview {
  review_id: Id
  reviewer_id: Id
  person_id: Id
  reviewer_name: string
  status: string
  comment: string
  submitted_at: string
  /** criterion key → score */
  scores: Record<string, number>
  weighted: number
}
export const proposalReviews = (proposalId: Id) =>
  api.get<{ items: ProposalReview[] }>(`/proposals/${proposalId}/reviews`)
