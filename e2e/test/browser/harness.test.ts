// The browser harness end to end: Debian's Chromium signs in to `gatemap serve` on the bundled
// examples the way a person does, sees the dashboard (or the placeholder page while web/dist is not
// built), and the page passes axe's serious/critical checks.
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { WEB_DIST } from '../web-dist.ts'
import { formatSeriousViolations, runAxe } from './axe.ts'
import { closeDashboard, pageErrors, useDashboardOn, waitForGraph } from './dashboard.ts'
import { saveScreenshot } from './screenshots.ts'

const repo = path.join(import.meta.dirname, '../../..')
// scripts/test.sh builds web/dist before this suite; without it the server shows its placeholder.
const appBuilt = existsSync(path.join(WEB_DIST, 'index.html'))
const { browser, open, serve } = useDashboardOn(path.join(repo, 'examples'))

describe('browser harness', () => {
  it('a signed-in tab gets the page with a title and no errors', async () => {
    const page = await open()
    const response = await page.reload()
    expect(response?.status()).toBe(200)
    expect(await page.title()).toMatch(/Gatemap/)
    await page.locator('body').filter({ hasText: /\S/ }).waitFor({ timeout: 10_000 })
    expect(pageErrors(page)).toEqual([])
    await closeDashboard(page)
  })

  it('a tab without the session cookie gets the sign-in page', async () => {
    const context = await browser().newContext()
    const page = await context.newPage()
    const response = await page.goto(`${serve().url}/`)
    expect(response?.status()).toBe(401)
    expect(await page.title()).toBe('Gatemap: sign in')
    expect(await page.getByLabel('Access token').isVisible()).toBe(true)
    await context.close()
  })

  it.runIf(appBuilt)('the app paints the graph and says so on [data-testid="graph"]', async () => {
    const page = await open()
    expect(await waitForGraph(page)).toBeGreaterThan(0)
    expect(pageErrors(page)).toEqual([])
    await closeDashboard(page)
  })

  it('has no serious or critical accessibility violations, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await open({ colorScheme })
      if (appBuilt) await waitForGraph(page)
      expect(formatSeriousViolations(await runAxe(page)), colorScheme).toBe('')
      const [file] = await saveScreenshot(page, `harness-home-${colorScheme}`)
      expect(statSync(file!).size).toBeGreaterThan(1000)
      expect(pageErrors(page)).toEqual([])
      await closeDashboard(page)
    }
  })
})
