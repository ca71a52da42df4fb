// Tracing a request in the dashboard, in Chromium on examples/routing served from its folder: from a
// Gateway's details by keyboard alone, the path lights up (the canary route and both its backends,
// not the route it outranks), the Trace tab explains the losing candidates with the step they lost
// at, a wrong field is named under itself, the address reproduces the trace, and the panel passes axe.
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ServeProcess, startServe } from '../serve-process.ts'
import { WEB_DIST } from '../web-dist.ts'
import { formatSeriousViolations, runAxe } from './axe.ts'
import { closeDashboard, openDashboard, pageErrors, useDashboardOn, waitForGraph } from './dashboard.ts'
import { saveScreenshot } from './screenshots.ts'

const repo = path.join(import.meta.dirname, '../../..')
const { browser, open, serve } = useDashboardOn(path.join(repo, 'examples/routing'))

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"] .gm-node`)
const NS = 'routing-demo'
const ROUTE = (name: string) => `Route:HTTPRoute/${NS}/${name}`
const BACKEND = (name: string) => `Backend:Service/${NS}/${name}`

async function classes(page: Page, id: string): Promise<string> {
  return (await node(page, id).getAttribute('class')) ?? ''
}

/** Waits for the trace's answer in the panel and for the graph to have painted it. */
async function waitForTrace(page: Page) {
  await page.locator('[data-testid="trace-outcome"]').waitFor({ timeout: 20_000 })
  // The other candidates come in the frame after the path's.
  await page.locator('[data-testid="trace-candidates"]').waitFor({ timeout: 20_000 })
  await waitForGraph(page)
  await page.waitForFunction(
    (id) => document.querySelector(`.react-flow__node[data-id="${id}"] .gm-node.highlighted`) !== null,
    ROUTE('catalog-canary'),
    { timeout: 15_000 },
  )
}

async function expectCanaryPath(page: Page) {
  for (const id of [
    `Gateway:Gateway/${NS}/edge`,
    `Listener:Gateway/${NS}/edge#http`,
    ROUTE('catalog-canary'),
    BACKEND('catalog-v2'),
    BACKEND('catalog-canary'),
  ]) {
    expect(await classes(page, id), id).toMatch(/\bhighlighted\b/)
  }
  for (const id of [ROUTE('catalog'), ROUTE('storefront'), ROUTE('promo-spring'), BACKEND('catalog-v1')]) {
    expect(await classes(page, id), id).toMatch(/\bdimmed\b/)
  }
}

