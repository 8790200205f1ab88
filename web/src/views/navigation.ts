// The menu of each role. A user with several roles gets the union, in this order, without
// duplicates. Only entities the role may read are listed (app/record_access.cpp).
import type { RouteLocationRaw } from 'vue-router'
import type { Role, SessionUser } from '../api/types'

export interface NavItem {
  id: string
  label: string // an i18n key
  to: RouteLocationRaw
}

const records = (entity: string, label: string, query?: Record<string, string>): NavItem => ({
  id: query ? `${entity}?${new URLSearchParams(query).toString()}` : entity,
  label,
  to: { name: 'records', params: { entity }, ...(query ? { query } : {}) },
})

const programme: NavItem = { id: 'programme', label: 'nav.programme', to: { name: 'programme' } }
const cluster: NavItem = { id: 'cluster', label: 'nav.cluster', to: { name: 'cluster' } }
const page = (name: string, label: string): NavItem => ({ id: name, label, to: { name } })
const myReviews: NavItem = { id: 'my-assignments', label: 'nav.myReviews', to: { name: 'my-assignments' } }
const calls: NavItem = { id: 'calls', label: 'nav.calls', to: { name: 'calls' } }
const clusterEvaluations: NavItem = {
  id: 'cluster-evaluations',
  label: 'nav.clusterEvaluations',
  to: { name: 'cluster-evaluations' },
}
const promotions: NavItem = { id: 'promotions', label: 'nav.promotions', to: { name: 'promotions' } }
const jobs: NavItem = { id: 'jobs', label: 'nav.jobs', to: { name: 'jobs' } }
const simulation: NavItem = { id: 'simulation', label: 'nav.simulation', to: { name: 'simulation' } }

type Menu = (user: SessionUser) => NavItem[]

const MENUS: Partial<Record<Role, Menu>> = {
  admin: () => [programme, cluster, calls, clusterEvaluations, promotions, simulation, jobs],
  program_officer: () => [
    programme,
    cluster,
    calls,
    clusterEvaluations,
    promotions,
    records('regions', 'nav.regions'),
    records('clusters', 'nav.clusters'),
    records('proposals', 'nav.proposals'),
    records('review_assignments', 'nav.assignments'),
    records('grants', 'nav.grants'),
    simulation,
    jobs,
  ],
  // Reviewers work from their own assignments (GET /me/assignments) and read the proposals
  // assigned to them.
  reviewer: () => [myReviews, records('proposals', 'nav.toReview')],
  // Companies and researchers: their own records (GET /api/v1/me/...).
  company: () => [
    page('me-needs', 'nav.myNeeds'),
    page('me-projects', 'nav.myProjects'),
    records('matches', 'nav.matches'),
  ],
  researcher: () => [
    page('me-seeds', 'nav.mySeeds'),
    page('me-projects', 'nav.myProjects'),
    records('inventions', 'nav.inventions'),
  ],
}
/** The cluster-HQ pages, in the order of the HQ menu (also the sub-menu programme staff see). */
export const HQ_PAGES: NavItem[] = [
  cluster,
  page('cluster-search', 'nav.seedsNeeds'),
  page('cluster-matches', 'nav.matches'),
  page('cluster-funnel', 'nav.funnel'),
  page('cluster-projects', 'nav.projects'),
  page('cluster-ip', 'nav.ipDeadlines'),
  page('cluster-forums', 'nav.forums'),
  page('cluster-ledger', 'nav.ledger'),
  page('cluster-network', 'nav.network'),
]
const HQ_MENU: NavItem[] = [...HQ_PAGES, records('inventions', 'nav.inventions'), simulation]
for (const role of ['hq_director', 'program_manager', 'research_director', 'coordinator', 'adviser'] as const) {
  MENUS[role] = () => HQ_MENU
}

export function menuFor(user: SessionUser | null): NavItem[] {
  if (!user) return []
  const seen = new Set<string>()
  const items: NavItem[] = []
  for (const role of user.roles) {
    for (const item of MENUS[role]?.(user) ?? []) {
      if (seen.has(item.id)) continue
      seen.add(item.id)
      items.push(item)
    }
  }
  return items
}
