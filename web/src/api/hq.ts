// The cluster-headquarters, "me" and search endpoints (src/http/api_hq.cpp; the shapes are those
// of app/portal.h, hq.h, matching.h and search.h).

import { api } from './client'
import type { Id } from './types'

export interface KpiValue {
  code: string
  target: number | null
  actual: number | null
  cumulative_target: number | null
  cumulative_actual: number | null
  achievement: number | null
}

export interface KpiRow extends KpiValue {
  unit?: string
  unit_ja?: string
  family?: string
  family_ja?: string
  family_en?: string
  name_ja?: string
  name_en?: string
  computable?: boolean
  method_ja?: string
  method_en?: string
}

/** GET /clusters/{id}/kpis?fy= */
export interface KpiReport {
  cluster_id: Id
  cluster_name_ja?: string
  cluster_name_en?: string
  fiscal_year: number
  kpis: KpiRow[]
  history: Array<{ fiscal_year: number; values: KpiValue[] }>
}

export interface FunnelStage {
  stage: string
  label_ja: string
  label_en: string
  count: number
  conversion: number | null
}

export interface FunnelRow {
  stages: FunnelStage[]
  coordinator_id?: Id
  coordinator?: string
}

/** GET /clusters/{id}/funnel?fy= */
export interface FunnelReport {
  cluster_id: Id
  cluster: string
  fiscal_year: number
  funnel: FunnelRow
  coordinators: FunnelRow[]
}

export interface LedgerPurpose {
  purpose: string
  label_ja: string
  label_en: string
  planned: number
  executed: number
  execution_rate: number | null
}

export interface LedgerYear {
  fiscal_year: number
  granted: number
  planned: number
  executed: number
  execution_rate: number | null
  categories: Record<string, number>
  purposes: LedgerPurpose[]
  unclassified: number
  carry_over: string
}

/** GET /clusters/{id}/ledger?fy= */
export interface LedgerReport {
  years: LedgerYear[]
  carry_over: { rule_ja: string; rule_en: string }
}

export interface ForumEffect {
  forum_id: Id
  title: string
  kind: string
  held_on: string
  attendees: number | null
  presentations: number | null
  consultations: number | null
  follow_ups: number
  matches: number
  projects: number
}

export type Urgency = 'overdue' | 'critical' | 'urgent' | 'soon' | 'later'

export interface IpDeadline {
  application_id: Id
  application_number: string
  office: string
  status: string
  invention_id: Id
  invention_title: string
  published: boolean
  cluster_id: Id
  attorney: string
  key: string
  label_ja: string
  label_en: string
  due: string
  days_left: number
  urgency: Urgency
  kind: string
  number: number | null
  grace_until: string | null
}

/** GET /clusters/{id}/ip_deadlines?within= */
export interface IpDeadlines {
  today: string
  within_days: number
  items: IpDeadline[]
}

export interface ProjectRecord {
  id: Id
  cluster_id: Id
  title: string
  title_en: string | null
  lead_organization_id: Id
  leader_id: Id | null
  budget: number | null
  participation_fee: number | null
  starts_on: string | null
  ends_on: string | null
  stage: string
}

export interface ProjectSummary {
  id: Id
  title: string
  stage: string
  lead_organization: string
  leader: string
  origin: string
  budget: number | null
  participation_fees: number | null
  planned_total: number | null
  grant_by_fiscal_year: Array<{
    fiscal_year: number
    planned: number | null
    company_fees: number | null
    from_grant: number
    execution_rate: number | null
  }>
  partners: Array<{
    organization_id: Id
    name: string
    role: string
    company: boolean
    sme: boolean
    inside_region: boolean
  }>
  milestones: Array<{ id: Id; title: string; due_on: string | null; done_on: string | null; gate_decision: string }>
  outputs: { inventions: number; applications: number; licences: number; outcomes: number }
}

export interface ExplainedTerm {
  term: string
  surface: string
  weight: number
}

export interface Suggestion {
  match_id: Id
  seed_id: Id
  need_id: Id
  rank: number
  score: number
  seed_title: string
  need_title: string
  terms: ExplainedTerm[]
}

export interface MatchExplanation {
  match_id: Id
  seed_id: Id
  need_id: Id
  seed_title: string
  need_title: string
  status: string
  score: number | null
  source: string
  note: string
  terms: ExplainedTerm[]
}

export interface MatchRecord {
  id: Id
  seed_id: Id
  need_id: Id
  score: number | null
  explanation: string
  status: string
  coordinator_id: Id | null
  decline_reason: string
  suggested_on: string | null
}

export interface SearchHit {
  type: string
  id: Id
  title: string
  snippet: string
  score: number
  terms: string[]
}

export interface SearchResult {
  items: SearchHit[]
  total: number
}

const cluster = (id: Id) => `/clusters/${id}`

export const hqApi = {
  kpis: (id: Id, fy: number, signal?: AbortSignal) => api.get<KpiReport>(`${cluster(id)}/kpis`, { fy }, signal),
  funnel: (id: Id, fy: number, signal?: AbortSignal) =>
    api.get<FunnelReport>(`${cluster(id)}/funnel`, { fy }, signal),
  ledger: (id: Id, signal?: AbortSignal) => api.get<LedgerReport>(`${cluster(id)}/ledger`, undefined, signal),
  forums: (id: Id, fy: number | null, signal?: AbortSignal) =>
    api.get<{ items: ForumEffect[] }>(`${cluster(id)}/forums`, { fy }, signal),
  projects: (id: Id, signal?: AbortSignal) =>
    api.get<{ items: ProjectRecord[] }>(`${cluster(id)}/projects`, undefined, signal),
  ipDeadlines: (id: Id, within: string, today: string | null = null, signal?: AbortSignal) =>
    api.get<IpDeadlines>(`${cluster(id)}/ip_deadlines`, { within, today }, signal),
  projectSummary: (id: Id, signal?: AbortSignal) =>
    api.get<ProjectSummary>(`/projects/${id}/summary`, undefined, signal),
  explanation: (matchId: Id) => api.get<MatchExplanation>(`/matches/${matchId}/explanation`),
  accept: (matchId: Id) => api.post<MatchRecord>(`/matches/${matchId}/accept`, {}),
  decline: (matchId: Id, reason: string) => api.post<MatchRecord>(`/matches/${matchId}/decline`, { reason }),
  suggestionsPath: (id: Id) => `${cluster(id)}/match_suggestions`,
  mine: <T>(kind: 'needs' | 'seeds' | 'projects', signal?: AbortSignal) =>
    api.get<{ items: T[] }>(`/me/${kind}`, undefined, signal),
  search: (
    query: { q: string; types?: string; cluster_id?: Id | null; limit?: number },
    signal?: AbortSignal,
  ) => api.get<SearchResult>('/search', query, signal),
}
