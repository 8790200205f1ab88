// The collaboration-network page's data and its pure shaping (kept apart from the page so it can
// be tested): the API's shapes (src/http/api_network.cpp over app/network.h), the query, the
// export links, the ECharts options of the graph and of the growth chart, and the metric cards.
import type { EChartsCoreOption } from '../charts'

export type NetworkMode = 'organizations' | 'people' | 'coordination'
export const NETWORK_MODES: readonly NetworkMode[] = ['organizations', 'people', 'coordination']
export type ExportFormat = 'graphml' | 'gexf'
export const EXPORT_FORMATS: readonly ExportFormat[] = ['graphml', 'gexf']

export interface NetworkNodeMetrics {
  key: string
  label: string
  kind: string
  category: string
  region: string
  degree: number
  strength: number
  betweenness: number
  community: number
  constraint: number | null
  effective_size: number
  open_pairs: number
  roles: { coordinator: number; itinerant: number; gatekeeper_representative: number; liaison: number }
}

export interface DrawnNode {
  key: string
  label: string
  kind: string
  category: string
  region: string
  attributes: Record<string, string>
  community: number
  degree: number
  strength: number
  betweenness: number
}

export interface DrawnTie {
  source: string
  target: string
  weight: number
  since: number | null
}

export interface DrawnGraph {
  nodes: DrawnNode[]
  ties: DrawnTie[]
  total_nodes: number
  total_ties: number
  shown_nodes: number
  shown_ties: number
  max_nodes: number
  capped: boolean
  note: string
}

export interface NetworkYear {
  fiscal_year: number
  nodes: number
  edges: number
  components: number
  density: number
  average_clustering: number
  largest_component_share: number
  modularity: number
  inside_share: number | null
  university_company_ties: number
}

/** One row of a tie mix: the ties whose two ends carry the attribute values a and b (a <= b). */
export interface TieMixRow {
  a: string
  b: string
  ties: number
  weight: number
}

export interface NetworkCommunity {
  id: number
  size: number
  leading: string[]
  universities: number
  companies: number
  others: number
}

/** GET /clusters/{id}/network?fy=&mode=&min_weight= */
export interface NetworkReport {
  cluster_id: number
  cluster_name_ja: string
  cluster_name_en: string
  fiscal_year: number
  mode: NetworkMode
  min_weight: number
  summary: {
    nodes: number
    edges: number
    total_weight: number
    density: number
    mean_degree: number
    components: number
    component_sizes: number[]
    isolated: number
    largest_component_share: number
    average_clustering: number
    transitivity: number
    triangles: number
    modularity: number
    communities: number
  }
  ties: {
    inside_region: number
    crossing_region: number
    outside_region: number
    inside_share: number | null
    university_company: number
    university_company_share: number | null
    by_region?: TieMixRow[]
    by_category?: TieMixRow[]
  }
  top_brokers: NetworkNodeMetrics[]
  coordinators: NetworkNodeMetrics[]
  communities: NetworkCommunity[]
  growth: NetworkYear[]
  method: string
  graph: DrawnGraph
}

/** The mode in the address (?mode=), organisations when absent or unknown. */
export function modeOf(value: unknown): NetworkMode {
  return NETWORK_MODES.includes(value as NetworkMode) ? (value as NetworkMode) : 'organizations'
}

/** The minimum tie weight in the address (?min_weight=): a number >= 1, else 1. */
export function minWeightOf(value: unknown): number {
  const number = Number(value)
  return Number.isFinite(number) && number >= 1 ? number : 1
}

/** The query of both endpoints (min_weight only when it filters). */
export function networkQuery(fy: number | null, mode: NetworkMode, minWeight: number) {
  const query: Record<string, string> = { mode }
  if (fy !== null) query.fy = String(fy)
  if (minWeight !== 1) query.min_weight = String(minWeight)
  return query
}

/** The address of the file download (a plain GET: the session cookie is enough). */
export function exportUrl(
  clusterId: number,
  fy: number | null,
  mode: NetworkMode,
  minWeight: number,
  format: ExportFormat,
): string {
  const query = new URLSearchParams({ ...networkQuery(fy, mode, minWeight), format })
  return `/api/v1/clusters/${clusterId}/network/export?${query.toString()}`
}

/**
 * Community colours: a qualitative palette dark enough for white labels and distinct on white;
 * communities beyond it wrap around (the table still names each node's community).
 */
export const COMMUNITY_COLOURS = [
  '#1f5fa8',
  '#c0392b',
  '#1e7d45',
  '#8e44ad',
  '#b35c00',
  '#117a8b',
  '#a61e6b',
  '#5d6d1e',
  '#4b4b9a',
  '#7a4a2a',
] as const

export function communityColour(community: number): string {
  const index = ((community % COMMUNITY_COLOURS.length) + COMMUNITY_COLOURS.length) % COMMUNITY_COLOURS.length
  return COMMUNITY_COLOURS[index] ?? COMMUNITY_COLOURS[0]
}

/** A node's symbol size from its degree: 8 px for the least connected to 36 px for the most. */
export function nodeSize(degree: number, maxDegree: number): number {
  if (maxDegree <= 0) return 8
  return Math.round(8 + 28 * Math.sqrt(Math.max(0, degree) / maxDegree))
}

