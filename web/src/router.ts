// Routes and the sign-in guard. Pages load lazily so the login page stays light.

import { createRouter, createWebHistory, type RouteLocationRaw } from 'vue-router'
import { setUnauthenticatedHandler } from './api/client'
import type { Role, SessionUser } from './api/types'
import { menuFor } from './views/navigation'
import { forgetSession, hasAnyRole, HQ_ROLES, PROGRAMME_ROLES, restoreSession } from './session'

declare module 'vue-router' {
  interface RouteMeta {
    /** Public pages (the login page) need no session. */
    public?: boolean
    /** Roles that may open the page; absent = any signed-in user. */
    roles?: readonly Role[]
  }
}

/** Where a user lands after signing in: the dashboard of their main role. */
export function homeFor(user: SessionUser): RouteLocationRaw {
  if (hasAnyRole(user, PROGRAMME_ROLES)) return { name: 'programme' }
  if (hasAnyRole(user, HQ_ROLES)) return { name: 'cluster' }
  const first = menuFor(user)[0]
  return first ? first.to : { name: 'records', params: { entity: 'seeds' } }
}

const HQ_PAGE_ROLES = [...PROGRAMME_ROLES, ...HQ_ROLES]

/** The cluster-HQ pages: HQ staff and programme staff (the server checks the cluster). */
function hqRoutes() {
  const meta = { roles: HQ_PAGE_ROLES }
  return [
    { path: 'cluster/search', name: 'cluster-search', component: () => import('./views/ClusterSearch.vue'), meta },
    { path: 'cluster/matches', name: 'cluster-matches', component: () => import('./views/ClusterMatches.vue'), meta },
    { path: 'cluster/funnel', name: 'cluster-funnel', component: () => import('./views/ClusterFunnel.vue'), meta },
    { path: 'cluster/projects', name: 'cluster-projects', component: () => import('./views/ClusterProjects.vue'), meta },
    { path: 'cluster/ip', name: 'cluster-ip', component: () => import('./views/ClusterIp.vue'), meta },
    { path: 'cluster/forums', name: 'cluster-forums', component: () => import('./views/ClusterForums.vue'), meta },
    { path: 'cluster/ledger', name: 'cluster-ledger', component: () => import('./views/ClusterLedger.vue'), meta },
    { path: 'cluster/network', name: 'cluster-network', component: () => import('./views/NetworkView.vue'), meta },
  ]
}

export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(),
    routes: [
      {
        path: '/login',
        name: 'login',
        component: () => import('./views/LoginView.vue'),
        meta: { public: true },
      },
      {
        path: '/',
        component: () => import('./views/AppLayout.vue'),
        children: [
          { path: '', name: 'home', component: { render: () => null } },
          {
            path: 'programme',
            name: 'programme',
            component: () => import('./views/ProgrammeDashboard.vue'),
            meta: { roles: PROGRAMME_ROLES },
          },
          {
            path: 'cluster',
            name: 'cluster',
            component: () => import('./views/ClusterDashboard.vue'),
            meta: { roles: HQ_PAGE_ROLES },
          },
          ...hqRoutes(),
          {
            path: 'projects/:id(\\d+)',
            name: 'project',
            component: () => import('./views/ProjectSummary.vue'),
            props: true,
          },
          ...(['needs', 'seeds', 'projects'] as const).map((kind) => ({
            path: `me/${kind}`,
            name: `me-${kind}`,
            component: () => import('./views/MyRecords.vue'),
            props: { kind },
          })),
          {
            path: 'office/calls',
            name: 'calls',
            component: () => import('./views/CallsView.vue'),
            meta: { roles: PROGRAMME_ROLES },
          },
          {
            path: 'office/calls/:callId(\\d+)',
            name: 'call',
            component: () => import('./views/CallDetailView.vue'),
            props: true,
            meta: { roles: PROGRAMME_ROLES },
          },
          {
            path: 'office/cluster-evaluations',
            name: 'cluster-evaluations',
            component: () => import('./views/ClusterEvaluationsView.vue'),
            meta: { roles: PROGRAMME_ROLES },
          },
          {
            path: 'office/promotions',
            name: 'promotions',
            component: () => import('./views/PromotionView.vue'),
            meta: { roles: PROGRAMME_ROLES },
          },
          {
            path: 'office/simulation',
            name: 'simulation',
            component: () => import('./views/SimulationView.vue'),
            meta: { roles: HQ_PAGE_ROLES },
          },
          {
            path: 'jobs',
            name: 'jobs',
            component: () => import('./views/JobsView.vue'),
          },
          {
            path: 'review',
            name: 'my-assignments',
            component: () => import('./views/MyAssignmentsView.vue'),
            meta: { roles: ['reviewer'] },
          },
          {
            path: 'review/:assignmentId(\\d+)',
            name: 'review-form',
            component: () => import('./views/ReviewFormView.vue'),
            props: true,
            meta: { roles: ['reviewer', ...PROGRAMME_ROLES] },
          },
          {
            path: 'records/:entity',
            name: 'records',
            component: () => import('./views/RecordsView.vue'),
            props: true,
          },
          {
            path: ':pathMatch(.*)*',
            name: 'not-found',
            component: () => import('./views/NotFound.vue'),
          },
        ],
      },
    ],
  })

  router.beforeEach(async (to) => {
    const user = await restoreSession().catch(() => null)
    if (to.meta.public) return user && to.name === 'login' ? homeFor(user) : true
    if (!user) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    if (to.name === 'home') return homeFor(user)
    if (to.meta.roles && !hasAnyRole(user, to.meta.roles)) return homeFor(user)
    return true
  })

  // The session ended while the page was open (expired, logged out elsewhere).
  setUnauthenticatedHandler(() => {
    forgetSession()
    const current = router.currentRoute.value
    if (current.meta.public) return
    void router.push({ name: 'login', query: { redirect: current.fullPath, expired: '1' } })
  })

  return router
}
