// @ts-check
// The programme office and the reviewers: an officer previews a reviewer assignment (the diff is
// shown and nothing changes), then applies it; a reviewer opens an assignment, scores it and
// submits the review. Each scenario makes its own call through the API (the demo's calls are all
// decided), so they do not depend on each other.

import { DESKTOP, NARROW } from '../lib.mjs'

/**
 * @param {import('../lib.mjs').Context} t @param {string} path @param {unknown} body
 * @returns {Promise<any>}
 */
async function create(t, path, body) {
  const answer = await t.api('POST', path, body)
  if (answer.status !== 201 && answer.status !== 200) {
    throw new Error(`POST ${path} answered ${answer.status}: ${answer.text.slice(0, 400)}`)
  }
  return answer.json
}

/** @param {import('../lib.mjs').Context} t @param {string} path @returns {Promise<any>} */
async function get(t, path) {
  const answer = await t.api('GET', path)
  if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}: ${answer.text.slice(0, 400)}`)
  return answer.json
}

/**
 * A closed call with two criteria, `proposals` submitted proposals and the given reviewers (person
 * ids), made by the signed-in officer. Returns the ids.
 * @param {import('../lib.mjs').Context} t @param {{proposals: number, reviewers: number[], tag: string}} spec
 */
async function makeCall(t, spec) {
  const programs = await get(t, '/programs?limit=1')
  const program = programs.items[0]
  if (!program) throw new Error('the demo has no programme')
  const call = await create(t, '/calls', {
    program_id: program.id,
    fiscal_year: 2007,
    title_ja: `E2E 公募 ${spec.tag}`,
    title_en: `E2E call ${spec.tag}`,
    kind: 'selection',
    status: 'closed',
    opens_on: '2007-01-10',
    closes_on: '2007-02-28',
    reviewers_per_proposal: 1,
    max_load: 5,
    years: 5,
    score_max: 5,
  })
  const criteria = [
    await create(t, '/criteria', { call_id: call.id, key: 'potential', label_ja: '研究開発の可能性', label_en: 'R&D potential', weight: 2, criterion_group: 'scientific' }),
    await create(t, '/criteria', { call_id: call.id, key: 'structure', label_ja: '推進体制', label_en: 'Promotion structure', weight: 1, criterion_group: 'structural' }),
  ]
  const proposals = []
  for (let i = 1; i <= spec.proposals; i++) {
    proposals.push(
      await create(t, '/proposals', {
        call_id: call.id,
        title_ja: `E2E 提案 ${spec.tag}-${i}`,
        field: 'it',
        status: 'submitted',
        vision: '地域の大学と企業による情報通信の研究拠点',
      }),
    )
  }
  const reviewers = []
  for (const person of spec.reviewers) reviewers.push(await create(t, '/reviewers', { person_id: person, call_id: call.id, max_load: 5 }))
  return { call, criteria, proposals, reviewers }
}

/** @param {import('../lib.mjs').Context} t @param {number[]} proposalIds */
async function assignmentCount(t, proposalIds) {
  let n = 0
  for (const id of proposalIds) n += (await get(t, `/review_assignments?proposal_id=${id}&limit=100`)).total
  return n
}

/** A person who is not the demo reviewer, to be a second reviewer. @param {import('../lib.mjs').Context} t @param {number} not */
async function otherPerson(t, not) {
  const people = await get(t, '/people?limit=5')
  const found = people.items.find((/** @type {{id: number}} */ p) => p.id !== not)
  if (!found) throw new Error('the demo has only one person')
  return found.id
}

/** @type {import('../lib.mjs').Scenario[]} */
export const scenarios = [
  {
    name: 'officer previews a reviewer assignment and applies it',
    run: async (t) => {
      /** @type {Awaited<ReturnType<typeof makeCall>>} */
      let made
      await t.step('sign in and make a call', async () => {
        await t.login('program_officer')
        const reviewer = t.account('reviewer').person_id
        if (!reviewer) throw new Error('the demo reviewer has no person')
        made = await makeCall(t, { proposals: 3, reviewers: [reviewer, await otherPerson(t, reviewer)], tag: 'assign' })
      })
      await t.step('open the call', async () => {
        await t.goto('/office/calls')
        await t.page.locator(`tr[data-call="${made.call.id}"] a`).click()
        await t.expectText('main h1', 'E2E 公募 assign')
        await t.expectText('[data-rule="conflict_years"]', '3')
      })
      await t.step('preview the assignment', async () => {
        await t.page.getByRole('tab', { name: '査読割当' }).click()
        await t.expectPath(/tab=assignment/)
        await t.page.locator('form.options button[type=submit]').click()
        await t.expectText('[data-total="added"]', '3')
        await t.expectText('.assignment', 'これは試算です')
        const rows = await t.count('table.diff tr[data-change="add"]')
        if (rows !== 3) throw new Error(`the diff shows ${rows} added assignments, expected 3`)
      })
      await t.step('nothing changed yet', async () => {
        const n = await assignmentCount(t, made.proposals.map((p) => p.id))
        if (n !== 0) throw new Error(`the preview changed the assignments: ${n} exist`)
      })
      await t.step('apply after confirming', async () => {
        await t.page.getByRole('button', { name: '割当を確定する' }).click()
        await t.expectVisible('[role=alertdialog]')
        await t.page.locator('[role=alertdialog] [data-confirm]').click()
        await t.expectText('.assignment', 'この割当は確定済みです')
        const n = await assignmentCount(t, made.proposals.map((p) => p.id))
        if (n !== 3) throw new Error(`after applying, ${n} assignments exist, expected 3`)
      })
      await t.step('the job is listed', async () => {
        await t.goto('/jobs')
        await t.expectText('table.grid tbody', /査読者の割当|assignment/)
      })
    },
  },
  {
    name: 'reviewer opens an assignment and submits a review',
    run: async (t) => {
      /** @type {number} */
      let assignmentId = 0
      await t.step('the office assigns the demo reviewer', async () => {
        await t.login('program_officer')
        const person = t.account('reviewer').person_id
        if (!person) throw new Error('the demo reviewer has no person')
        const made = await makeCall(t, { proposals: 1, reviewers: [person], tag: 'review' })
        const assignment = await create(t, '/review_assignments', { reviewer_id: made.reviewers[0].id, proposal_id: made.proposals[0].id, origin: 'manual' })
        assignmentId = assignment.id
      })
      await t.step('my reviews lists it as not started', async () => {
        await t.login('reviewer')
        await t.expectPath('/review')
        await t.expectText(`tr[data-assignment="${assignmentId}"]`, '未着手')
      })
      await t.step('open the form', async () => {
        await t.page.locator(`tr[data-assignment="${assignmentId}"] a`).click()
        await t.expectText('main h1', 'E2E 提案 review-1')
        await t.expectVisible('fieldset[data-criterion] input[type=radio]')
      })
      await t.step('submitting without scores names the fields', async () => {
        await t.page.getByRole('button', { name: '提出する' }).click()
        await t.page.locator('[role=alertdialog] [data-confirm]').click()
        await t.expectText('.field-error', '評点を選択してください')
      })
      await t.step('score, comment and submit', async () => {
        const criteria = await t.page.locator('fieldset[data-criterion]').evaluateAll((sets) => sets.map((s) => s.getAttribute('data-criterion')))
        for (const id of criteria) await t.page.locator(`label[for="score-${id}-4"]`).click()
        await t.page.locator('#review-comment').fill('地域の強みが明確で、推進体制も十分。')
        await t.page.getByRole('button', { name: '提出する' }).click()
        await t.page.locator('[role=alertdialog] [data-confirm]').click()
        await t.expectText('.live', '査読を提出しました')
        await t.expectVisible('[data-status="submitted"]')
        await t.expectVisible('#others-heading')
      })
      await t.step('the list shows it submitted', async () => {
        await t.page.getByRole('link', { name: /担当する査読/ }).first().click()
        await t.expectText(`tr[data-assignment="${assignmentId}"]`, '提出済')
      })
      await t.step('phone width', async () => {
        await t.resize(NARROW)
        await t.goto(`/review/${assignmentId}`)
        await t.expectVisible('[data-status="submitted"]')
        await t.expectNoHorizontalScroll()
      })
    },
  },
  {
    name: 'officer evaluates a call and decides the selection with reasons',
    run: async (t) => {
      /** @type {Awaited<ReturnType<typeof makeCall>>} */
      let made
      /** @type {number[]} */
      const assignments = []
      await t.step('the office makes a call and assigns the demo reviewer', async () => {
        await t.login('program_officer')
        const person = t.account('reviewer').person_id
        if (!person) throw new Error('the demo reviewer has no person')
        made = await makeCall(t, { proposals: 3, reviewers: [person], tag: 'select' })
        for (const proposal of made.proposals) {
          assignments.push((await create(t, '/review_assignments', { reviewer_id: made.reviewers[0].id, proposal_id: proposal.id, origin: 'manual' })).id)
        }
      })
      await t.step('the reviewer submits three reviews', async () => {
        await t.login('reviewer')
        const scores = [5, 4, 2]
        for (const [i, id] of assignments.entries()) {
          const body = { scores: Object.fromEntries(made.criteria.map((c) => [String(c.id), scores[i]])), comment: 'e2e', submit: true }
          const answer = await t.api('PUT', `/review_assignments/${id}/review`, body)
          if (answer.status !== 200) throw new Error(`PUT review ${id} answered ${answer.status}: ${answer.text.slice(0, 300)}`)
        }
      })
      await t.step('evaluate with intervals', async () => {
        await t.login('program_officer')
        await t.goto(`/office/calls/${made.call.id}?tab=evaluation`)
        await t.page.locator('#eval-bootstrap').fill('200')
        await t.page.getByRole('button', { name: '総合評価を計算する' }).click()
        await t.expectText('.evaluation tbody tr[data-proposal]', 'E2E 提案 select-1')
        const rows = await t.count('.evaluation tbody tr[data-proposal]')
        if (rows !== 3) throw new Error(`the ranking has ${rows} rows, expected 3`)
        await t.expectVisible('.evaluation figure [role=img] svg')
        await t.page.locator('.evaluation figure').scrollIntoViewIfNeeded()
      })
      await t.step('preview the selection with reasons', async () => {
        await t.page.getByRole('tab', { name: '採択' }).click()
        await t.page.locator('#sel-budget').fill('10億円')
        await t.page.locator('#sel-perRegion').fill('5億円')
        await t.page.getByRole('button', { name: '採択案を計算する' }).click()
        await t.expectVisible('.selection tbody tr[data-outcome]')
        const full = await t.count('.selection tr[data-outcome="full"]')
        const rejected = await t.count('.selection tr[data-outcome="rejected"]')
        if (full !== 2 || rejected !== 1) throw new Error(`expected 2 full and 1 rejected, got ${full} full and ${rejected} rejected`)
        await t.expectText('.selection tr[data-outcome="rejected"] .reason__text', /不採択: 総合評点 .*予算の上限に達しているため/)
        const statuses = await Promise.all(made.proposals.map((p) => get(t, `/proposals/${p.id}`)))
        if (statuses.some((p) => p.status !== 'submitted')) throw new Error('the preview changed proposal statuses')
        await t.page.locator('.selection table.grid').scrollIntoViewIfNeeded()
      })
      await t.step('decide it after confirming', async () => {
        await t.page.locator('#sel-decidedOn').fill('2007-03-30')
        await t.page.locator('.apply .confirm > button').click()
        await t.page.locator('[role=alertdialog] [data-confirm]').click()
        await t.expectText('.selection', 'この採択は決定済みです')
        const statuses = (await Promise.all(made.proposals.map((p) => get(t, `/proposals/${p.id}`)))).map((p) => p.status).sort()
        if (statuses.join() !== 'full,full,rejected') throw new Error(`after deciding the proposals are ${statuses.join()}`)
      })
      await t.step('English explanations', async () => {
        await t.page.locator('[data-locale=en]').click()
        await t.expectText('.selection tr[data-outcome="rejected"] .reason__text', /Not selected: score .*the budget is used up/)
        await t.page.locator('.selection table.grid').scrollIntoViewIfNeeded()
      })
    },
  },
  {
    name: 'officer grades a cluster evaluation and promotes a trial cluster',
    run: async (t) => {
      await t.step('results as letters and colours', async () => {
        await t.login('program_officer')
        await t.goto('/office/cluster-evaluations')
        await t.expectVisible('table.results [data-grade]')
        const letters = await t.page.locator('table.results [data-grade]').evaluateAll((cells) => cells.map((c) => c.textContent?.trim().charAt(0)))
        if (letters.some((l) => !l || !'SABC'.includes(l))) throw new Error(`grade cells without a letter: ${letters.join(',')}`)
      })
      /** @type {any} */
      let evaluation = null
      await t.step('open an evaluation under committee review', async () => {
        const clusters = await get(t, '/clusters?limit=1')
        evaluation = await create(t, '/cluster_evaluations', {
          cluster_id: clusters.items[0].id,
          kind: 'post',
          fiscal_year: 2008,
          stage: 'committee_review',
        })
        await t.page.reload()
        await t.page.locator(`tr[data-evaluation="${evaluation.id}"] button`).click()
        await t.expectVisible('#grade-form-heading')
      })
      await t.step("the cluster's network at the evaluation's fiscal year", async () => {
        await t.expectVisible('.evaluation-network [data-metric="organisations"] dd')
        const alerts = await t.page.locator('.evaluation-network [role=alert]').allTextContents()
        if (alerts.length > 0) throw new Error(`the network panel shows an error: ${alerts.join(' | ')}`)
        const figure = async (/** @type {string} */ id) =>
          Number((await t.page.locator(`.evaluation-network [data-metric="${id}"] dd`).textContent())?.replace(/[^0-9]/g, ''))
        const organisations = await figure('organisations')
        const ties = await figure('ties')
        if (!(organisations > 0 && ties > 0)) throw new Error(`expected a network, the panel says ${organisations} organisations and ${ties} ties`)
        await t.expectText('.evaluation-network [data-growth-change]', /2008年度|記録は/)
        if ((await t.count('.evaluation-network [data-broker]')) === 0) throw new Error('no brokers named')
        const years = await t.page.locator('.evaluation-network .growth tbody th').allTextContents()
        if (years.length === 0 || years.at(-1)?.trim() !== '2008年度') throw new Error(`the growth should end at 2008年度: ${years.join(', ')}`)
        await t.expectVisible('.evaluation-network .growth figure [role=img] svg')
        const page = await t.page.locator('.evaluation-network [data-network-page]').getAttribute('href')
        if (page !== `/cluster/network?cluster=${evaluation.cluster_id}&fy=2008`) throw new Error(`network page link: ${page}`)
        const graphml = await t.page.locator('.evaluation-network [data-network-graphml]').getAttribute('href')
        const file = await t.api('GET', graphml ?? '')
        if (file.status !== 200 || !file.text.includes('<graphml')) throw new Error(`GraphML download ${graphml}: ${file.status} ${file.text.slice(0, 200)}`)
      })
      await t.step('grade an evaluation under committee review', async () => {
        for (const select of await t.page.locator('.grade-form select').all()) await select.selectOption('A')
        await t.page.locator('#grade-overall').selectOption('S')
        await t.page.locator('.grade-form .confirm > button').click()
        await t.page.locator('[role=alertdialog] [data-confirm]').click()
        await t.expectText('.grade-form .live', '評定を保存しました')
        await t.expectText(`tr[data-evaluation="${evaluation.id}"]`, '確定済')
      })
      await t.step("a graded evaluation's network and the full network page", async () => {
        const evaluations = await get(t, '/cluster_evaluations?limit=1000')
        const graded = evaluations.items.find((/** @type {any} */ e) => e.stage === 'graded' && e.id !== evaluation?.id)
        if (!graded) throw new Error('the demo has no graded evaluation')
        await t.page.locator(`tr[data-evaluation="${graded.id}"] .network-button`).click()
        await t.expectText('#grade-form-heading', String(graded.fiscal_year))
        await t.expectVisible('.evaluation-network [data-metric="organisations"] dd')
        const organisations = (await t.page.locator('.evaluation-network [data-metric="organisations"] dd').textContent())?.trim()
        if (!organisations || organisations === '0') throw new Error(`expected organisations in ${graded.fiscal_year}, the panel says ${organisations}`)
        await t.page.locator('.evaluation-network [data-network-page]').click()
        await t.expectPath(`/cluster/network?cluster=${graded.cluster_id}&fy=${graded.fiscal_year}`)
        await t.expectVisible('main [data-metric="nodes"] dd')
        await t.expectText('main [data-metric="nodes"] dd', organisations)
      })
      await t.step('conflicts of a decided call', async () => {
        await t.goto('/office/calls')
        await t.page.locator('tr[data-call]', { hasText: /事業実施地域の選定/ }).first().locator('a').click()
        await t.page.getByRole('tab', { name: '利害関係' }).click()
        await t.expectVisible('#conflicts-heading')
        await t.expectText('section[aria-labelledby=conflicts-heading]', /件を検出|検出された利害関係はありません/)
      })
      await t.step('promote a trial cluster', async () => {
        await t.goto('/office/promotions')
        const trial = t.page.locator('li[data-cluster]').first()
        const found = await trial.count()
        if (found === 0) return
        const before = (await get(t, '/promotions?limit=1')).total
        await trial.locator('button').click()
        await t.page.locator('#promo-decided').fill('2008-03-01')
        await t.page.locator('#promo-fy').fill('2008')
        await t.page.locator('#promo-source').fill('補正予算')
        await t.page.locator('.confirm > button').click()
        await t.page.locator('[role=alertdialog] [data-confirm]').click()
        await t.expectText('.promotion > p[role=status]', /本格実施に移行しました/)
        const after = (await get(t, '/promotions?limit=1')).total
        if (after !== before + 1) throw new Error(`promotions: ${before} before, ${after} after`)
      })
    },
  },
  {
    name: 'office pages at phone and desktop width',
    run: async (t) => {
      for (const [label, viewport] of /** @type {const} */ ([['phone', NARROW], ['desktop', DESKTOP]])) {
        await t.step(`calls (${label})`, async () => {
          if (label === 'phone') await t.login('program_officer', { viewport })
          else await t.resize(viewport)
          await t.goto('/office/calls')
          await t.expectVisible('tr[data-call] a')
          await t.expectNoHorizontalScroll()
        })
        await t.step(`a decided call (${label})`, async () => {
          await t.page.locator('tr[data-call] a').first().click()
          await t.expectVisible('[role=tablist]')
          await t.expectNoHorizontalScroll()
          await t.page.getByRole('tab', { name: '提案' }).click()
          await t.expectVisible('tr[data-proposal]')
          await t.expectNoHorizontalScroll()
        })
        await t.step(`the recorded evaluation of a selection call (${label})`, async () => {
          await t.goto('/office/calls')
          await t.page.locator('tr[data-call]', { hasText: /事業実施地域の選定/ }).first().locator('a').click()
          await t.page.getByRole('tab', { name: '総合評価' }).click()
          await t.expectVisible('.evaluation .recorded')
          await t.expectVisible('.evaluation figure [role=img] svg')
          await t.page.locator('.evaluation figure').scrollIntoViewIfNeeded()
          await t.expectNoHorizontalScroll()
        })
        await t.step(`cluster evaluations with the network panel (${label})`, async () => {
          await t.goto('/office/cluster-evaluations')
          await t.expectVisible('table.results [data-grade]')
          await t.expectNoHorizontalScroll()
          await t.page.locator('tr[data-evaluation] .network-button').first().click()
          await t.expectVisible('.evaluation-network [data-metric="organisations"] dd')
          await t.expectVisible('.evaluation-network .growth figure [role=img] svg')
          await t.page.locator('.evaluation-network .growth details summary').click()
          await t.page.locator('.evaluation-network').scrollIntoViewIfNeeded()
          await t.expectNoHorizontalScroll()
        })
        await t.step(`promotions and jobs (${label})`, async () => {
          await t.goto('/office/promotions')
          await t.expectVisible('main h1')
          await t.expectNoHorizontalScroll()
          await t.goto('/jobs')
          await t.expectVisible('main h1')
          await t.expectNoHorizontalScroll()
        })
      }
    },
  },
]
