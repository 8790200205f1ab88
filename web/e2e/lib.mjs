// @ts-check
// What a scenario gets: pages in fresh browser contexts, steps with screenshots, sign-in by role,
// and a few waiting assertions (playwright-core has no `expect`).
//
// A scenario file in e2e/scenarios/ exports
//
//   export const scenarios = [
//     { name: 'coordinator accepts a match', run: async (t) => {
//         await t.login('coordinator')                 // a demo account by role (or by login)
//         await t.step('open suggestions', async () => {
//           await t.goto('/cluster/matches')
//           await t.expectText('h1', /マッチング|Matches/)
//         })
//     } },
//   ]
//
// Every step leaves <out>/<scenario>/<NN>-<step>.png (…-FAILED.png when it failed). A step that
// throws ends the scenario; the runner names the scenario and the step. Uncaught errors in the
// page (pageerror) fail the step in which they happen.

import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * @typedef {{login: string, role: string, person_id: number|null, password: string}} Account
 * @typedef {{name: string, run: (t: Context) => Promise<void>}} Scenario
 * @typedef {ReturnType<typeof createContext>} Context
 */

export const DESKTOP = { width: 1280, height: 800 }
export const PHONE = { width: 390, height: 844 }
export const NARROW = { width: 360, height: 740 }

export class Failure extends Error {
  /** @param {string} step @param {unknown} cause */
  constructor(step, cause) {
    super(cause instanceof Error ? cause.message : String(cause))
    this.name = 'Failure'
    this.step = step
  }
}

/** @param {string} text */
const slug = (text) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'step'

/**
 * @param {{browser: import('playwright-core').Browser, baseUrl: string, accounts: Account[],
 *          out: string, scenario: string, timeout: number}} options
 */
