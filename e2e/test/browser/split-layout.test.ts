// The split between the graph and the side panel: a separator a person can drag or move with the
// keyboard, remembered across a reload and kept apart for viewing and editing; and the editor
// using the panel's whole height. Real Chromium against a real folder.
import { rmSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ServeProcess } from '../serve-process.ts'
import { WEB_DIST } from '../web-dist.ts'
import { formatSeriousViolations, runAxe, seriousViolations } from './axe.ts'
import { useChromium } from './chromium.ts'
import { closeDashboard, openDashboard, pageErrors, waitForGraph } from './dashboard.ts'
import { editor, openEditor, showYaml } from './editor.ts'
import { copyExample, serveFolder } from './example-folder.ts'
import { saveScreenshot } from './screenshots.ts'

const browser = useChromium()
const ROUTE = 'Route:HTTPRoute/shared-store/storefront'
const VIEWPORT = { width: 1440, height: 1100 }
let dir = ''
let serve: ServeProcess
const pages: Page[] = []

beforeAll(async () => {
  dir = copyExample('shared-gateway')
  serve = await serveFolder(dir, WEB_DIST)
  await serve.synced
}, 120_000)
afterAll(async () => {
  await serve?.stop()
  rmSync(dir, { recursive: true, force: true })
})
afterEach(async () => {
  for (const page of pages.splice(0)) {
    expect(pageErrors(page)).toEqual([])
    await closeDashboard(page)
  }
})

async function open(path = `/?sel=${ROUTE}`): Promise<Page> {
  const page = await openDashboard(browser(), serve, { path, viewport: VIEWPORT })
  pages.push(page)
  await waitForGraph(page)
  return page
}

const splitter = (page: Page) => page.getByRole('separator', { name: 'Resize the graph and the side panel' })
const panelWidth = async (page: Page) => (await page.locator('#gm-side').boundingBox())?.width ?? 0
const graphShare = async (page: Page) => Number(await splitter(page).getAttribute('aria-valuenow'))

describe('the split between graph and side panel', () => {
  it('moves with the arrow keys, drags with the mouse, and is remembered after a reload', async () => {
    const page = await open()
    const start = await panelWidth(page)
    expect(start).toBeCloseTo(440, -1)
    const share = await graphShare(page)
    expect(share).toBeGreaterThan(60)

    // Keyboard: focus the separator, move it left three steps; the panel widens, the value follows.
    await splitter(page).focus()
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft')
    await expect.poll(() => panelWidth(page)).toBeCloseTo(start + 72, 0)
    expect(await graphShare(page)).toBeLessThan(share)
    // The focus ring is visible on the separator.
    const outline = await splitter(page).evaluate((el) => getComputedStyle(el).outlineStyle)
    expect(outline).toBe('solid')
    await page.keyboard.press('End')
    await expect.poll(() => panelWidth(page)).toBeCloseTo(320, 0)

    // Mouse: drag the separator 300 px to the left.
    const box = await splitter(page).boundingBox()
    if (!box) throw new Error('the separator has no box')
    const x = box.x + box.width / 2
    const y = box.y + box.height / 2
    await page.mouse.move(x, y)
    await page.mouse.down()
    await page.mouse.move(x - 150, y, { steps: 5 })
    await page.mouse.move(x - 300, y, { steps: 5 })
    await page.mouse.up()
    await expect.poll(() => panelWidth(page)).toBeCloseTo(620, -1)
    const dragged = await panelWidth(page)

    const results = await runAxe(page)
    expect(seriousViolations(results), formatSeriousViolations(results)).toEqual([])

    await page.reload()
    await waitForGraph(page)
    await expect.poll(() => panelWidth(page)).toBeCloseTo(dragged, -1)
  })

  it('gives the editor its own width and the whole height of the panel', async () => {
    const page = await open()
    const viewing = await panelWidth(page)
    await openEditor(page)
    await showYaml(page)
    // Half the width by default while editing, so the graph keeps its listeners in view.
    await expect.poll(() => panelWidth(page)).toBeCloseTo(VIEWPORT.width / 2, -1)
    const graph = await page.locator('[data-testid="graph"]').boundingBox()
    expect(graph?.width ?? 0).toBeGreaterThan(VIEWPORT.width * 0.45)
    // The YAML editor takes the height the rest of the editor leaves: its bottom is near the
    // panel's, with the preview and the actions below it.
    const yaml = page.locator('[data-testid="yaml-editor"]')
    const yamlBox = await yaml.boundingBox()
    const panel = await page.locator('.gm-panel').boundingBox()
    if (!yamlBox || !panel) throw new Error('no box for the editor or the panel')
    const actions = await editor(page).locator('footer.gm-editor-actions').boundingBox()
    expect(actions && actions.y + actions.height).toBeGreaterThan(panel.y + panel.height - 80)
    expect(yamlBox.height).toBeGreaterThan(VIEWPORT.height / 2)
    const lines = await yaml.locator('.view-line').count()
    expect(lines).toBeGreaterThan(30)
    await saveScreenshot(page, 'editor-full-height')
    const results = await runAxe(page, { include: '[data-testid="editor"]' })
    expect(seriousViolations(results), formatSeriousViolations(results)).toEqual([])

    // Resizing while editing does not change the width remembered for viewing.
    await splitter(page).focus()
    await page.keyboard.press('Shift+ArrowRight')
    await expect.poll(() => panelWidth(page)).toBeCloseTo(VIEWPORT.width / 2 - 96, -1)
    await editor(page).getByRole('button', { name: 'Discard draft' }).click()
    await expect.poll(() => panelWidth(page)).toBeCloseTo(viewing, -1)
  })
})
