// The dashboard on the bundled examples, in Debian's Chromium: each scenario's nodes and edges are
// drawn, the broken scenario's problems are listed and each explanation names the right fields,
// selection highlights a path, filters and the URL reproduce a view, and axe finds nothing serious.
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ServeProcess, startServe } from '../serve-process.ts'
import { WEB_DIST } from '../web-dist.ts'
import { formatSeriousViolations, runAxe, seriousViolations } from './axe.ts'
import { useChromium } from './chromium.ts'
import { closeDashboard, openDashboard, pageErrors, waitForGraph } from './dashboard.ts'
import { BROKEN, SCENARIOS } from './scenarios.ts'
import { saveScreenshot } from './screenshots.ts'

const repo = path.join(import.meta.dirname, '../../..')
const web = WEB_DIST
const browser = useChromium()
let crds = ''

beforeAll(() => {
  crds = execFileSync('bash', [path.join(repo, 'e2e/cluster/cluster.sh'), 'crds', 'experimental'], {
    encoding: 'utf8',
  }).trim()
})

async function serveExample(dir: string): Promise<ServeProcess> {
  const serve = await startServe(['--manifests', path.join(repo, 'examples', dir), '--web', web], {
    env: { GATEMAP_CRDS_DIR: crds },
  })
  await serve.synced
  return serve
}

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`)
const edge = (page: Page, source: string, target: string, role: string) =>
  page.locator(`.react-flow__edge.role-${role}[data-id^="${source}->${target}"]`)

/** Zooms so that every node is on screen (only visible elements are rendered). */
async function showAll(page: Page) {
  await page.locator('.react-flow__controls-fitview').click()
  await page.waitForTimeout(300)
}

describe.each(SCENARIOS)('example $dir', (scenario) => {
  let serve: ServeProcess
  beforeAll(async () => {
    serve = await serveExample(scenario.dir)
  }, 120_000)
  afterAll(async () => {
    await serve?.stop()
  })

  it('draws the expected nodes and edges, without page errors', async () => {
    const page = await openDashboard(browser(), serve)
    await waitForGraph(page)
    await showAll(page)
    for (const id of scenario.nodes) await expect(node(page, id).count(), id).resolves.toBe(1)
    for (const e of scenario.edges) {
      const found = edge(page, e.source, e.target, e.role)
      await expect(found.count(), `${e.source} -> ${e.target} (${e.role})`).resolves.toBeGreaterThan(0)
      if (e.label) await expect(found.first().textContent()).resolves.toContain(e.label)
    }
    expect(await page.locator('[data-testid="connection"]').getAttribute('data-state')).toBe('live')
    expect(pageErrors(page)).toEqual([])
    await saveScreenshot(page, `example-${scenario.dir}`)
    await closeDashboard(page)
  })
})

describe('example broken', () => {
  let serve: ServeProcess
  beforeAll(async () => {
    serve = await serveExample('broken')
  }, 120_000)
  afterAll(async () => {
    await serve?.stop()
  })

  it.each(BROKEN)(
    'lists $route ($code) and explains it down to the field',
    async ({ route, code, field }) => {
      const page = await openDashboard(browser(), serve, { viewport: { width: 1600, height: 1000 } })
      await waitForGraph(page)
      const [kind, namespace, name] = route.split('/')
      const row = page
        .locator('[data-testid="problems"] button')
        .filter({ hasText: `${kind} ${namespace}/${name}` })
        .filter({ hasText: code })
      await expect(row.count()).resolves.toBeGreaterThan(0)
      await row.first().click()
      const details = page.locator('[data-testid="details"]')
      await details.waitFor()
      await expect(details.locator('h3').textContent()).resolves.toContain(`${namespace}/${name}`)
      // The failing step of the chain names the field; the node is selected in the graph.
      const failing = details.locator('.gm-checks > li.outcome-fail')
      await expect(failing.count()).resolves.toBeGreaterThan(0)
      expect(await failing.allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(field)]))
      await expect(details.locator('.gm-fix').count()).resolves.toBeGreaterThan(0)
      const selected = node(page, `Route:${route}`)
      await selected.waitFor()
      await expect(selected.locator('.gm-node').getAttribute('class')).resolves.toMatch(
        /selected|highlighted/,
      )
      expect(new URL(page.url()).searchParams.get('sel')).toBe(`Route:${route}`)
      expect(pageErrors(page)).toEqual([])
      await closeDashboard(page)
    },
  )

  it('suggests the Gateway a typo meant', async () => {
    const page = await openDashboard(browser(), serve, { path: '/?sel=Route:HTTPRoute/broken/gateway-typo' })
    await waitForGraph(page)
    await expect(page.locator('[data-testid="details"]').textContent()).resolves.toMatch(/edge/)
    await closeDashboard(page)
  })

  it('draws a rejected attachment to the listener it was meant for, in its own style', async () => {
    const page = await openDashboard(browser(), serve, {
      path: '/?sel=Route:HTTPRoute/broken-other/wrong-namespace',
      viewport: { width: 1600, height: 1000 },
    })
    await waitForGraph(page)
    const rejected = edge(
      page,
      'Listener:Gateway/broken/edge#http',
      'Route:HTTPRoute/broken-other/wrong-namespace',
      'rejected',
    )
    await expect(rejected.count()).resolves.toBe(1)
    await expect(rejected.textContent()).resolves.toContain('rejected')
    await saveScreenshot(page, 'why-not-accepted')
    const violations = await runAxe(page)
    expect(seriousViolations(violations), formatSeriousViolations(violations)).toEqual([])
    await closeDashboard(page)
  })

  it('selection dims what is off the path; the URL reproduces filters and selection', async () => {
    const page = await openDashboard(browser(), serve, { viewport: { width: 1600, height: 1000 } })
    await waitForGraph(page)
    await page.locator('#gm-namespace').selectOption('broken-other')
    await page.locator('#gm-problems-only').check()
    await page.waitForFunction(
      () => location.search.includes('ns=broken-other') && location.search.includes('problems=1'),
    )
    const link = page.url()
    await showAll(page)
    const drawn = await page.locator('.react-flow__node').count()
    expect(drawn).toBeGreaterThan(0)
    // Another tab opening the same link sees the same graph and the same filter controls.
    const other = await openDashboard(browser(), serve, {
      path: new URL(link).pathname + new URL(link).search,
    })
    await waitForGraph(other)
    await expect(other.locator('#gm-namespace').inputValue()).resolves.toBe('broken-other')
    await expect(other.locator('#gm-problems-only').isChecked()).resolves.toBe(true)
    await showAll(other)
    await expect(other.locator('.react-flow__node').count()).resolves.toBe(drawn)
    await closeDashboard(other)

    await node(page, 'Route:HTTPRoute/broken-other/wrong-namespace').click()
    await page.waitForFunction(() => document.querySelectorAll('.gm-node.dimmed').length > 0)
    await expect(
      node(page, 'Route:HTTPRoute/broken-other/wrong-namespace').locator('.gm-node').getAttribute('class'),
    ).resolves.toMatch(/highlighted/)
    await closeDashboard(page)
  })

  it('search finds a route by path and keeps its whole path in view', async () => {
    const page = await openDashboard(browser(), serve)
    await waitForGraph(page)
    await page.locator('#gm-search').fill('/shop')
    await page.waitForFunction(() => location.search.includes('q=%2Fshop'))
    await showAll(page)
    await expect(node(page, 'Route:HTTPRoute/broken/redirect-and-rewrite').count()).resolves.toBe(1)
    await expect(node(page, 'Gateway:Gateway/broken/edge').count()).resolves.toBe(1)
    await expect(node(page, 'Route:HTTPRoute/broken-other/wrong-namespace').count()).resolves.toBe(0)
    await closeDashboard(page)
  })

  it('moves between nodes with the keyboard and opens details with Enter', async () => {
    const page = await openDashboard(browser(), serve, {
      path: '/?sel=Route:HTTPRoute/broken/no-such-listener',
    })
    await waitForGraph(page)
    await node(page, 'Route:HTTPRoute/broken/no-such-listener').focus()
    await page.keyboard.press('ArrowLeft')
    // Focus moves once the neighbour is rendered (a frame or two after the viewport moves).
    const handle = await page.waitForFunction(() => {
      const id = document.activeElement?.closest('.react-flow__node')?.getAttribute('data-id')
      return id && id !== 'Route:HTTPRoute/broken/no-such-listener' ? id : false
    })
    const focused = (await handle.jsonValue()) as string
    expect(focused).toMatch(/^(Listener|Gateway):/)
    await page.keyboard.press('Enter')
    await page.waitForFunction((id) => new URL(location.href).searchParams.get('sel') === id, focused)
    // The details follow the selection with the next frame from the worker.
    await page.locator('[data-testid="details"] h3', { hasText: 'edge' }).waitFor()
    await closeDashboard(page)
  })

  it('shows the YAML read-only in Monaco, and both themes pass axe', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await openDashboard(browser(), serve, {
        colorScheme,
        path: '/?sel=Route:HTTPRoute/broken/missing-backend&tab=yaml',
        viewport: { width: 1600, height: 1000 },
      })
      await waitForGraph(page)
      const editor = page.locator('[data-testid="yaml"] .monaco-editor')
      await editor.waitFor({ timeout: 20_000 })
      // The text arrives after Monaco's chunk has loaded.
      await editor.locator('.view-lines', { hasText: 'name: missing-backend' }).waitFor()
      await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe(colorScheme)
      await saveScreenshot(page, `yaml-${colorScheme}`)
      await page.locator('#gm-tab-problems').click()
      const violations = await runAxe(page)
      expect(seriousViolations(violations), formatSeriousViolations(violations)).toEqual([])
      expect(pageErrors(page)).toEqual([])
      await closeDashboard(page)
    }
  })
})
