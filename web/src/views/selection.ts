// The selection's explanations in the user's language. The engine (engines/select) explains each
// outcome in English (`reason`) and names the constraint that decided it (`binding`): "budget",
// "full_count", "trial_count", "score", "tie", "eligibility", a group row such as "at most 1 per
// prefecture:北海道" or "at least 2 of field:it", or "at least 3 distinct field:"; several are
// joined by ", ". Those names are parsed here and said again in Japanese or English.
import type { Outcome, SelectLine, SelectReport, SelectRequest } from '../api/programme'

export type Translate = (key: string, params?: Record<string, unknown>) => string

export type Binding =
  | { kind: 'budget' | 'full_count' | 'trial_count' | 'score' | 'tie' | 'eligibility' }
  | { kind: 'group'; op: 'at_most' | 'at_least' | 'exactly'; n: number; each: boolean; group: string }
  | { kind: 'between'; n: number; m: number; each: boolean; group: string }
  | { kind: 'distinct'; n: number; prefix: string }
  | { kind: 'other'; text: string }

const SIMPLE = new Set(['budget', 'full_count', 'trial_count', 'score', 'tie', 'eligibility'])

export function parseBinding(text: string): Binding[] {
  if (!text.trim()) return []
  return text
    .split(/,\s+(?=(?:budget|full_count|trial_count|score|tie|eligibility|at most|at least|exactly|between)\b)/)
    .map((part) => parseOne(part.trim()))
}

function parseOne(part: string): Binding {
  const name = part.split(' ')[0]!
  if (SIMPLE.has(part)) return { kind: part as 'budget' }
  if (SIMPLE.has(name) && (name === 'full_count' || name === 'trial_count')) return { kind: name }
  let m = /^at least (\d+) distinct (.+)$/.exec(part)
  if (m) return { kind: 'distinct', n: Number(m[1]), prefix: m[2]! }
  m = /^between (\d+) and (\d+) (per|of) (.+)$/.exec(part)
  if (m) return { kind: 'between', n: Number(m[1]), m: Number(m[2]), each: m[3] === 'per', group: m[4]! }
  m = /^(at most|at least|exactly) (\d+) (per|of) (.+)$/.exec(part)
  if (m) {
    const op = m[1] === 'at most' ? 'at_most' : m[1] === 'at least' ? 'at_least' : 'exactly'
    return { kind: 'group', op, n: Number(m[2]), each: m[3] === 'per', group: m[4]! }
  }
  return { kind: 'other', text: part }
}

/** "prefecture:北海道" → 都道府県「北海道」/ prefecture 北海道; "field:it" → 分野「情報通信」/ field IT. */
export function groupName(group: string, t: Translate, te: (key: string) => boolean): string {
  const colon = group.indexOf(':')
  const family = colon < 0 ? group : group.slice(0, colon)
  const value = colon < 0 ? '' : group.slice(colon + 1)
  const familyText = te(`selection.groups.${family}`) ? t(`selection.groups.${family}`) : family
  if (!value) return familyText
  const valueText = family === 'field' && te(`fields.${value}`) ? t(`fields.${value}`) : value
  return t('selection.groupValue', { family: familyText, value: valueText })
}

export function bindingText(binding: Binding, t: Translate, te: (key: string) => boolean): string {
  switch (binding.kind) {
    case 'group':
      return t(`selection.binding.${binding.op}${binding.each ? 'Each' : ''}`, {
        n: binding.n,
        group: groupName(binding.group, t, te),
      })
    case 'between':
      return t(`selection.binding.between${binding.each ? 'Each' : ''}`, {
        n: binding.n,
        m: binding.m,
        group: groupName(binding.group, t, te),
      })
    case 'distinct':
      return t('selection.binding.distinct', { n: binding.n, group: groupName(binding.prefix, t, te) })
    case 'other':
      return binding.text
    default:
      return t(`selection.binding.${binding.kind}`)
  }
}

export interface Explanation {
  outcome: Outcome
  /** One sentence: the outcome, the score and rank, then the cost or what kept it out. */
  text: string
  bindings: Binding[]
}

export function explain(
  line: SelectLine,
  of: number,
  t: Translate,
  te: (key: string) => boolean,
  yen: (amount: number) => string,
): Explanation {
  const score = { score: line.score.toFixed(2), rank: line.rank, of }
  if (line.outcome !== 'rejected') {
    const cost = line.outcome === 'full' ? line.cost_full : line.cost_trial
    return {
      outcome: line.outcome,
      text: t(`selection.explain.${line.outcome}`, { ...score, cost: yen(cost) }),
      bindings: [],
    }
  }
  const bindings = parseBinding(line.binding)
  const because = bindings.length ? bindings : [{ kind: 'score' as const }]
  const joiner = t('selection.joiner')
  return {
    outcome: 'rejected',
    text: t('selection.explain.rejected', {
      ...score,
      why: because.map((b) => bindingText(b, t, te)).join(joiner),
    }),
    bindings,
  }
}

export function outcomeCounts(report: SelectReport): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { full: 0, trial: 0, rejected: 0 }
  for (const line of report.proposals) counts[line.outcome]++
  return counts
}

/**
 * Yen as officials type it: "7500000000", "7,500,000,000", "75億円", "75億", "4億7,600万円",
 * "7.5億", "¥500M", "¥7.5B", "500M". Null when it is not an amount.
 */