describe('tracing a request on examples/routing', () => {
  it('by keyboard from the Gateway: lights the path, explains the losers, and the link reproduces it', async () => {
    const page = await open({
      path: `/?sel=Gateway:Gateway/${NS}/edge`,
      viewport: { width: 1600, height: 1000 },
    })
    await waitForGraph(page)
    const here = page.locator('[data-testid="trace-here"]')
    await here.focus()
    await page.keyboard.press('Enter')
    // The form opens with the Gateway filled in and the keyboard in the URL field.
    await expect(page.locator('#gm-trace-gateway').inputValue()).resolves.toBe(`${NS}/edge`)
    await page.waitForFunction(() => document.activeElement?.id === 'gm-trace-target')

    // A URL without a scheme is refused under its own field, and nothing is traced.
    await page.keyboard.type('shop.example.com/api/v2/items')
    await page.keyboard.press('Enter')
    const urlError = page.locator('[data-testid="trace-error-target"]')
    await expect(urlError.textContent()).resolves.toMatch(
      /^URL: "shop.example.com\/api\/v2\/items" is not an absolute URL/,
    )
    await expect(page.locator('#gm-trace-target').getAttribute('aria-invalid')).resolves.toBe('true')
    expect(new URL(page.url()).searchParams.get('trace')).toBeNull()

    await page.locator('#gm-trace-target').fill('')
    await page.keyboard.type('http://shop.example.com/api/v2/items')
    await page.keyboard.press('Tab') // to the headers (past the hint, which is text)
    await page.waitForFunction(() => document.activeElement?.id === 'gm-trace-headers')
    await page.keyboard.type('x-canary: true')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter') // the Trace button
    await waitForTrace(page)
    expect(await urlError.count()).toBe(0)

    await expectCanaryPath(page)
    const outcome = await page.locator('[data-testid="trace-outcome"]').textContent()
    expect(outcome).toBe('200 reaches a backend')
    await expect(page.locator('[data-testid="trace-route"]').textContent()).resolves.toMatch(
      /HTTPRoute routing-demo\/catalog-canary rule 0, match PathPrefix \/api\/v2, header x-canary=true/,
    )
    const backends = await page.locator('[data-testid="trace-backends"] tbody tr').allTextContents()
    expect(backends).toEqual([
      expect.stringMatching(/catalog-v2:8080.*90.*90%/),
      expect.stringMatching(/catalog-canary:8080.*10.*10%/),
    ])
    // The route it outranks, and the step that decided it.
    const losers = await page.locator('[data-testid="trace-candidates"] tbody tr').allTextContents()
    expect(losers[0]).toMatch(/HTTPRoute routing-demo\/catalog rule 1 \(api-v2\)header matches.*\(1 vs 0\)/)
    expect(losers.some((l) => /storefront rule 0no match/.test(l))).toBe(true)

    const address = new URL(page.url())
    expect(address.searchParams.get('trace')).toBe(`${NS}/edge`)
    expect(address.searchParams.get('treq')).toBe('http://shop.example.com/api/v2/items')
    expect(address.searchParams.getAll('th')).toEqual(['x-canary: true'])

    expect(formatSeriousViolations(await runAxe(page, { include: '.gm-side' }))).toBe('')
    // The picture shows the answer: the panel scrolled to it, the form above it out of view.
    await page.evaluate(() =>
      document.getElementById('gm-trace-result-title')?.scrollIntoView({ block: 'start' }),
    )
    await saveScreenshot(page, 'trace')

    // The link alone, in a new tab, traces the same request.
    const again = await open({
      path: `${address.pathname}${address.search}`,
      viewport: { width: 1600, height: 1000 },
    })
    await waitForTrace(again)
    await expectCanaryPath(again)
    await expect(again.locator('[data-testid="trace-outcome"]').textContent()).resolves.toBe(outcome)
    await expect(again.locator('#gm-trace-headers').inputValue()).resolves.toBe('x-canary: true')
    expect(pageErrors(page)).toEqual([])
    expect(pageErrors(again)).toEqual([])
    await closeDashboard(again)
    await closeDashboard(page)
  })

  it('a redirect says its Location, and junk in the address is ignored (dark theme)', async () => {
    const page = await open({
      path: `/?trace=${NS}%2Fedge&treq=${encodeURIComponent('http://shop.example.com/old/shoes')}&tmode=pigeon&th=`,
      viewport: { width: 1400, height: 900 },
      colorScheme: 'dark',
    })
    await page.locator('[data-testid="trace-candidates"]').waitFor({ timeout: 20_000 })
    await expect(page.locator('[data-testid="trace-outcome"]').textContent()).resolves.toBe(
      '301 redirect to http://shop.example.com/shoes',
    )
    await expect(page.locator('[data-testid="trace-redirect"]').textContent()).resolves.toContain(
      'Location: http://shop.example.com/shoes',
    )
    // storefront's rule 1 (/old/) is shadowed by rule 0 (/old): it appears as a loser.
    const losers = await page.locator('[data-testid="trace-candidates"] tbody tr').allTextContents()
    expect(losers.some((l) => /storefront rule 1/.test(l))).toBe(true)
    expect(formatSeriousViolations(await runAxe(page, { include: '.gm-side' }))).toBe('')
    await saveScreenshot(page, 'trace-redirect-dark')
    // A Gateway that is not there is named under the Gateway field.
    await page.goto(`${serve().url}/?trace=${NS}%2Fnowhere&treq=http%3A%2F%2Fa%2F`)
    await expect(
      page.locator('[data-testid="trace-error-gateway"]').textContent({ timeout: 20_000 }),
    ).resolves.toBe(`Gateway: Gateway ${NS}/nowhere is not among the inputs`)
    expect(pageErrors(page)).toEqual([])
    await closeDashboard(page)
  })

  it('a listener shows its routing table with the shadowed and the tied rule marked', async () => {
    const page = await open({
      path: `/?sel=${encodeURIComponent(`Listener:Gateway/${NS}/edge#http`)}`,
      viewport: { width: 1400, height: 900 },
    })
    await waitForGraph(page)
    const rows = page.locator('[data-testid="routing-table"] tbody tr')
    await rows.first().waitFor({ timeout: 20_000 })
    const text = await rows.allTextContents()
    expect(text.find((t) => /storefront rule 1/.test(t))).toMatch(
      /shadowed by HTTPRoute routing-demo\/storefront rule 0/,
    )
    expect(text.find((t) => /promo-summer rule 0/.test(t))).toMatch(
      /tied with HTTPRoute routing-demo\/promo-spring rule 0/,
    )
    expect(formatSeriousViolations(await runAxe(page, { include: '.gm-side' }))).toBe('')
    // The same two are problems.
    await page.getByRole('tab', { name: /Problems/ }).click()
    const problems = await page.locator('.gm-side').textContent()
    expect(problems).toContain('ShadowedRule')
    expect(problems).toContain('PrecedenceTie')
    expect(pageErrors(page)).toEqual([])
    await closeDashboard(page)
  })
})

