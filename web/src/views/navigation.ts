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
const myReviews: NavItem = { id: 'my-assignments', label: 'nav.myReviews', to: { name: 'my-assignments' } }
const calls: NavItem = { id: 'calls', label: 'nav.calls', to: { name: 'calls' } }
const clusterEvaluations: NavItem = {
  id: 'cluster-evaluations',
  label: 'nav.clusterEvaluations',
  to: { name: 'cluster-evaluations' },
}
const promotions: NavItem = { id: 'promotions', label: 'nav.promotions', to: { name: 'promotions' } }
const jobs: NavItem = { id: 'jobs', label: 'nav.jobs', to: { name: 'jobs' } }

type Menu = (user: SessionUser) => NavItem[]

const MENUS: Partial<Record<Role, Menu>> = {
  admin: () => [programme, cluster, calls, clusterEvaluations, promotions, jobs],
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
    jobs,
  ],
  // Reviewers work from their own assignments (GET /me/assignments) and read the proposals
  // assigned to them.
  reviewer: () => [myReviews, records('proposals', 'nav.toReview')],
  company: (user) => [
    user.organization_id === null
      ? records('needs', 'nav.needs')
      : records('needs', 'nav.myNeeds', { organization_id: String(user.organization_id) }),
    records('matches', 'nav.matches'),
    records('projects', 'nav.projects'),
  ],
  researcher: (user) => [
    user.person_id === null
      ? records('seeds', 'nav.seeds')
      : records('seeds', 'nav.mySeeds', { owner_id: String(user.person_id) }),
    records('projects', 'nav.projects'),
    records('inventions', 'nav.inventions'),
  ],
}
const HQ_MENU: NavItem[] = [
  cluster,
  records('seeds', 'nav.seeds'),
  records('needs', 'nav.needs'),
  records('matches', 'nav.matches'),
  records('projects', 'nav.projects'),
  records('inventions', 'nav.inventions'),
  records('forums', 'nav.forums'),
]
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
