// Records shared by several component tests.
import type { Call } from './api/programme'

export const call = (over: Partial<Call> = {}): Call => ({
  id: 3,
  program_id: 1,
  fiscal_year: 2002,
  title_ja: '知的クラスター創成事業 実施地域の公募',
  title_en: 'Knowledge Cluster Initiative: call for regions',
  kind: 'selection',
  status: 'closed',
  opens_on: '2002-01-15',
  closes_on: '2002-03-31',
  reviewers_per_proposal: 3,
  max_load: 6,
  min_load: null,
  conflict_years: null,
  score_max: 5,
  hearing_weight: 0.4,
  scale_per_region: 500_000_000,
  trial_scale_per_region: null,
  years: 5,
  ...over,
})