export function parseYen(text: string): number | null {
  const s = text.replace(/[\s,，]/g, '').replace(/^[¥￥]/, '').replace(/円$/, '')
  if (!s) return null
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s))
  const en = /^(\d+(?:\.\d+)?)([KMB])$/i.exec(s)
  if (en) {
    const unit = { K: 1e3, M: 1e6, B: 1e9 }[en[2]!.toUpperCase() as 'K' | 'M' | 'B']
    return Math.round(Number(en[1]) * unit)
  }
  const ja = /^(?:(\d+(?:\.\d+)?)兆)?(?:(\d+(?:\.\d+)?)億)?(?:(\d+(?:\.\d+)?)万)?(\d+)?$/.exec(s)
  if (ja && (ja[1] || ja[2] || ja[3])) {
    const value =
      Number(ja[1] ?? 0) * 1e12 + Number(ja[2] ?? 0) * 1e8 + Number(ja[3] ?? 0) * 1e4 + Number(ja[4] ?? 0)
    return Math.round(value)
  }
  return null
}

export interface SelectionForm {
  budget: string
  full: string
  trial: string
  perRegion: string
  trialPerRegion: string
  trialWeight: string
  constraints: string
  decidedOn: string
  note: string
  effectiveFy: string
  fundingSource: string
}

export const emptySelectionForm = (): SelectionForm => ({
  budget: '',
  full: '',
  trial: '',
  perRegion: '',
  trialPerRegion: '',
  trialWeight: '0.5',
  constraints: '',
  decidedOn: '',
  note: '',
  effectiveFy: '',
  fundingSource: '',
})

export type FormErrors = Partial<Record<keyof SelectionForm, string>>

/**
 * The request of a preview (apply = false) or of the decision (apply = true), or the fields to
 * fix, as i18n keys. Applying needs the decision date; on a promotion call also the fiscal year.
 */
export function selectionRequest(
  form: SelectionForm,
  apply: boolean,
  promotionCall: boolean,
): { request: SelectRequest | null; errors: FormErrors } {
  const errors: FormErrors = {}
  const budget = parseYen(form.budget)
  if (budget === null) errors.budget = 'selection.errors.budget'
  const count = (text: string, key: 'full' | 'trial') => {
    if (!text.trim()) return undefined
    const n = Number(text)
    if (!Number.isInteger(n) || n < 0 || n > 1000) {
      errors[key] = 'selection.errors.count'
      return undefined
    }
    return n
  }
  const full = count(form.full, 'full')
  const trial = count(form.trial, 'trial')
  const amount = (text: string, key: 'perRegion' | 'trialPerRegion') => {
    if (!text.trim()) return undefined
    const value = parseYen(text)
    if (value === null) errors[key] = 'selection.errors.amount'
    return value ?? undefined
  }
  const perRegion = amount(form.perRegion, 'perRegion')
  const trialPerRegion = amount(form.trialPerRegion, 'trialPerRegion')
  const weight = Number(form.trialWeight || '0.5')
  if (!Number.isFinite(weight) || weight < 0 || weight > 1) errors.trialWeight = 'selection.errors.weight'
  const constraints = form.constraints
    .split(/\n/)
    .map((line) => line.trim())
    .filter(Boolean)
  for (const line of constraints) {
    if (!/^[^<>=\s][^<>=]*(<=|>=|=)\s*\d+$/.test(line)) errors.constraints = 'selection.errors.constraint'
  }
  let effectiveFy: number | undefined
  if (apply) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.decidedOn)) errors.decidedOn = 'selection.errors.decidedOn'
    if (promotionCall) {
      const fy = Number(form.effectiveFy)
      if (!Number.isInteger(fy) || fy < 1950 || fy > 2200) errors.effectiveFy = 'selection.errors.effectiveFy'
      else effectiveFy = fy
    }
  }
  if (Object.keys(errors).length) return { request: null, errors }
  const request: SelectRequest = { apply, budget: budget! }
  if (full !== undefined) request.full = full
  if (trial !== undefined) request.trial = trial
  if (perRegion !== undefined) request.per_region = perRegion
  if (trialPerRegion !== undefined) request.trial_per_region = trialPerRegion
  if (weight !== 0.5) request.trial_weight = weight
  if (constraints.length) request.constraints = constraints
  if (apply) {
    request.decided_on = form.decidedOn
    if (form.note.trim()) request.note = form.note.trim()
    if (effectiveFy !== undefined) request.effective_fy = effectiveFy
    if (form.fundingSource.trim()) request.funding_source = form.fundingSource.trim()
  }
  return { request, errors }
}

/** The form field of a server field error ("per_region" → perRegion). */
export function formFieldOf(path: string): keyof SelectionForm | null {
  const map: Record<string, keyof SelectionForm> = {
    budget: 'budget',
    full: 'full',
    trial: 'trial',
    per_region: 'perRegion',
    trial_per_region: 'trialPerRegion',
    trial_weight: 'trialWeight',
    constraints: 'constraints',
    decided_on: 'decidedOn',
    note: 'note',
    effective_fy: 'effectiveFy',
    funding_source: 'fundingSource',
  }
  return map[path.split(/[.[]/)[0]!] ?? null
}
