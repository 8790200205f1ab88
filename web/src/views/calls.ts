// The programme office's calls and their proposals, as pure functions: the call's rules with the
// documented defaults, its schedule, the criteria's shares, and one row per proposal with its
// regions, governments and budget per fiscal year.
import type {
  Call,
  Criterion,
  LocalGovernment,
  Proposal,
  ProposalBudget,
  ProposalGovernment,
  ProposalRegion,
} from '../api/programme'
import type { Region } from '../api/types'
import type { Locale } from '../format'

type Named = { name_ja: string; name_en: string | null }
export const nameOf = (item: Named, locale: Locale) =>
  locale === 'en' && item.name_en ? item.name_en : item.name_ja
export const titleOf = (item: { title_ja: string; title_en: string | null }, locale: Locale) =>
  locale === 'en' && item.title_en ? item.title_en : item.title_ja

export interface Rule {
  key: 'reviewers_per_proposal' | 'max_load' | 'min_load' | 'conflict_years' | 'score_max' | 'hearing_weight'
  value: number
  /** The call leaves it empty and the documented default applies (app::RulesOf). */
  defaulted: boolean
}

const DEFAULTS = { min_load: 0, conflict_years: 3, score_max: 5, hearing_weight: 0.3 }

export function rulesOf(call: Call): Rule[] {
  const optional = (key: keyof typeof DEFAULTS): Rule => {
    const value = call[key]
    return value === null || value === undefined
      ? { key, value: DEFAULTS[key], defaulted: true }
      : { key, value, defaulted: false }
  }
  return [
    { key: 'reviewers_per_proposal', value: call.reviewers_per_proposal, defaulted: false },
    { key: 'max_load', value: call.max_load, defaulted: false },
    optional('min_load'),
    optional('conflict_years'),
    optional('score_max'),
    optional('hearing_weight'),
  ]
}

export type Phase = 'before' | 'open' | 'after' | 'unknown'

/** Where today lies against the call's dates, with the days left until it closes. */
export function schedulePhase(call: Call, today: string): { phase: Phase; daysLeft: number | null } {
  const day = (text: string | null) => (text ? Date.parse(`${text.slice(0, 10)}T00:00:00Z`) : Number.NaN)
  const now = day(today)
  const opens = day(call.opens_on)
  const closes = day(call.closes_on)
  if (!Number.isFinite(now) || (!Number.isFinite(opens) && !Number.isFinite(closes))) {
    return { phase: 'unknown', daysLeft: null }
  }
  if (Number.isFinite(opens) && now < opens) {
    return { phase: 'before', daysLeft: Number.isFinite(closes) ? Math.round((closes - now) / 864e5) : null }
  }
  if (Number.isFinite(closes) && now > closes) return { phase: 'after', daysLeft: null }
  return { phase: 'open', daysLeft: Number.isFinite(closes) ? Math.round((closes - now) / 864e5) : null }
}

/** The fiscal years the selected clusters would run: FY of the call + 1 … + years. */
export function implementationYears(call: Call): { from: number; to: number } | null {
  if (!call.years || call.years < 1) return null
  return { from: call.fiscal_year, to: call.fiscal_year + call.years - 1 }
}

export interface CriterionShare {
  criterion: Criterion
  /** Share of the total weight, 0..1. */
  share: number
}

export function criteriaShares(criteria: readonly Criterion[]): CriterionShare[] {
  const total = criteria.reduce((sum, c) => sum + (c.weight > 0 ? c.weight : 0), 0)
  return [...criteria]
    .sort((a, b) => b.weight - a.weight || a.id - b.id)
    .map((criterion) => ({ criterion, share: total > 0 ? Math.max(0, criterion.weight) / total : 0 }))
}

export interface ProposalRow {
  proposal: Proposal
  regions: Region[]
  governments: LocalGovernment[]
  budgets: Array<{ fiscalYear: number; amount: number }>
  /** Sum of the per-year budgets, or the requested amount per year when none are given. */
  total: number | null
}

export function proposalRows(
  proposals: readonly Proposal[],
  regionLinks: readonly ProposalRegion[],
  regions: readonly Region[],
  governmentLinks: readonly ProposalGovernment[],
  governments: readonly LocalGovernment[],
  budgets: readonly ProposalBudget[],
): ProposalRow[] {
  const regionById = new Map(regions.map((r) => [r.id, r]))
  const governmentById = new Map(governments.map((g) => [g.id, g]))
  const group = <T extends { proposal_id: number }>(rows: readonly T[]) => {
    const map = new Map<number, T[]>()
    for (const row of rows) map.set(row.proposal_id, [...(map.get(row.proposal_id) ?? []), row])
    return map
  }
  const regionsOf = group(regionLinks)
  const governmentsOf = group(governmentLinks)
  const budgetsOf = group(budgets)
  return [...proposals]
    .sort((a, b) => a.id - b.id)
    .map((proposal) => {
      const own = (budgetsOf.get(proposal.id) ?? [])
        .map((b) => ({ fiscalYear: b.fiscal_year, amount: b.amount }))
        .sort((a, b) => a.fiscalYear - b.fiscalYear)
      return {
        proposal,
        regions: (regionsOf.get(proposal.id) ?? []).flatMap((link) => regionById.get(link.region_id) ?? []),
        governments: (governmentsOf.get(proposal.id) ?? []).flatMap(
          (link) => governmentById.get(link.local_government_id) ?? [],
        ),
        budgets: own,
        total: own.length ? own.reduce((sum, b) => sum + b.amount, 0) : proposal.requested_per_year,
      }
    })
}

/** How many proposals of each status, in the order of the proposal lifecycle. */
export function statusCounts(proposals: readonly Proposal[]): Array<[Proposal['status'], number]> {
  const order: Proposal['status'][] = ['draft', 'submitted', 'under_review', 'full', 'trial', 'rejected', 'promoted', 'ended']
  const counts = new Map<Proposal['status'], number>()
  for (const p of proposals) counts.set(p.status, (counts.get(p.status) ?? 0) + 1)
  return order.filter((s) => counts.has(s)).map((s) => [s, counts.get(s)!])
}
