import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ServeProcess } from '../serve-process.ts'
import { WEB_DIST } from '../web-dist.ts'
import { formatSeriousViolations, runAxe, seriousViolations } from './axe.ts'
import { useChromium } from './chromium.ts'
import { closeDashboard, openDashboard, pageErrors, waitForGraph } from './dashboard.ts'
import {
  applyAndClose,
  caretAtEndOf,
  editor,
  field,
  lineNumberOf,
  openEditor,
  outcome,
  showForm,
  showYaml,
} from './editor.ts'
import { copyExample, serveFolder } from './example-folder.ts'
import { saveScreenshot } from './screenshots.ts'

const repo = path.join(import.meta.dirname, '../../..')
const web = WEB_DIST
const browser = useChromium()
const ROUTE = 'Route:HTTPRoute/shared-store/storefront'
let dir = ''
let serve: ServeProcess
const pages: Page[] = []

beforeAll(async () => {
  dir = copyExample('shared-gateway')
  serve = await serveFolder(dir, web)
  await serve.synced
}, 120_000)
afterAll(async () => {
  await serve?.stop()
  rmSync(dir, { recursive: true, force: true })
})
// The browser logs every refused request; a 409 (conflict) or 403 (read-only) is the behaviour under test.
const expectedRefusal = (message: string) => /status of (409|403)/.test(message)

afterEach(async () => {
  for (const page of pages.splice(0)) {
    expect(pageErrors(page).filter((m) => !expectedRefusal(m))).toEqual([])
    await closeDashboard(page)
  }
})

async function open(path = `/?sel=${ROUTE}`, target = serve): Promise<Page> {
  const page = await openDashboard(browser(), target, { path })
  pages.push(page)
  await waitForGraph(page)
  return page
}

const storeFile = () => readFileSync(path.join(dir, 'store.yaml'), 'utf8')

/** What Monaco shows in `testId`'s editor, with its no-break spaces made plain again. */
const shownText = async (page: Page, testId: string) =>
  ((await page.locator(`[data-testid="${testId}"] .view-lines`).textContent()) ?? '').replace(/\u00a0/g, ' ')

describe('the YAML as the file writes it, folder mode', () => {
  it("shows the file's comments in the YAML view, and an edit starts from the same text", async () => {
    const page = await open(`/?sel=${ROUTE}&tab=yaml`)
    await expect
      .poll(() => shownText(page, 'yaml'), { timeout: 15_000 })
      .toContain('# Testers opt into v2 with a header.')
    expect(await shownText(page, 'yaml')).toContain('# Everyone else: 90/10 between v1 and v2.')
    expect(await page.locator('[data-testid="yaml-origin"]').textContent()).toMatch(
      /As written in store\.yaml, line \d+, comments included/,
    )
    // The file's own text, not the object serialised: the neighbouring Services' documents are not in it.
    expect(await shownText(page, 'yaml')).not.toContain('storefront-v1\n  namespace')
    await saveScreenshot(page, 'yaml-view-comments')
    const viewAxe = await runAxe(page, { include: '[data-testid="yaml"]' })
    expect(seriousViolations(viewAxe), formatSeriousViolations(viewAxe)).toEqual([])

    await page.getByRole('tab', { name: 'Details' }).click()
    await openEditor(page)
    await showYaml(page)
    await expect.poll(() => shownText(page, 'yaml-editor')).toContain('# Testers opt into v2 with a header.')
    // Nothing changed yet: the diff against the file's text is empty, comments and all.
    await editor(page).getByRole('button', { name: 'Show changes' }).click()
    const diff = page.locator('[data-testid="diff"]')
    await diff.locator('.monaco-diff-editor').waitFor()
    await expect.poll(() => diff.locator('.line-insert, .line-delete, .char-insert').count()).toBe(0)
    await editor(page).getByRole('button', { name: 'Hide changes' }).click()
    // A form edit keeps the comments in the draft, and Apply keeps them in the file.
    await showForm(page)
    await field(page, 'spec.hostnames[0]').fill('store.shop.example.com')
    await showYaml(page)
    await expect.poll(() => shownText(page, 'yaml-editor')).toContain('store.shop.example.com')
    // The draft is the file's text: the comments Gatemap's own serialiser would have dropped are there.
    expect(await shownText(page, 'yaml-editor')).toContain('# Testers opt into v2 with a header.')
    await saveScreenshot(page, 'editor-yaml-comments')
    const editorAxe = await runAxe(page, { include: '[data-testid="editor"]' })
    expect(seriousViolations(editorAxe), formatSeriousViolations(editorAxe)).toEqual([])
    await applyAndClose(page)
    await expect.poll(storeFile).toContain('store.shop.example.com')
    expect(storeFile()).toContain('# Testers opt into v2 with a header.')
    // The YAML view follows the file after the apply.
    await page.getByRole('tab', { name: 'YAML' }).click()
    await expect.poll(() => shownText(page, 'yaml'), { timeout: 15_000 }).toContain('store.shop.example.com')
    expect(await shownText(page, 'yaml')).toContain('# Testers opt into v2 with a header.')
  }, 180_000)
})

