import { describe, expect, it } from 'vitest'
import type { Cluster, Region } from '../api/types'
import { findPrefecture, prefectureName } from '../prefectures'
import { budgetVsGrants, groupRegions } from './programme'

const region = (id: number, name: string, prefecture: string): Region => ({
  id,
  name_ja: name,
  name_en: null,
  prefecture,
})
const cluster = (id: number, status: Cluster['status']): Cluster => ({
  id,
  program_id: 1,
  name_ja: `クラスター${id}`,
  name_en: null,
  field: 'it',
  status,
  started_on: null,
  ended_on: null,
})

describe('groupRegions', () => {
  it('orders blocks and regions from north to south, with standings', () => {
    const regions = [
      region(1, '徳島', '徳島県'),
      region(2, '札幌', '北海道'),
      region(3, '仙台', 'Miyagi'),
      region(4, '富山・高岡', '富山県'),
      region(5, '名古屋', '愛知県'),
      region(6, '謎', ''),
    ]
    const clusters = [cluster(10, 'full'), cluster(11, 'trial'), cluster(12, 'full'), cluster(13, 'ended')]
    const links = [
      { id: 1, cluster_id: 10, region_id: 2 },
      { id: 2, cluster_id: 11, region_id: 1 },
      { id: 3, cluster_id: 12, region_id: 4 },
      { id: 4, cluster_id: 13, region_id: 3 },
    ]
    const promotions = [{ id: 1, cluster_id: 12, decided_on: '2003-03-01', effective_fy: 2003 }]
    const groups = groupRegions(regions, clusters, links, promotions)
    expect(groups.map((group) => group.block)).toEqual(['hokkaido', 'tohoku', 'chubu', 'shikoku', 'unknown'])
    const chubu = groups.find((group) => group.block === 'chubu')!
    expect(chubu.regions.map((card) => card.region.name_ja)).toEqual(['富山・高岡', '名古屋'])
    expect(chubu.regions[0]!.clusters[0]!.standings).toEqual(['full', 'promoted'])
    expect(chubu.regions[0]!.clusters[0]!.promotedFy).toBe(2003)
    expect(chubu.regions[1]!.clusters).toEqual([])
    expect(groups[3]!.regions[0]!.clusters[0]!.standings).toEqual(['trial'])
    expect(groups[1]!.regions[0]!.clusters[0]!.standings).toEqual(['ended'])
  })
})

describe('budgetVsGrants', () => {
  it('adds regular and supplementary budgets and sums grants per fiscal year', () => {
    const rows = budgetVsGrants(
      [
        { id: 1, program_id: 1, fiscal_year: 2003, regular: 8_000_000_000, supplementary: 500_000_000 },
        { id: 2, program_id: 1, fiscal_year: 2002, regular: 6_000_000_000, supplementary: null },
      ],
      [
        { id: 1, cluster_id: 1, fiscal_year: 2002, amount: 500_000_000, kind: 'regular' },
        { id: 2, cluster_id: 2, fiscal_year: 2002, amount: 476_000_000, kind: 'regular' },
        { id: 3, cluster_id: 2, fiscal_year: 2004, amount: 1, kind: 'supplementary' },
      ],
    )
    expect(rows).toEqual([
      { fiscalYear: 2002, budget: 6_000_000_000, grants: 976_000_000 },
      { fiscalYear: 2003, budget: 8_500_000_000, grants: 0 },
      { fiscalYear: 2004, budget: 0, grants: 1 },
    ])
  })
})

describe('prefectures', () => {
  it('recognises Japanese and English names with or without suffix', () => {
    expect(findPrefecture('京都府')?.code).toBe(26)
    expect(findPrefecture('Kyoto')?.code).toBe(26)
    expect(findPrefecture('Hyōgo Prefecture')?.code).toBe(28)
    expect(findPrefecture('愛知県・岐阜県')?.block).toBe('chubu')
    expect(findPrefecture('Atlantis')).toBeNull()
    expect(prefectureName('宮城', 'ja')).toBe('宮城県')
    expect(prefectureName('東京都', 'en')).toBe('Tokyo')
  })
})
