// @ts-check
// Signing in and out for every demo role, the ja/en switch, and deep links while signed out.

const HQ_MENU = [
  '/cluster',
  '/cluster/search',
  '/cluster/matches',
  '/cluster/funnel',
  '/cluster/projects',
  '/cluster/ip',
  '/cluster/forums',
  '/cluster/ledger',
]

/**
 * Where each role lands and which menu links it must (and must not) have, as path prefixes.
 * Update this table when a role's home page or menu changes (views/navigation.ts, router.ts).
 * @type {Record<string, {home: RegExp, menu: string[], notMenu?: string[]}>}
 */
export const ROLE_HOMES = {
  admin: { home: /^\/programme$/, menu: ['/programme', '/cluster', '/office/calls', '/jobs'] },
  program_officer: { home: /^\/programme$/, menu: ['/programme', '/cluster', '/office/calls', '/office/cluster-evaluations', '/jobs', '/records/proposals'] },
  reviewer: { home: /^\/review$/, menu: ['/review', '/records/proposals'], notMenu: ['/programme', '/cluster', '/office'] },
  hq_director: { home: /^\/cluster$/, menu: HQ_MENU, notMenu: ['/programme'] },
  program_manager: { home: /^\/cluster$/, menu: HQ_MENU, notMenu: ['/programme'] },
  research_director: { home: /^\/cluster$/, menu: HQ_MENU, notMenu: ['/programme'] },
  coordinator: { home: /^\/cluster$/, menu: HQ_MENU, notMenu: ['/programme'] },
  adviser: { home: /^\/cluster$/, menu: HQ_MENU, notMenu: ['/programme'] },
  researcher: { home: /^\/me\/seeds$/, menu: ['/me/seeds', '/me/projects'], notMenu: ['/programme', '/cluster'] },
  company: { home: /^\/me\/needs$/, menu: ['/me/needs', '/me/projects'], notMenu: ['/programme', '/cluster'] },
  local_government: { home: /^\/records\/seeds/, menu: [], notMenu: ['/programme', '/cluster'] },
  public: { home: /^\/records\/seeds/, menu: [], notMenu: ['/programme', '/cluster'] },
}

/** @param {import('../lib.mjs').Context} t @param {string} role */
async function signInAndOut(t, role) {
  const expected = ROLE_HOMES[role]
  if (!expected) throw new Error(`ROLE_HOMES has no entry for the demo role ${role}: add one`)
  await t.step('sign in', async () => {
    await t.login(role)
    await t.expectPath(expected.home)
    await t.expectText('.who', t.account(role).login)
  })
  await t.step('menu', async () => {
    if (expected.menu.length > 0) await t.page.locator('#main-nav a').first().waitFor()
    const links = await t.menuLinks()
    for (const prefix of expected.menu) {
      if (!links.some((href) => href.startsWith(prefix))) {
        throw new Error(`the menu has no link to ${prefix}: it has ${links.join(', ') || 'nothing'}`)
      }
    }
    for (const prefix of expected.notMenu ?? []) {
      if (links.some((href) => href.startsWith(prefix))) throw new Error(`the menu must not link to ${prefix}: ${links.join(', ')}`)
    }
    await t.expectVisible('main h1')
  })
  await t.step('sign out', async () => {
    await t.page.locator('button.logout').click()
    await t.expectPath('/login')
    await t.goto('/')
    await t.expectPath('/login')
  })
}

const ROLES = Object.keys(ROLE_HOMES)

/** @type {import('../lib.mjs').Scenario[]} */
export const scenarios = [
  ...ROLES.map((role) => ({
    name: `sign in and out as ${role}`,
    /** @param {import('../lib.mjs').Context} t */
    run: (t) => signInAndOut(t, role),
  })),
  {
    name: 'wrong password is refused',
    run: async (t) => {
      await t.newPage()
      await t.step('wrong password', async () => {
        await t.goto('/login')
        await t.page.locator('#login-name').fill(t.account('coordinator').login)
        await t.page.locator('#login-password').fill('not-the-password')
        await t.page.locator('form button[type=submit]').click()
        await t.expectText('[role=alert]', /正しくありません/)
        await t.expectPath('/login')
      })
    },
  },
  {
    name: 'ja and en switch, kept on reload',
    run: async (t) => {
      await t.step('login page in Japanese', async () => {
        await t.newPage({ locale: 'ja-JP' })
        await t.goto('/login')
        await t.expectText('h1', 'ログイン')
        await t.page.locator('[data-locale=en]').click()
        await t.expectText('h1', 'Sign in')
        await t.page.locator('[data-locale=ja]').click()
        await t.expectText('h1', 'ログイン')
      })
      await t.step('signed in, Japanese', async () => {
        await t.login('program_officer', { newPage: false })
        await t.expectText('button.logout', 'ログアウト')
        await t.expectText('#main-nav', '事業全体')
      })
      await t.step('switch to English', async () => {
        await t.page.locator('[data-locale=en]').click()
        await t.expectText('button.logout', 'Sign out')
        await t.expectText('#main-nav', 'Programme')
        const lang = await t.page.locator('html').getAttribute('lang')
        if (lang !== 'en') throw new Error(`<html lang> is ${lang}, expected en`)
      })
      await t.step('reload keeps English', async () => {
        await t.page.reload()
        await t.expectText('button.logout', 'Sign out')
        const pressed = await t.page.locator('[data-locale=en]').getAttribute('aria-pressed')
        if (pressed !== 'true') throw new Error('the English button is not pressed after the reload')
      })
      await t.step('back to Japanese', async () => {
        await t.page.locator('[data-locale=ja]').click()
        await t.expectText('button.logout', 'ログアウト')
        await t.page.reload()
        await t.expectText('button.logout', 'ログアウト')
      })
    },
  },
  {
    name: 'deep link while signed out goes to the login page and back',
    run: async (t) => {
      await t.step('open a deep link', async () => {
        await t.newPage()
        await t.goto('/cluster?cluster=1')
        await t.expectPath(/^\/login\?redirect=/)
        const redirect = new URL(t.page.url()).searchParams.get('redirect')
        if (redirect !== '/cluster?cluster=1') throw new Error(`redirect is ${redirect}, expected /cluster?cluster=1`)
      })
      await t.step('sign in returns to it', async () => {
        await t.login('coordinator', { newPage: false })
        await t.expectPath('/cluster?cluster=1')
        await t.expectVisible('main h1')
      })
      await t.step('API without a session is 401', async () => {
        await t.newPage()
        await t.goto('/login')
        const answer = await t.api('GET', '/clusters')
        if (answer.status !== 401) throw new Error(`GET /api/v1/clusters without a session answered ${answer.status}`)
      })
    },
  },
]
