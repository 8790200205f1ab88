// The shapes of the records the UI reads (see docs/formats.md for every column). Only the fields
// the UI uses are listed; the server sends more.

export type Id = number

export type Role =
  | 'admin'
  | 'program_officer'
  | 'reviewer'
  | 'local_government'
  | 'hq_director'
  | 'program_manager'
  | 'research_director'
  | 'coordinator'
  | 'adviser'
  | 'researcher'
  | 'company'
  | 'public'

export interface SessionUser {
  id: Id
  login: string
  roles: Role[]
  person_id: Id | null
  organization_id: Id | null
  hq_clusters: Id[]
}

/** POST/GET /api/v1/session. */
export interface SessionInfo {
  csrf_token: string
  expires_at: string
  user: SessionUser
}

export interface Region {
  id: Id
  name_ja: string
  name_en: string | null
  prefecture: string | null
}

export type ClusterStatus = 'trial' | 'full' | 'ended'

export interface Cluster {
  id: Id
  program_id: Id
  name_ja: string
  name_en: string | null
  field: string
  status: ClusterStatus
  started_on: string | null
  ended_on: string | null
}

export interface ClusterRegion {
  id: Id
  cluster_id: Id
  region_id: Id
}

export interface Promotion {
  id: Id
  cluster_id: Id
  decided_on: string
  effective_fy: number
}

export interface FiscalBudget {
  id: Id
  program_id: Id
  fiscal_year: number
  regular: number
  supplementary: number | null
}

export interface Grant {
  id: Id
  cluster_id: Id
  fiscal_year: number
  amount: number
  kind: 'regular' | 'supplementary'
}

export interface KpiTarget {
  id: Id
  cluster_id: Id
  fiscal_year: number
  kpi: string
  target: number
}

export interface Seed {
  id: Id
  cluster_id: Id | null
  organization_id: Id
  title: string
  title_en: string | null
  keywords: string[] | null
  field: string
  trl: number | null
  ip_status: string
  visibility: string
}

export interface Need {
  id: Id
  cluster_id: Id | null
  organization_id: Id
  title: string
  title_en: string | null
  keywords: string[] | null
  field: string
  confidentiality: string
  registered_on: string | null
}
