// The reviewer assignment's preview (app::ToJson(AssignReport)) shaped for reading: the changes
// grouped by proposal, and each reviewer's load before and after.
import type { AssignmentChange, AssignReport } from '../api/programme'

export interface ProposalDiff {
  proposalId: number
  title: string
  changes: AssignmentChange[]
  added: number
  removed: number
  kept: number
}

const ORDER: Record<AssignmentChange['change'], number> = { keep: 0, add: 1, remove: 2 }

export function diffByProposal(report: AssignReport): ProposalDiff[] {
  const map = new Map<number, ProposalDiff>()
  for (const change of report.changes) {
    let diff = map.get(change.proposal_id)
    if (!diff) {
      diff = { proposalId: change.proposal_id, title: change.proposal, changes: [], added: 0, removed: 0, kept: 0 }
      map.set(change.proposal_id, diff)
    }
    diff.changes.push(change)
    if (change.change === 'add') diff.added++
    else if (change.change === 'remove') diff.removed++
    else diff.kept++
  }
  for (const diff of map.values()) {
    diff.changes.sort((a, b) => ORDER[a.change] - ORDER[b.change] || a.reviewer.localeCompare(b.reviewer))
  }
  return [...map.values()].sort((a, b) => a.proposalId - b.proposalId)
}

export interface ReviewerLoad {
  reviewerId: number
  reviewer: string
  before: number
  after: number
  added: number
  removed: number
}

/** Each reviewer's number of proposals now (kept + removed) and after applying (kept + added). */
export function reviewerLoads(report: AssignReport): ReviewerLoad[] {
  const map = new Map<number, ReviewerLoad>()
  for (const change of report.changes) {
    let load = map.get(change.reviewer_id)
    if (!load) {
      load = { reviewerId: change.reviewer_id, reviewer: change.reviewer, before: 0, after: 0, added: 0, removed: 0 }
      map.set(change.reviewer_id, load)
    }
    if (change.change !== 'add') load.before++
    if (change.change !== 'remove') load.after++
    if (change.change === 'add') load.added++
    if (change.change === 'remove') load.removed++
  }
  return [...map.values()].sort((a, b) => b.after - a.after || a.reviewer.localeCompare(b.reviewer))
}

export const hasChanges = (report: AssignReport) => report.added > 0 || report.removed > 0
