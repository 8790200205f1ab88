// @ts-check
// The collaboration-network page: a coordinator opens it from the menu, sees the map (an SVG
// drawn by ECharts), the metric cards and the brokers, switches to the people network, and the
// page stays usable at phone width.

import { DESKTOP, NARROW, PHONE } from '../lib.mjs'

/** @type {import('../lib.mjs').Scenario[]} */
export const scenarios = [
  {
    name: 'coordinator sees the collaboration network',
    run: async (t) => {
      await t.login('coordinator', { viewport: DESKTOP })
      await t.step('open from the menu', async () => {
        await t.page.locator('#main-nav a[href="/cluster/network"]').click()
        await t.expectPath('/cluster/network')
        await t.expectText('main h1', /連携ネットワーク|Collaboration network/)
      })
      await t.step('map and metrics', async () => {
        await t.expectVisible('main [data-metric="nodes"] dd')
        await t.expectVisible('main .network-map svg')
        const alerts = await t.page.locator('main [role=alert]').allTextContents()
        if (alerts.length > 0) throw new Error(`the page shows an error: ${alerts.join(' | ')}`)
        const nodes = Number((await t.page.locator('main [data-metric="nodes"] dd').textContent())?.replace(/[^0-9]/g, ''))
        if (!(nodes > 0)) throw new Error(`expected a network with nodes, the card says ${nodes}`)
        if ((await t.count('main table.brokers tbody tr')) === 0) throw new Error('no brokers listed')
        if ((await t.count('main .downloads a[download]')) !== 2) throw new Error('expected the GraphML and GEXF downloads')
      })
      await t.step('people network', async () => {
        await t.page.locator('#network-mode').selectOption('people')
        await t.expectPath('/cluster/network')
        await t.page.waitForURL(/mode=people/)
        await t.expectVisible('main [data-metric="nodes"] dd')
      })
      await t.step('phone width', async () => {
        await t.resize(PHONE)
        await t.page.waitForTimeout(200)
        await t.expectNoHorizontalScroll()
        await t.resize(NARROW)
        await t.page.waitForTimeout(200)
        await t.expectNoHorizontalScroll()
      })
    },
  },
]
