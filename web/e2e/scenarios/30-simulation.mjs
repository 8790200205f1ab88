// @ts-check
// The policy simulator: an officer runs a small scenario with the defaults, then a second with a
// larger budget, and sees both on the charts and the totals compared (scenario A vs B); the page
// fits a phone's width.

import { NARROW } from '../lib.mjs'

export const scenarios = [
  {
    name: 'officer runs two policy scenarios and compares them',
    run: async (t) => {
      await t.step('open the simulator', async () => {
        await t.login('program_officer')
        await t.goto('/office/simulation')
        await t.expectText('main h1', '政策シミュレーション')
        await t.expectText('main', '将来の予測ではありません')
      })
      await t.step('run scenario A with the defaults', async () => {
        await t.page.locator('#sim-runs').fill('10')
        await t.page.getByRole('button', { name: '実行', exact: true }).click()
        await t.expectText('.scenarios', 'シナリオA: 10回試行')
      })
      await t.step('run scenario B with a larger budget', async () => {
        await t.page.locator('#lever-budget_per_year').fill('800')
        await t.page.getByRole('button', { name: '実行', exact: true }).click()
        await t.expectText('.scenarios', 'シナリオB')
        await t.expectText('.scenarios', '本格実施地域の年間予算 8億円')
        await t.expectText('table.totals thead', '差（B−A）')
        const charts = await t.count('.chart-card')
        if (charts !== 10) throw new Error(`${charts} KPI charts shown, expected 10`)
        await t.page.locator('.chart-card').nth(2).scrollIntoViewIfNeeded()
      })
      await t.step('fits a phone', async () => {
        await t.resize(NARROW)
        await t.expectNoHorizontalScroll()
      })
    },
  },
]
