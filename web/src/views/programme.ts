// Pure shaping of the programme dashboard's data, kept apart from the page so it can be tested.
import type { Cluster, ClusterRegion, FiscalBudget, Grant, Promotion, Region } from '../api/types'
import { BLOCKS, findPrefecture, type Block } from '../prefectures'

export type Standing = 'full' | 'trial' | 'promoted' | 'ended'

export interface ClusterCard {
  cluster: Cluster
  standings: Standing[]
  promotedFy: number | null
}

export interface RegionCard {
  region: Region
  clusters: ClusterCard[]
}

export interface BlockGroup {
  block: Block | 'unknown'
  regions: RegionCard[]
}

export function standingsOf(cluster: Cluster, promotion: Promotion | undefined): Standing[] {
  if (cluster.status === 'ended') return ['ended']
  if (promotion) return ['full', 'promoted']
  return [cluster.status]
}

/** Regions grouped by block from Hokkaido to Okinawa, each with its clusters. */
export function groupRegions(
  regions: readonly Region[],
  clusters: readonly Cluster[],
  links: readonly ClusterRegion[],
  promotions: readonly Promotion[],
): BlockGroup[] {
  const clusterById = new Map(clusters.map((cluster) => [cluster.id, cluster]))
  const promotionByCluster = new Map(promotions.map((promotion) => [promotion.cluster_id, promotion]))
  const clustersOfRegion = new Map<number, ClusterCard[]>()
  for (const link of links) {
    const cluster = clusterById.get(link.cluster_id)
    if (!cluster) continue
    const promotion = promotionByCluster.get(cluster.id)
    const cards = clustersOfRegion.get(link.region_id) ?? []
    cards.push({
      cluster,
      standings: standingsOf(cluster, promotion),
      promotedFy: promotion?.effective_fy ?? null,
    })
    clustersOfRegion.set(link.region_id, cards)
  }
  const groups = new Map<Block | 'unknown', Array<RegionCard & { code: number }>>()
  for (const region of regions) {
    const prefecture = findPrefecture(region.prefecture)
    const block = prefecture?.block ?? 'unknown'
    const list = groups.get(block) ?? []
    list.push({
      region,
      code: prefecture?.code ?? 99,
      clusters: (clustersOfRegion.get(region.id) ?? []).sort((a, b) => a.cluster.id - b.cluster.id),
    })
    groups.set(block, list)
  }
  const order: Array<Block | 'unknown'> = [...BLOCKS, 'unknown']
  return order
    .filter((block) => groups.has(block))
    .map((block) => ({
      block,
      regions: (groups.get(block) ?? [])
        .sort((a, b) => a.code - b.code || a.region.id - b.region.id)
        .map(({ region, clusters: cards }) => ({ region, clusters: cards })),
    }))
}

export interface FiscalYearMoney {
  fiscalYear: number
  budget: number
  grants: number
}

/** Budget (regular + supplementary, all programmes) and grants awarded, per fiscal year. */
export function budgetVsGrants(
  budgets: readonly FiscalBudget[],
  grants: readonly Grant[],
): FiscalYearMoney[] {
  const years = new Map<number, FiscalYearMoney>()
  const row = (fiscalYear: number) => {
    let found = years.get(fiscalYear)
    if (!found) {
      found = { fiscalYear, budget: 0, grants: 0 }
      years.set(fiscalYear, found)
    }
    return found
  }
  for (const budget of budgets) row(budget.fiscal_year).budget += budget.regular + (budget.supplementary ?? 0)
  for (const grant of grants) row(grant.fiscal_year).grants += grant.amount
  return [...years.values()].sort((a, b) => a.fiscalYear - b.fiscalYear)
}