/** The ECharts option of the force-directed graph. */
export function graphOption(graph: DrawnGraph, communityLabel: (id: number) => string): EChartsCoreOption {
  const maxDegree = graph.nodes.reduce((max, node) => Math.max(max, node.degree), 0)
  const maxWeight = graph.ties.reduce((max, tie) => Math.max(max, tie.weight), 0)
  const communities = [...new Set(graph.nodes.map((node) => node.community))].sort((a, b) => a - b)
  const categoryOf = new Map(communities.map((id, index) => [id, index]))
  const large = graph.nodes.length > 120
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'item' },
    legend: communities.length <= 12 ? { type: 'scroll', bottom: 0 } : undefined,
    series: [
      {
        type: 'graph',
        layout: 'force',
        roam: true,
        draggable: !large,
        animation: !large,
        force: { repulsion: large ? 60 : 140, edgeLength: [30, 120], gravity: 0.08 },
        categories: communities.map((id) => ({
          name: communityLabel(id),
          itemStyle: { color: communityColour(id) },
        })),
        data: graph.nodes.map((node) => ({
          id: node.key,
          name: node.label,
          category: categoryOf.get(node.community) ?? 0,
          symbolSize: nodeSize(node.degree, maxDegree),
          value: node.degree,
          symbol: node.kind === 'person' && node.category === 'coordinator' ? 'diamond' : 'circle',
          label: { show: node.degree >= Math.max(2, maxDegree * 0.5) },
        })),
        links: graph.ties.map((tie) => ({
          source: tie.source,
          target: tie.target,
          value: tie.weight,
          lineStyle: { width: maxWeight > 0 ? 0.5 + 3.5 * (tie.weight / maxWeight) : 1, opacity: 0.5 },
        })),
        emphasis: { focus: 'adjacency' },
        lineStyle: { color: 'source', curveness: 0.1 },
        labelLayout: { hideOverlap: true },
      },
    ],
  }
}

/** The ECharts option of the growth line chart: nodes and ties by fiscal year. */
export function growthOption(
  growth: readonly NetworkYear[],
  labels: { fy: (year: number) => string; nodes: string; ties: string; title: string },
): EChartsCoreOption {
  return {
    aria: { enabled: true, label: { description: labels.title } },
    tooltip: { trigger: 'axis' },
    legend: { data: [labels.nodes, labels.ties], bottom: 0 },
    grid: { left: 48, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: growth.map((year) => labels.fy(year.fiscal_year)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: labels.nodes, type: 'line', data: growth.map((year) => year.nodes) },
      { name: labels.ties, type: 'line', data: growth.map((year) => year.edges) },
    ],
  }
}

export interface MetricCard {
  id: string
  label: string // an i18n key under hq.network.metrics
  value: string
}

/** A share as a percentage with one decimal ("—" when not defined). */
export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return `${(value * 100).toFixed(1)}%`
}

/** The share of ties inside the cluster's regions, crossing their border, or outside them. */
export function regionShare(
  report: NetworkReport,
  which: 'inside_region' | 'crossing_region' | 'outside_region',
): number | null {
  const total = report.ties.inside_region + report.ties.crossing_region + report.ties.outside_region
  return total > 0 ? report.ties[which] / total : null
}

/** The metric cards, in reading order. */
export function metricCards(report: NetworkReport, int: (value: number) => string): MetricCard[] {
  const s = report.summary
  return [
    { id: 'nodes', label: 'hq.network.metrics.nodes', value: int(s.nodes) },
    { id: 'ties', label: 'hq.network.metrics.ties', value: int(s.edges) },
    { id: 'density', label: 'hq.network.metrics.density', value: s.density.toFixed(3) },
    { id: 'components', label: 'hq.network.metrics.components', value: int(s.components) },
    { id: 'largest', label: 'hq.network.metrics.largest', value: percent(s.largest_component_share) },
    { id: 'clustering', label: 'hq.network.metrics.clustering', value: s.average_clustering.toFixed(3) },
    { id: 'communities', label: 'hq.network.metrics.communities', value: int(s.communities) },
    { id: 'inside', label: 'hq.network.metrics.inside', value: percent(regionShare(report, 'inside_region')) },
    { id: 'crossing', label: 'hq.network.metrics.crossing', value: percent(regionShare(report, 'crossing_region')) },
    { id: 'outside', label: 'hq.network.metrics.outside', value: percent(regionShare(report, 'outside_region')) },
    {
      id: 'university-company',
      label: 'hq.network.metrics.universityCompany',
      value: percent(report.ties.university_company_share),
    },
  ]
}

/** The drawn nodes, most connected first, for the table that stands in for the picture. */
export function nodesByDegree(graph: DrawnGraph): DrawnNode[] {
  return [...graph.nodes].sort(
    (a, b) => b.degree - a.degree || b.betweenness - a.betweenness || a.label.localeCompare(b.label),
  )
}

/** The share of the ties whose two ends differ (e.g. between sectors); null without rows or ties. */
export function crossingShare(rows: readonly TieMixRow[] | undefined): number | null {
  const total = (rows ?? []).reduce((sum, row) => sum + row.ties, 0)
  if (total <= 0) return null
  return (rows ?? []).filter((row) => row.a !== row.b).reduce((sum, row) => sum + row.ties, 0) / total
}

export interface TieMixShare extends TieMixRow {
  share: number
}

/** A tie mix with each row's share of all ties, the most frequent pairs first. */
export function tieMixShares(rows: readonly TieMixRow[] | undefined): TieMixShare[] {
  const total = (rows ?? []).reduce((sum, row) => sum + row.ties, 0)
  if (total <= 0) return []
  return (rows ?? [])
    .filter((row) => row.ties > 0)
    .map((row) => ({ ...row, share: row.ties / total }))
    .sort((x, y) => y.ties - x.ties || x.a.localeCompare(y.a) || x.b.localeCompare(y.b))
}