describe('route editor, folder mode', () => {
  it('changes weights in the form, shows the split, applies to the file with its comments, and the graph follows', async () => {
    const page = await open()
    await openEditor(page)
    // A first edit starts a fresh draft (and does not greet it as an earlier one).
    expect(await editor(page).textContent()).not.toContain('Your draft from')
    const first = field(page, 'spec.rules[1].backendRefs[0].weight')
    await expect.poll(() => first.inputValue()).toBe('90')
    await first.fill('50')
    await field(page, 'spec.rules[1].backendRefs[1].weight').fill('50')
    await expect.poll(() => editor(page).textContent()).toMatch(/50\s*%[\s\S]*50\s*%/)
    await saveScreenshot(page, 'editor-form')
    const results = await runAxe(page, { include: '[data-testid="editor"]' })
    expect(seriousViolations(results), formatSeriousViolations(results)).toEqual([])
    await applyAndClose(page)
    await expect.poll(storeFile).toMatch(/weight: 50\n[\s\S]*weight: 50\n/)
    const text = storeFile()
    expect(text).toContain('# Everyone else: 90/10 between v1 and v2.')
    expect(text).toContain('# Testers opt into v2 with a header.')
    // The backend edges of the route now carry the new split.
    await expect
      .poll(() => page.locator('.react-flow__edge.role-backend').allTextContents(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining([expect.stringMatching(/50\s*%/)]))
  })

  it('puts a CEL rule violation typed into the YAML on its line, with the rule message', async () => {
    const page = await open()
    await openEditor(page)
    await showYaml(page)
    await expect
      .poll(() => page.locator('[data-testid="draft-verdict"]').textContent())
      .toMatch(/No (problems|errors)/)
    await caretAtEndOf(page, 'value: /')
    await page.keyboard.type('shop')
    await page.keyboard.press('Home')
    await page.keyboard.press('End')
    // `value: /shop` is fine; a PathPrefix not starting with '/' breaks the CRD's CEL rule.
    for (let i = 0; i < 'shop'.length + 1; i++) await page.keyboard.press('Backspace')
    await page.keyboard.type('shop')
    const findings = page.locator('[data-testid="draft-findings"]')
    await expect.poll(() => findings.textContent(), { timeout: 10_000 }).toMatch(/must be an absolute path/)
    // The CRD's rule sits on the match's `path` and the API server reports it there, but the rule is
    // about the value: the finding and the squiggle are on the value's line, not on `- path:`.
    const valueLine = page
      .locator('[data-testid="yaml-editor"] .view-line')
      .filter({ hasText: /value:\s*shop$/ })
      .first()
    const lineNumber = await lineNumberOf(page, valueLine)
    const pathLine = page
      .locator('[data-testid="yaml-editor"] .view-line')
      .filter({ hasText: '- path:' })
      .first()
    expect(lineNumber).toBe((await lineNumberOf(page, pathLine)) + 2)
    const row = findings.locator('li', { hasText: 'must be an absolute path' })
    expect(await row.textContent()).toContain(`line ${lineNumber}`)
    // Monaco draws the marker as a squiggle on that same line.
    const squiggle = page.locator('[data-testid="yaml-editor"] .squiggly-error').first()
    await squiggle.waitFor()
    const squiggleTop = await squiggle.evaluate((el) => (el.parentElement as HTMLElement).style.top)
    expect(squiggleTop).toBe(await valueLine.evaluate((el) => (el as HTMLElement).style.top))
    await saveScreenshot(page, 'editor-yaml-marker')
    const results = await runAxe(page, { include: '[data-testid="editor"]' })
    expect(seriousViolations(results), formatSeriousViolations(results)).toEqual([])
    await editor(page).getByRole('button', { name: 'Discard draft' }).click()
  })

  it('previews the rejection when the route is moved to a listener that forbids its namespace', async () => {
    const page = await open()
    await openEditor(page)
    await showForm(page)
    const picker = field(page, 'spec.parentRefs[0]')
    const options = await picker.locator('option').allInnerTexts()
    const http = options.find((o) => o.includes('listener http ('))
    expect(http, options.join('\n')).toMatch(/rejects/)
    await picker.selectOption({ label: http! })
    const preview = page.locator('[data-testid="attachment-preview"]')
    await expect
      .poll(() => preview.textContent(), { timeout: 10_000 })
      .toMatch(/will be rejected by listener http of Gateway shared-infra\/shared-gateway/)
    expect(await preview.textContent()).toMatch(/namespace/i)
    await saveScreenshot(page, 'editor-preview-rejected')
    await editor(page).getByRole('button', { name: 'Discard draft' }).click()
  })

  it('keeps a draft across a reload', async () => {
    const page = await open()
    await openEditor(page)
    await field(page, 'spec.hostnames[0]').fill('kept.shop.example.com')
    await page.waitForTimeout(600)
    await page.reload()
    await editor(page).waitFor()
    await expect
      .poll(() => field(page, 'spec.hostnames[0]').inputValue(), { timeout: 10_000 })
      .toBe('kept.shop.example.com')
    // Form and YAML are two views of one draft: the form's edit is in the text, and a comment typed
    // into the YAML survives the next form edit.
    await showYaml(page)
    // Monaco renders spaces as no-break spaces.
    const text = async () =>
      ((await page.locator('[data-testid="yaml-editor"] .view-lines').textContent()) ?? '').replace(
        /\u00a0/g,
        ' ',
      )
    await expect.poll(text).toContain('kept.shop.example.com')
    await caretAtEndOf(page, 'kind: HTTPRoute')
    await page.keyboard.type('  # typed in YAML')
    await showForm(page)
    await field(page, 'spec.hostnames[1]').fill('also.shop.example.com')
    await showYaml(page)
    await expect.poll(text).toContain('also.shop.example.com')
    expect(await text()).toContain('# typed in YAML')
    await editor(page).getByRole('button', { name: 'Discard draft' }).click()
    await editor(page).waitFor({ state: 'detached' })
  })

  it('stops a stale apply with a conflict view, and applies after a rebase keeping both changes', async () => {
    const alice = await open()
    const bob = await open()
    await openEditor(alice)
    await openEditor(bob)
    await field(alice, 'spec.rules[1].backendRefs[0].weight').fill('70')
    await field(alice, 'spec.rules[1].backendRefs[1].weight').fill('30')
    await applyAndClose(alice)
    await expect.poll(storeFile).toMatch(/weight: 70/)
    await field(bob, 'spec.hostnames[0]').fill('new.shop.example.com')
    await bob.waitForTimeout(200)
    await editor(bob).getByRole('button', { name: 'Apply' }).click()
    const conflict = bob.locator('[data-testid="conflict"]')
    await conflict.waitFor({ timeout: 15_000 })
    // Their version as its file now writes it, comments included, so only real changes differ.
    await expect
      .poll(
        async () =>
          ((await conflict.locator('.editor.original .view-lines').textContent()) ?? '').replace(
            /\u00a0/g,
            ' ',
          ),
        { timeout: 10_000 },
      )
      .toContain('# Testers opt into v2 with a header.')
    expect(storeFile()).not.toContain('new.shop.example.com')
    // Monaco computes the diff after the text is shown; the picture waits for its marks.
    await conflict.locator('.char-insert, .line-insert').first().waitFor({ timeout: 10_000 })
    await saveScreenshot(bob, 'editor-conflict')
    await conflict.getByRole('button', { name: 'Rebase my edit on their version' }).click()
    await expect.poll(() => field(bob, 'spec.rules[1].backendRefs[0].weight').inputValue()).toBe('70')
    await applyAndClose(bob)
    await expect.poll(storeFile).toContain('new.shop.example.com')
    expect(storeFile()).toMatch(/weight: 70/)
  })
})

describe('route editor, read-only server', () => {
  let readOnly: ServeProcess
  beforeAll(async () => {
    readOnly = await serveFolder(dir, web, ['--read-only'])
    await readOnly.synced
  }, 120_000)
  afterAll(() => readOnly?.stop())

  it('cannot apply, says why, and can still dry-run', async () => {
    const page = await open(`/?sel=${ROUTE}`, readOnly)
    await openEditor(page)
    await expect.poll(() => page.locator('[data-testid="read-only-note"]').textContent()).toMatch(/read-only/)
    expect(await editor(page).getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true)
    await editor(page).getByRole('button', { name: 'Dry run' }).click()
    await expect.poll(() => outcome(page).textContent()).toMatch(/Dry run passed/)
    await editor(page).getByRole('button', { name: 'Discard draft' }).click()
  })
})
