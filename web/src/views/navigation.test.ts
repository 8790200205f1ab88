import { describe, expect, it } from 'vitest'
import type { SessionUser } from '../api/types'
import { homeFor } from '../router'
import { menuFor } from './navigation'

const user = (roles: SessionUser['roles'], extra: Partial<SessionUser> = {}): SessionUser => ({
  id: 1,
  login: 'someone',
  roles,
  person_id: null,
  organization_id: null,
  hq_clusters: [],
  ...extra,
})

describe('menuFor', () => {
  it('gives each role its own menu', () => {
    expect(menuFor(user(['program_officer'])).map((item) => item.id)).toEqual([
      'programme',
      'cluster',
      'calls',
      'cluster-evaluations',
      'promotions',
      'regions',
      'clusters',
      'proposals',
      'review_assignments',
      'grants',
      'simulation',
      'jobs',
    ])
    expect(menuFor(user(['reviewer'])).map((item) => item.label)).toEqual(['nav.myReviews', 'nav.toReview'])
    expect(menuFor(null)).toEqual([])
  })

  it('gives companies and researchers their own records first', () => {
    const [first, second] = menuFor(user(['company'], { organization_id: 100 }))
    expect(first?.label).toBe('nav.myNeeds')
    expect(first?.to).toEqual({ name: 'me-needs' })
    expect(second?.to).toEqual({ name: 'me-projects' })
    expect(menuFor(user(['researcher']))[0]?.to).toEqual({ name: 'me-seeds' })
  })

  it('gives HQ staff every cluster-HQ page', () => {
    expect(menuFor(user(['coordinator'])).map((item) => item.id)).toEqual([
      'cluster',
      'cluster-search',
      'cluster-matches',
      'cluster-funnel',
      'cluster-projects',
      'cluster-ip',
      'cluster-forums',
      'cluster-ledger',
      'cluster-network',
      'inventions',
      'simulation',
    ])
  })

  it('merges the menus of several roles without duplicates', () => {
    const ids = menuFor(user(['coordinator', 'researcher'], { person_id: 5 })).map((item) => item.id)
    expect(ids).toEqual([
      'cluster',
      'cluster-search',
      'cluster-matches',
      'cluster-funnel',
      'cluster-projects',
      'cluster-ip',
      'cluster-forums',
      'cluster-ledger',
      'cluster-network',
      'inventions',
      'simulation',
      'me-seeds',
      'me-projects',
    ])
    expect(new Set(ids).size).toBe(ids.length)
  })
})

describe('homeFor', () => {
  it('lands each role on its main page', () => {
    expect(homeFor(user(['program_officer']))).toEqual({ name: 'programme' })
    expect(homeFor(user(['coordinator']))).toEqual({ name: 'cluster' })
    expect(homeFor(user(['reviewer']))).toEqual({ name: 'my-assignments' })
    expect(homeFor(user(['company']))).toEqual({ name: 'me-needs' })
    expect(homeFor(user(['researcher']))).toEqual({ name: 'me-seeds' })
  })
})