export function createContext({ browser, baseUrl, accounts, out, scenario, timeout }) {
  const folder = join(out, slug(scenario))
  mkdirSync(folder, { recursive: true })
  /** @type {import('playwright-core').BrowserContext[]} */
  const contexts = []
  /** @type {import('playwright-core').Page | null} */
  let current = null
  let stepNumber = 0
  let stepName = ''
  /** @type {string[]} */
  const pageErrors = []

  const t = {
    baseUrl,
    accounts,
    timeout,
    /** The page of the latest newPage() (opened on first use at desktop size, Japanese). */
    get page() {
      if (!current) throw new Error('no page yet: call t.newPage() or t.login() first')
      return current
    },
    currentStep: () => stepName,

    /**
     * A page in a fresh browser context (own cookies and storage), which becomes t.page.
     * @param {{viewport?: {width: number, height: number}, locale?: string}} [options]
     */
    async newPage(options = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: options.viewport ?? DESKTOP,
        locale: options.locale ?? 'ja-JP',
      })
      context.setDefaultTimeout(timeout)
      context.setDefaultNavigationTimeout(timeout * 2)
      contexts.push(context)
      const page = await context.newPage()
      page.on('pageerror', (error) => pageErrors.push(error.message))
      current = page
      return page
    },

    /** @param {{width: number, height: number}} viewport */
    async resize(viewport) {
      await t.page.setViewportSize(viewport)
    },

    /**
     * Runs one step and screenshots the page after it (also when it failed).
     * @template R @param {string} name @param {() => Promise<R>} body @returns {Promise<R>}
     */
    async step(name, body) {
      stepNumber += 1
      stepName = name
      const file = `${String(stepNumber).padStart(2, '0')}-${slug(name)}`
      try {
        const result = await body()
        if (pageErrors.length > 0) throw new Error(`uncaught error in the page: ${pageErrors.splice(0).join(' | ')}`)
        await t.screenshot(file)
        return result
      } catch (error) {
        await t.screenshot(`${file}-FAILED`).catch(() => {})
        throw new Failure(name, error)
      }
    },

    /** @param {string} name */
    async screenshot(name) {
      if (!current) return
      await current.screenshot({ path: join(folder, `${name}.png`), fullPage: false, timeout })
    },

    /** @param {string} path */
    async goto(path) {
      await t.page.goto(path, { waitUntil: 'domcontentloaded' })
    },

    /**
     * The demo account of a role ('coordinator') or with a login ('demo-coordinator').
     * @param {string} roleOrLogin @returns {Account}
     */
    account(roleOrLogin) {
      const found = accounts.find((a) => a.role === roleOrLogin || a.login === roleOrLogin)
      if (!found) throw new Error(`no demo account for ${roleOrLogin} (have: ${accounts.map((a) => a.role).join(', ')})`)
      return found
    },

    /**
     * Signs in through the login form on a new page (or the given one) and waits to leave /login.
     * @param {string} roleOrLogin
     * @param {{viewport?: {width: number, height: number}, locale?: string, path?: string, newPage?: boolean}} [options]
     */
    async login(roleOrLogin, options = {}) {
      const account = t.account(roleOrLogin)
      if (options.newPage !== false || !current) await t.newPage(options)
      if (options.newPage !== false || !/\/login/.test(t.page.url())) await t.goto(options.path ?? '/login')
      await t.page.locator('#login-name').fill(account.login)
      await t.page.locator('#login-password').fill(account.password)
      await t.page.locator('form button[type=submit]').click()
      await t.page.waitForURL((url) => url.pathname !== '/login')
      await t.page.locator('#main').waitFor()
      return account
    },

    /** @param {string | RegExp} expected the path (with query) or a pattern of it */
    async expectPath(expected) {
      await t.page
        .waitForURL((url) => {
          const path = url.pathname + url.search
          return typeof expected === 'string' ? path === expected || url.pathname === expected : expected.test(path)
        })
        .catch(() => {
          const url = new URL(t.page.url())
          throw new Error(`expected to be at ${expected}, but the page is at ${url.pathname}${url.search}`)
        })
    },

    /**
     * Waits until the first element matching `selector` shows text matching `expected`.
     * @param {string} selector @param {string | RegExp} expected
     */
    async expectText(selector, expected) {
      const locator = t.page.locator(selector).first()
      const deadline = Date.now() + timeout
      let last = ''
      for (;;) {
        last = ((await locator.textContent({ timeout: Math.max(1, deadline - Date.now()) }).catch(() => null)) ?? '').trim()
        if (typeof expected === 'string' ? last.includes(expected) : expected.test(last)) return last
        if (Date.now() > deadline) throw new Error(`expected ${selector} to show ${expected}, it shows "${last.slice(0, 200)}"`)
        await t.page.waitForTimeout(100)
      }
    },

    /** @param {string} selector */
    async expectVisible(selector) {
      await t.page
        .locator(selector)
        .first()
        .waitFor({ state: 'visible' })
        .catch(() => {
          throw new Error(`expected ${selector} to be visible`)
        })
    },

    /** @param {string} selector @returns {Promise<number>} */
    async count(selector) {
      return t.page.locator(selector).count()
    },

    /** The hrefs of the main menu, in order (waits until the menu has links). */
    async menuLinks() {
      return t.page.locator('#main-nav a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))
    },

    /** Fails when the page is wider than the window (content that would need sideways scrolling). */
    async expectNoHorizontalScroll() {
      // Charts and other observers follow a resize a few frames later: give the layout up to two
      // seconds to settle before judging it.
      const measure = () =>
        t.page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }))
      let { scroll, width } = await measure()
      for (let waited = 0; scroll > width + 1 && waited < 2000; waited += 100) {
        await t.page.waitForTimeout(100)
        ;({ scroll, width } = await measure())
      }
      if (scroll > width + 1) {
        const culprits = await t.page.evaluate((limit) => {
          const found = []
          for (const element of document.querySelectorAll('body *')) {
            const box = element.getBoundingClientRect()
            if (box.right > limit + 1 && box.width > 0) {
              const parent = element.parentElement?.getBoundingClientRect()
              if (!parent || parent.right <= limit + 1) {
                found.push(`${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''}.${[...element.classList].join('.')}`)
              }
            }
          }
          return found.slice(0, 5)
        }, width)
        throw new Error(`the page is ${scroll} px wide in a ${width} px window (horizontal scrolling), first too wide: ${culprits.join(', ')}`)
      }
    },

    /**
     * A JSON API call from the page, with its session cookie and CSRF token.
     * @param {string} method @param {string} path @param {unknown} [body]
     */
    async api(method, path, body) {
      return t.page.evaluate(
        async ({ method, path, body }) => {
          const headers = /** @type {Record<string, string>} */ ({ Accept: 'application/json' })
          if (body !== undefined) headers['Content-Type'] = 'application/json'
          const token = sessionStorage.getItem('kc.csrf')
          if (token && method !== 'GET') headers['X-CSRF-Token'] = token
          const response = await fetch(path.startsWith('/api/') ? path : `/api/v1${path}`, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
          })
          const text = await response.text()
          let json = null
          try {
            json = JSON.parse(text)
          } catch {
            // not JSON
          }
          return { status: response.status, json, text }
        },
        { method, path, body },
      )
    },

    async close() {
      for (const context of contexts.splice(0)) await context.close().catch(() => {})
      current = null
    },
  }
  return t
}
