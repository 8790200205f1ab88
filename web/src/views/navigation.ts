// The menu of each role. A user with several roles gets the union, in this order, without
// duplicates. Only entities the role may read are listed (app/record_access.cpp).
import type { RouteLocationRaw } from 'vue-router'
import type { Role } from '../api/types'

export interface NavItem {
  id: string
  label: string // an i18n key
  to: RouteLocationRaw
}

const records = (entity: string, label: string): NavItem => ({
  id: entity,
  label,
  to: { name: 'records', params: { entity } },
})

const programme: NavItem = { id: 'programme', label: 'nav.programme', to: { name: 'programme' } }
const cluster: NavItem = { id: 'cluster', label: 'nav.cluster', to: { name: 'cluster' } }

const MENUS: Partial<Record<Role, NavItem[]>> = {
  admin: [programme, cluster],
  program_officer: [
    programme,
    cluster,
    records('regions', 'nav.regions'),
    records('clusters', 'nav.clusters'),
    records('proposals', 'nav.proposals'),
    records('grants', 'nav.grants'),
  ],
  reviewer: [records('review_assignments', 'nav.assignments'), records('reviews', 'nav.reviews')],
  company: [records('needs', 'nav.needs'), records('matches', 'nav.matches'), records('projects', 'nav.projects')],
  researcher: [records('seeds', 'nav.seeds'), records('projects', 'nav.projects'), records('inventions', 'nav.inventions')],
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
  MENUS[role] = HQ_MENU
}

export function menuFor(roles: readonly Role[]): NavItem[] {
  const seen = new Set<string>()
  const items: NavItem[] = []
  for (const role of roles) {
    for (const item of MENUS[role] ?? []) {
      if (seen.has(item.id)) continue
      seen.add(item.id)
      items.push(item)
    }
  }
  return items
}
