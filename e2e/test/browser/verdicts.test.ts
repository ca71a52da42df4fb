// The words on screen agree with themselves, in Chromium on examples/broken: no node reads "OK"
// beside its own problems, counts have their plural, a route's headline names a refused backend and
// a listener that cannot serve it, a focused node shows a focus ring, nodes are described as what
// they are (not as draggable, deletable boxes), and the side panel's headings are in order.
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { runAxe } from './axe.ts'
import { closeDashboard, pageErrors, useDashboardOn, waitForGraph } from './dashboard.ts'
import { saveScreenshot } from './screenshots.ts'

const repo = path.join(import.meta.dirname, '../../..')
const { open, serve } = useDashboardOn(path.join(repo, 'examples/broken'))

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`)

async function showAll(page: Page) {
  await page.locator('.react-flow__controls-fitview').click()
  await page.waitForTimeout(300)
}

describe('verdicts on examples/broken', () => {
  it('never show "OK" beside a node’s own problems, and count in good English', async () => {
    const page = await open({ viewport: { width: 1600, height: 1000 } })
    await waitForGraph(page)
    await showAll(page)
    const nodes = await page.locator('.gm-node').evaluateAll((els) =>
      els.map((el) => ({
        health: el.querySelector('.gm-health')?.textContent?.trim() ?? '',
        flags: el.querySelector('.gm-flags')?.textContent ?? '',
        text: el.textContent ?? '',
      })),
    )
    expect(nodes.length).toBeGreaterThan(20)
    const withProblems = nodes.filter((n) => /\d+ problems?/.test(n.flags))
    expect(withProblems.length).toBeGreaterThan(5)
    for (const n of withProblems) expect(n.health, n.text).not.toMatch(/OK/)
    for (const n of nodes) expect(n.text).not.toMatch(/\b1 (problems|rules)\b/)
    // The Gateway whose listeners miss certificates is a problem, as its listeners are.
    const gateway = node(page, 'Gateway:Gateway/broken/misconfigured')
    await expect(gateway.locator('.gm-health').textContent()).resolves.toMatch(/Problem/)
    await expect(gateway.getAttribute('aria-label')).resolves.toMatch(
      /^Gateway broken\/misconfigured, Problem(, \d+ problems?)?$/,
    )
    await saveScreenshot(page, 'verdicts-broken')
    expect(pageErrors(page)).toEqual([])
    await closeDashboard(page)
  })

  it('a route’s headline names its refused backend and the listener that cannot serve it', async () => {
    const page = await open({
      path: '/?sel=Route:HTTPRoute/broken/cross-namespace-no-grant',
      viewport: { width: 1600, height: 1000 },
    })
    await waitForGraph(page)
    const headline = page.locator('[data-testid="route-headline"]')
    await expect(headline.textContent()).resolves.toContain(
      'Accepted on http, but 1 backend is refused (RefNotPermitted)',
    )
    await saveScreenshot(page, 'route-headline-refused-backend')
    await page.goto(`${serve().url}/?sel=Route:HTTPRoute/broken/on-listener-without-cert`)
    await waitForGraph(page)
    await expect(headline.textContent()).resolves.toContain(
      'listener missing-cert (InvalidCertificateRef) cannot serve it',
    )
    await expect(page.locator('[data-testid="broken-listener"]').count()).resolves.toBe(1)
    // The node says so too: its listener's problem is not its own, but its verdict is not green.
    await expect(node(page, 'Route:HTTPRoute/broken/on-listener-without-cert').count()).resolves.toBe(1)
    const violations = await runAxe(page)
    expect(
      violations.filter((v) => v.id === 'heading-order').map((v) => v.nodes.map((n) => n.target)),
    ).toEqual([])
    expect(pageErrors(page)).toEqual([])
    await closeDashboard(page)
  })

  it('shows a focus ring on the node the keyboard is on, described as what it does', async () => {
    const page = await open({
      path: '/?sel=Route:HTTPRoute/broken/no-such-listener',
    })
    await waitForGraph(page)
    await node(page, 'Route:HTTPRoute/broken/no-such-listener').focus()
    await page.keyboard.press('ArrowLeft')
    await page.waitForFunction(() => {
      const id = document.activeElement?.closest('.react-flow__node')?.getAttribute('data-id')
      return id && id !== 'Route:HTTPRoute/broken/no-such-listener'
    })
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement
      const style = getComputedStyle(el)
      const describedBy = el.getAttribute('aria-describedby') ?? ''
      return {
        focusVisible: el.matches(':focus-visible'),
        outline: `${style.outlineStyle} ${style.outlineWidth}`,
        description: describedBy
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
        label: el.getAttribute('aria-label') ?? '',
      }
    })
    expect(ring.focusVisible).toBe(true)
    expect(ring.outline).toBe('solid 3px')
    expect(ring.description).toContain('Arrow keys move to the neighbouring node')
    expect(ring.description).not.toMatch(/delete|move the node around/i)
    expect(ring.label).not.toMatch(/\s\s/)
    await saveScreenshot(page, 'focus-ring')
    await closeDashboard(page)
  })

  it('filters take several values, each removable, and the URL keeps them all', async () => {
    const page = await open({ viewport: { width: 1600, height: 1000 } })
    await waitForGraph(page)
    await page.locator('#gm-namespace').selectOption('broken')
    await page.locator('#gm-namespace-add').selectOption('broken-other')
    await page.waitForFunction(() => new URL(location.href).searchParams.get('ns') === 'broken,broken-other')
    await expect(page.locator('.gm-chip').allTextContents()).resolves.toEqual(['broken ×', 'broken-other ×'])
    await page.getByRole('button', { name: 'Remove namespace broken from the filter' }).click()
    await page.waitForFunction(() => new URL(location.href).searchParams.get('ns') === 'broken-other')
    await expect(page.locator('#gm-namespace').inputValue()).resolves.toBe('broken-other')
    await expect(page.locator('.gm-chip').count()).resolves.toBe(0)
    await closeDashboard(page)
  })
})