describe('tracing a mesh request on examples/mesh', () => {
  let mesh: ServeProcess
  beforeAll(async () => {
    mesh = await startServe(['--manifests', path.join(repo, 'examples/mesh'), '--web', WEB_DIST])
    await mesh.synced
  }, 120_000)
  afterAll(async () => {
    await mesh?.stop()
  })

  it('sends it to a Service chosen in the Trace tab: Service parent, route and both backends lit', async () => {
    const page = await openDashboard(browser(), mesh, { path: '/', viewport: { width: 1600, height: 1000 } })
    await waitForGraph(page)
    await page.locator('[data-testid="trace-open"]').click()
    await page.getByRole('radio', { name: 'a Service (mesh)' }).check()
    await page.getByLabel('Service', { exact: true }).selectOption('mesh-bookinfo/reviews')
    await page.locator('#gm-trace-target').fill('http://reviews.mesh-bookinfo:9080/reviews/1')
    await page.locator('#gm-trace-target').press('Enter')
    await page.locator('[data-testid="trace-outcome"]').waitFor({ timeout: 20_000 })
    await waitForGraph(page)
    const parent = 'ServiceParent:Service/mesh-bookinfo/reviews'
    await page.waitForFunction(
      (id) => document.querySelector(`.react-flow__node[data-id="${id}"] .gm-node.highlighted`) !== null,
      parent,
      { timeout: 15_000 },
    )
    for (const id of [
      parent,
      'Route:HTTPRoute/mesh-bookinfo/reviews',
      'Backend:Service/mesh-bookinfo/reviews-v1',
      'Backend:Service/mesh-bookinfo/reviews-v2',
    ]) {
      expect(await classes(page, id), id).toMatch(/\bhighlighted\b/)
    }
    expect(await classes(page, 'Route:GRPCRoute/mesh-frontend/ratings'), 'ratings').toMatch(/\bdimmed\b/)
    expect(await page.locator('[data-testid="trace-listener"]').textContent()).toMatch(/port 9080 \(http\)/)
    expect(new URL(page.url()).searchParams.get('tto')).toBe('service')
    expect(formatSeriousViolations(await runAxe(page, { include: '.gm-side' }))).toBe('')
    await saveScreenshot(page, 'trace-mesh')
    expect(pageErrors(page)).toEqual([])
    await closeDashboard(page)
  }, 120_000)
})
