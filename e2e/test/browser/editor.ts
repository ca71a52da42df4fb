// Driving the route editor in a real page: open it from the details panel, reach form fields by
// their field path (`name="spec.rules[1].backendRefs[0].weight"`), type into Monaco as a person
// does, and read which line a marker sits on from Monaco's own gutter.

import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'

export const editor = (page: Page) => page.locator('[data-testid="editor"]')
export const field = (page: Page, path: string) => editor(page).locator(`[name="${path}"]`)
export const outcome = (page: Page) => page.locator('[data-testid="editor-outcome"]')

/** Selects a node by URL, waits for its details, and presses Edit. */
export async function openEditor(page: Page, button: 'Edit' | 'Clone' | 'Add a route here' = 'Edit') {
  await page.locator('[data-testid="details"]').waitFor()
  await page.locator('[data-testid="details"]').getByRole('button', { name: button, exact: true }).click()
  await editor(page).waitFor()
  // The first check (parent choices, findings) has come back once the verdict line says something.
  await expect
    .poll(() => page.locator('[data-testid="draft-verdict"]').textContent(), { timeout: 15_000 })
    .not.toBe('')
}

export async function showYaml(page: Page): Promise<Locator> {
  await editor(page).getByLabel('YAML', { exact: true }).check()
  const monaco = page.locator('[data-testid="yaml-editor"] .monaco-editor')
  await monaco.waitFor()
  return monaco
}

export async function showForm(page: Page) {
  await editor(page).getByLabel('Form', { exact: true }).check()
}

/** The 1-based line number Monaco shows beside a rendered line (both sit at the same `top`). */
export async function lineNumberOf(page: Page, line: Locator): Promise<number> {
  const top = await line.evaluate((el) => (el as HTMLElement).style.top)
  const gutter = page.locator('[data-testid="yaml-editor"] .margin-view-overlays > div').filter({
    has: page.locator('.line-numbers'),
  })
  const count = await gutter.count()
  for (let i = 0; i < count; i++) {
    const row = gutter.nth(i)
    if ((await row.evaluate((el) => (el as HTMLElement).style.top)) === top)
      return Number(await row.locator('.line-numbers').textContent())
  }
  throw new Error(`no line number at top ${top}`)
}

/** Clicks at the end of the first rendered line containing `text` and returns it. */
export async function caretAtEndOf(page: Page, text: string): Promise<Locator> {
  const line = page.locator('[data-testid="yaml-editor"] .view-line').filter({ hasText: text }).first()
  await line.click()
  await page.keyboard.press('End')
  return line
}

/** Applies and waits for the editor to close (the details of the applied object come back). */
export async function applyAndClose(page: Page) {
  await editor(page)
    .getByRole('button', { name: /^(Apply|Create)$/ })
    .click()
  await editor(page).waitFor({ state: 'detached', timeout: 20_000 })
}
