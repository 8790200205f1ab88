// @ts-check
// The cluster-HQ pages and the company/researcher pages, each at desktop (1280×800) and phone
// (390×844) size: the page renders its heading, shows no error, and needs no sideways scrolling
// at 390 px nor at 360 px. Then a coordinator accepts a match suggestion of their cluster.

import { DESKTOP, NARROW, PHONE } from '../lib.mjs'

/** [path, a selector that shows the page has its data] */
const HQ_PAGES = [
  ['/cluster', 'table.kpis'],
  ['/cluster/search', 'table'],
  ['/cluster/matches', 'li.match'],
  ['/cluster/funnel', '.card h2'],
  ['/cluster/projects', 'table'],
  ['/projects/1', '#partners-heading'],
  ['/cluster/ip?today=2006-10-01', 'section.urgency'],
  ['/cluster/forums', 'table.data'],
  ['/cluster/ledger', 'table.data'],
]

/**
 * Opens each page at both sizes and screenshots it.
 * @param {import('../lib.mjs').Context} t @param {string} role @param {Array<string[]>} pages
 */
async function visitPages(t, role, pages) {
  await t.login(role)
  for (const [path = '/', ready = 'h1'] of pages) {
    for (const [size, viewport] of /** @type {const} */ ([
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ])) {
      await t.step(`${path} at ${size}`, async () => {
        await t.resize(viewport)
        await t.goto(path)
        await t.expectVisible('main h1')
        await t.page.locator(`main ${ready}`).first().waitFor({ state: 'attached' })
        const alerts = await t.page.locator('main [role=alert]').allTextContents()
        if (alerts.length > 0) throw new Error(`the page shows an error: ${alerts.join(' | ')}`)
        if (size === 'phone') {
          // usable down to 360 px (no sideways scrolling); the screenshot is taken at 390 px
          await t.resize(NARROW)
          await t.page.waitForTimeout(150)
          await t.expectNoHorizontalScroll()
          await t.resize(PHONE)
          await t.page.waitForTimeout(150)
          await t.expectNoHorizontalScroll()
        }
      })
    }
  }
}

/** @type {import('../lib.mjs').Scenario[]} */
export const scenarios = [
  {
    name: 'cluster HQ pages at desktop and phone width',
    run: (t) => visitPages(t, 'coordinator', HQ_PAGES),
  },
  {
    name: 'company pages at desktop and phone width',
    run: (t) => visitPages(t, 'company', [['/me/needs', 'h1'], ['/me/projects', 'h1']]),
  },
  {
    name: 'researcher pages at desktop and phone width',
    run: (t) => visitPages(t, 'researcher', [['/me/seeds', 'h1'], ['/me/projects', 'h1']]),
  },
  {
    name: 'phone menu opens and closes',
    run: async (t) => {
      await t.login('coordinator', { viewport: PHONE })
      await t.step('menu collapsed', async () => {
        if (await t.page.locator('#main-nav').isVisible()) throw new Error('the menu is open at phone width before it is asked for')
      })
      await t.step('menu opened', async () => {
        await t.page.locator('button.menu-toggle').click()
        await t.expectVisible('#main-nav a[href="/cluster/matches"]')
      })
      await t.step('navigate closes it', async () => {
        await t.page.locator('#main-nav a[href="/cluster/matches"]').click()
        await t.expectPath('/cluster/matches')
        if (await t.page.locator('#main-nav').isVisible()) throw new Error('the menu stayed open after choosing a page')
      })
    },
  },
  {
    name: 'seeds searched on the server',
    run: async (t) => {
      await t.login('coordinator')
      await t.step('search seeds', async () => {
        await t.goto('/cluster/search')
        await t.page.locator('#search-seeds').fill('画像処理')
        await t.expectText('#list-seeds ~ p, section[aria-labelledby=list-seeds] p', /件が該当/)
        await t.expectText('section[aria-labelledby=list-seeds] tbody', /画像/)
      })
    },
  },
  {
    name: 'cluster HQ pages in English',
    run: async (t) => {
      await t.login('hq_director', { locale: 'en-US' })
      await t.step('dashboard', async () => {
        await t.goto('/cluster')
        await t.expectText('main h1', 'Cluster HQ dashboard')
        await t.page.locator('main table.kpis').waitFor()
        await t.expectText('#fy-picker', /FY\d{4}/)
      })
      await t.step('ledger', async () => {
        await t.goto('/cluster/ledger')
        await t.expectText('main h1', 'Grant ledger')
        await t.expectText('.rule', /carry/i)
        await t.expectText('main .summary', /¥/)
      })
    },
  },
  {
    name: 'coordinator accepts a match suggestion',
    run: async (t) => {
      await t.login('coordinator')
      /** @type {string} */
      let id = ''
      await t.step('open the suggestions of their cluster', async () => {
        await t.goto('/cluster/matches')
        await t.expectText('main h1', /マッチング候補/)
        await t.page.locator('li.match').first().waitFor()
        id = (await t.page.locator('li.match').first().getAttribute('data-match')) ?? ''
        await t.expectText(`li.match[data-match="${id}"] [data-status]`, '提案')
      })
      await t.step('see why it was suggested', async () => {
        await t.page.locator(`li.match[data-match="${id}"] button[aria-expanded]`).click()
        await t.page.locator(`#why-${id} table.terms, #why-${id} p`).first().waitFor()
      })
      await t.step('accept it from the keyboard', async () => {
        await t.page.locator(`li.match[data-match="${id}"] [data-action=accept]`).focus()
        await t.page.keyboard.press('Enter')
        await t.expectText(`li.match[data-match="${id}"] [data-status]`, '打診済')
      })
      await t.step('the server has it', async () => {
        const answer = await t.api('GET', `/matches/${id}`)
        if (answer.json?.status !== 'contacted') throw new Error(`the match is ${answer.json?.status} on the server, expected contacted`)
      })
      await t.step('run matching as a job', async () => {
        await t.page.locator('#match-top').fill('2')
        await t.page.locator('form.run__form button[type=submit]').click()
        await t.page.locator('.job progress').waitFor()
        // The job endpoints (GET /api/v1/jobs/{id}) come with the programme-office API; until the
        // server has them the page can start the job but not follow it.
        const openapi = await t.api('GET', '/openapi.json')
        if (!openapi.json?.paths?.['/api/v1/jobs/{id}/cancel']) {
          console.log('       note: the server has no GET /api/v1/jobs/{id}: not waiting for the job to finish')
          return
        }
        await t.expectText('.job__state', /完了/)
        await t.expectText('.run__result', /件の候補を登録しました/)
      })
    },
  },
]
