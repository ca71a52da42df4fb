import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ServeProcess } from '../serve-process.ts'
import { WEB_DIST } from '../web-dist.ts'
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
  showYaml,
} from './editor.ts'
import { copyExample, serveFolder } from './example-folder.ts'
import { saveScreenshot } from './screenshots.ts'

const repo = path.join(import.meta.dirname, '../../..')
const web = WEB_DIST
const browser = useChromium()
const VIEWPORT = { width: 1600, height: 1000 }

const ROUTE = 'Route:HTTPRoute/broken/wrong-hostname'
const LISTENER = 'Listener:Gateway/broken/edge#http'
const ROUTES_FILE = '30-routes-attachment.yaml'

let dir = ''
let serve: ServeProcess
const pages: Page[] = []

beforeAll(async () => {
  dir = copyExample('broken')
  serve = await serveFolder(dir, web)
  await serve.synced
}, 120_000)
afterAll(async () => {
  await serve?.stop()
  rmSync(dir, { recursive: true, force: true })
})
afterEach(async () => {
  for (const page of pages.splice(0)) {
    // The browser logs a refused request: the conflict (409) is a step of the story.
    expect(pageErrors(page).filter((m) => !/status of 409/.test(m))).toEqual([])
    await closeDashboard(page)
  }
})

// The machine running the suite may be busy with other suites; painting can take longer then.
const painted = (page: Page) => waitForGraph(page, { timeoutMs: 30_000 })

async function open(at = '/', target = serve): Promise<Page> {
  const page = await openDashboard(browser(), target, { path: at, viewport: VIEWPORT })
  pages.push(page)
  await painted(page)
  return page
}

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`)
const edgeBetween = (page: Page, source: string, target: string, role: string) =>
  page.locator(`.react-flow__edge.role-${role}[data-id^="${source}->${target}"]`)
const details = (page: Page) => page.locator('[data-testid="details"]')
const problemRow = (page: Page, object: string) =>
  page.locator('[data-testid="problems"] button').filter({ hasText: object })
const verdict = (page: Page) => page.locator('[data-testid="draft-verdict"]')
const fileText = (name: string) => readFileSync(path.join(dir, name), 'utf8')
const exampleText = (name: string) => readFileSync(path.join(repo, 'examples/broken', name), 'utf8')

/** Where React Flow placed a node in the graph (not on screen), from its transform. */
async function graphX(page: Page, id: string): Promise<number> {
  const transform = await node(page, id).evaluate((el) => (el as HTMLElement).style.transform)
  const x = /translate\(([-\d.]+)px/.exec(transform)?.[1]
  if (x === undefined) throw new Error(`${id}: no translate in ${transform}`)
  return Number(x)
}

/** The graph's own "fit view" button, as a person would press it after filtering. */
async function fitView(page: Page) {
  await page.locator('.react-flow__controls-fitview').click()
  await page.waitForTimeout(300)
}

describe('user guide: from signing in to a fixed route', () => {
  it('signs in with the token gatemap serve printed, pasted into the sign-in page', async () => {
    const context = await browser().newContext({ viewport: { width: 640, height: 240 } })
    try {
      const page = await context.newPage()
      const first = await page.goto(`${serve.url}/`)
      expect(first?.status()).toBe(401)
      await expect(page.locator('body').textContent()).resolves.toContain('Sign in to see the dashboard.')
      await page.getByLabel('Access token').fill(serve.token!)
      await saveScreenshot(page, 'guide-sign-in')
      await page.getByRole('button', { name: 'Sign in' }).click()
      // Signed in: the dashboard has drawn its first frame (attached, since at this small size the
      // graph is laid out below the fold), on a machine that may be busy.
      await page
        .locator('[data-testid="graph"][data-graph-state="complete"]')
        .waitFor({ state: 'attached', timeout: 60_000 })
      // The token does not stay in the address bar.
      expect(page.url()).toBe(`${serve.url}/`)
    } finally {
      await context.close()
    }
  })

  it('draws the columns left to right, health as glyph and word, and a dashed rejected edge', async () => {
    const page = await open()
    await expect(page.locator('[data-testid="source"]').textContent()).resolves.toBe(`Folder: ${dir}`)
    const connection = page.locator('[data-testid="connection"]')
    expect(await connection.getAttribute('data-state')).toBe('live')
    await expect(connection.textContent()).resolves.toMatch(/Live · last update \d/)
    await expect(node(page, 'Gateway:Gateway/broken/misconfigured').textContent()).resolves.toMatch(
      // Its listeners' problems make the Gateway a problem too: never "OK" beside its problems.
      /✕\s*Problem.*⚑ \d+ problems.*fold listeners/,
    )
    // Its class name has a typo: offline the class is assumed, and the note is a warning because the
    // folder defines another class (a cluster would leave it Pending).
    await expect(node(page, 'Gateway:Gateway/broken/orphan').textContent()).resolves.toMatch(/⚠\s*Warning/)
    await expect(node(page, 'Gateway:Gateway/broken/egde').textContent()).resolves.toMatch(/\?\s*Not found/)
    await saveScreenshot(page, 'guide-graph')

    await fitView(page)
    const columns = [
      'GatewayClass:GatewayClass//gatemap-example',
      'Gateway:Gateway/broken/edge',
      LISTENER,
      ROUTE,
      'Backend:Service/broken/app',
      'ReferenceGrant:ReferenceGrant/broken-other/allow-httproutes-to-reports',
    ]
    const xs: number[] = []
    for (const id of columns) xs.push(await graphX(page, id))
    expect(xs).toEqual([...xs].sort((a, b) => a - b))
    expect(new Set(xs).size).toBe(columns.length)
    await expect(node(page, ROUTE).textContent()).resolves.toMatch(/✕\s*Problem/)
    await expect(node(page, 'Route:HTTPRoute/broken/grant-ok').textContent()).resolves.toMatch(/✓\s*OK/)
    await expect(edgeBetween(page, LISTENER, ROUTE, 'rejected').count()).resolves.toBe(1)
    // Its label is drawn where it can be read (far out, labels are left out): with the route
    // selected, its path is framed at a readable zoom.
    const selected = await open(`/?sel=${encodeURIComponent(ROUTE)}`)
    const rejected = edgeBetween(selected, LISTENER, ROUTE, 'rejected')
    await expect.poll(() => rejected.textContent()).toBe('✕ rejected')
    // A route's one backend takes all of its rule's traffic, on the port the route names.
    const grantOk = 'Route:HTTPRoute/broken/grant-ok'
    const withBackend = await open(`/?sel=${encodeURIComponent(grantOk)}`)
    await expect
      .poll(() =>
        edgeBetween(withBackend, grantOk, 'Backend:Service/broken-other/reports', 'backend')
          .first()
          .textContent(),
      )
      .toBe(':8080 100%')
  })

  it('filters by namespace and problems, and keeps the view in the address bar', async () => {
    const page = await open()
    const counts = page.locator('[data-testid="counts"]')
    const matching = async () =>
      Number(/^(\d+) of (\d+) nodes · \d+ drawn$/.exec((await counts.textContent()) ?? '')?.[1])
    const all = await matching()
    await page.locator('#gm-namespace').selectOption('broken-other')
    await page.waitForFunction(() => location.search.includes('ns=broken-other'))
    // The address changes at once; the worker's filtered frame follows (the graph may still read
    // "complete" for the frame before it), so the count is polled.
    await expect.poll(matching, { timeout: 15_000 }).toBeLessThan(all)
    await painted(page)
    const inNamespace = await matching()
    await fitView(page)
    await expect(node(page, 'Route:HTTPRoute/broken-other/wrong-namespace').count()).resolves.toBe(1)
    await expect(node(page, 'Gateway:Gateway/broken/edge').count()).resolves.toBe(1)
    await expect(node(page, ROUTE).count()).resolves.toBe(0)
    await saveScreenshot(page, 'guide-filters')
    await page.locator('#gm-problems-only').check()
    await page.waitForFunction(() => location.search.includes('problems=1'))
    await expect.poll(matching, { timeout: 15_000 }).toBeLessThan(inNamespace)
    await painted(page)
    // The link opens the same view in another tab.
    const link = new URL(page.url())
    const other = await open(link.pathname + link.search)
    await expect(other.locator('#gm-namespace').inputValue()).resolves.toBe('broken-other')
    await expect(other.locator('#gm-problems-only').isChecked()).resolves.toBe(true)
    await expect(other.locator('[data-testid="counts"]').textContent()).resolves.toBe(
      await counts.textContent(),
    )
  })

  it('lists the route in the Problems tab with its reason', async () => {
    const page = await open()
    await expect(page.locator('#gm-tab-problems').textContent()).resolves.toMatch(/^Problems \(\d+\)$/)
    await expect(page.locator('.gm-problems > p').textContent()).resolves.toMatch(
      /^\d+ errors, \d+ warnings$/,
    )
    const row = problemRow(page, 'HTTPRoute broken/wrong-hostname')
    await expect(row.count()).resolves.toBe(1)
    await expect(row.textContent()).resolves.toMatch(
      /error.*NoMatchingListenerHostname.*None of the route's hostnames \(app\.example\.org\) matches the hostname of listener http/,
    )
    await row.scrollIntoViewIfNeeded()
    await saveScreenshot(page, 'guide-problems')
  })

  it('explains per parentRef why the route is not accepted: each check, the fields on both objects, the fix', async () => {
    const page = await open()
    await problemRow(page, 'HTTPRoute broken/wrong-hostname').click()
    await expect(details(page).locator('h3').textContent()).resolves.toBe('HTTPRoute broken/wrong-hostname')
    expect(new URL(page.url()).searchParams.get('sel')).toBe(ROUTE)
    // Only this route's path, to see the listener it was meant for next to it.
    await page.locator('#gm-search').fill('wrong-hostname')
    await page.waitForFunction(() => location.search.includes('q=wrong-hostname'))
    await painted(page)
    await fitView(page)
    await expect(page.locator('.react-flow__node').count()).resolves.toBe(5)
    await expect(details(page).locator('#gm-why-title').textContent()).resolves.toBe(
      'Why this route is not accepted',
    )
    const parent = details(page).locator('[data-testid="parent-0"]')
    await expect(parent.locator('h4').textContent()).resolves.toBe(
      'spec.parentRefs[0] → Gateway broken/edge, listener http',
    )
    await expect(parent.locator('.gm-verdict').textContent()).resolves.toContain(
      'Not accepted (NoMatchingListenerHostname)',
    )
    await expect(parent.locator('.gm-checks > li.outcome-pass').count()).resolves.toBeGreaterThan(0)
    const failed = parent.locator('.gm-checks > li.outcome-fail')
    await expect(failed.count()).resolves.toBe(1)
    await expect(failed.locator('.gm-outcome').textContent()).resolves.toBe('✕ failed')
    expect(await failed.locator('.gm-fields > li').allTextContents()).toEqual([
      'HTTPRoute broken/wrong-hostname spec.hostnames = ["app.example.org"]',
      'Gateway broken/edge spec.listeners[0].hostname = *.example.com',
    ])
    await expect(failed.locator('.gm-fix').textContent()).resolves.toMatch(
      /^Fix: Add a hostname the listener serves/,
    )
    const selected = node(page, ROUTE).locator('.gm-node')
    await expect(selected.getAttribute('class')).resolves.toMatch(/selected/)
    await expect(edgeBetween(page, LISTENER, ROUTE, 'rejected').textContent()).resolves.toBe('✕ rejected')
    await failed.scrollIntoViewIfNeeded()
    await saveScreenshot(page, 'guide-why-not-accepted')
  })

  it("shows the controller's conditions beside the computed ones: stale and disagreeing", async () => {
    const id = 'Route:HTTPRoute/broken/stale-status'
    const page = await open(`/?q=stale-status&sel=${id}`)
    await fitView(page)
    await expect(node(page, id).locator('.gm-flags').textContent()).resolves.toBe(
      '⚑ 3 problems · status disagrees · status stale',
    )
    const parent = details(page).locator('[data-testid="parent-0"]')
    await parent.locator('summary', { hasText: 'Conditions for this parent' }).click()
    const accepted = parent.locator('.gm-conditions tbody tr', { hasText: 'Accepted' }).first()
    expect(await accepted.locator('th, td').allTextContents()).toEqual([
      'Accepted',
      'False (NoMatchingListenerHostname) ⏱ stale: written for generation 1',
      'True (Accepted)',
      '≠ disagree',
    ])
    // Scroll the panel (not the page) down to the table; sideways, keep its start in view.
    await page.locator('.gm-panel').evaluate((panel) => {
      const table = panel.querySelector('[data-testid="parent-0"] .gm-conditions')
      if (!table) throw new Error('no conditions table')
      panel.scrollTop += table.getBoundingClientRect().bottom - panel.getBoundingClientRect().bottom + 24
      panel.scrollLeft = 0
    })
    await saveScreenshot(page, 'guide-controller-status')
  })

  it("folds a namespace's routes and a Gateway's listeners, and unfolds them", async () => {
    const route = 'Route:HTTPRoute/broken-other/wrong-namespace'
    const group = 'ns:broken-other:3'
    const page = await open(`/?sel=${route}`)
    await details(page).getByRole('button', { name: 'Fold this namespace’s column' }).click()
    await page.waitForFunction((g) => new URL(location.href).searchParams.get('closed') === g, group)
    // The selection's own namespace stays open; the group appears once nothing in it is selected.
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } })
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('sel'))
    // Only nodes in view are rendered: show the whole graph so the group is among them.
    await fitView(page)
    const folded = node(page, group)
    await folded.waitFor({ timeout: 15_000 })
    await expect(folded.textContent()).resolves.toMatch(
      /^folded✕ 2 problemsbroken-other · 2 HTTPRoutesunfold$/,
    )
    await expect(node(page, route).count()).resolves.toBe(0)
    const gateway = node(page, 'Gateway:Gateway/broken/misconfigured')
    await gateway.getByRole('button', { name: 'fold listeners' }).click()
    await gateway.getByRole('button', { name: 'show listeners' }).waitFor()
    await expect(node(page, 'Listener:Gateway/broken/misconfigured#dup-a').count()).resolves.toBe(0)
    // The address bar keeps the folding: a reload shows the same graph.
    await page.reload()
    await painted(page)
    await fitView(page)
    await folded.waitFor()
    await gateway.getByRole('button', { name: 'show listeners' }).waitFor()
    await saveScreenshot(page, 'guide-folded')
    await folded.getByRole('button', { name: 'unfold' }).click()
    await node(page, route).waitFor()
    await gateway.getByRole('button', { name: 'show listeners' }).click()
    await node(page, 'Listener:Gateway/broken/misconfigured#dup-a').waitFor()
  })

  // The fix and its apply share one tab: a draft lives in that browser's storage.
  let fixing: Page | undefined

  it('fixes the hostname in the YAML editor: the marker goes, the preview says it will attach', async () => {
    const page = await openDashboard(browser(), serve, {
      path: `/?q=wrong-hostname&sel=${ROUTE}`,
      viewport: VIEWPORT,
    })
    fixing = page
    await painted(page)
    await openEditor(page)
    await expect(editor(page).locator('h3').textContent()).resolves.toBe(
      'Editing HTTPRoute broken/wrong-hostname',
    )
    await expect(page.locator('[data-testid="draft-saved"]').textContent()).resolves.toBe(
      'Draft kept in this browser until applied or discarded.',
    )
    const preview = page.locator('[data-testid="attachment-preview"]')
    await expect
      .poll(() => preview.textContent())
      .toMatch(/is still rejected by listener http of Gateway broken\/edge: None of the route's hostnames/)
    // A cross-resource error: the API server would store the route; its parent would not accept it.
    await expect
      .poll(() => verdict(page).textContent())
      .toBe('✕ 1 error: the API server would store this, but it would not be accepted.')
    // The form's parent picker says, per listener, whether it would take this route and why not.
    const picker = field(page, 'spec.parentRefs[0]')
    const options = await picker.locator('option').allInnerTexts()
    expect(options).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^✕ rejects — Gateway broken\/edge · listener http \(HTTP 80\): None of/),
        expect.stringMatching(/^✓ accepts — /),
      ]),
    )
    await expect(editor(page).locator('.gm-form-verdict').first().textContent()).resolves.toMatch(
      /^✕ rejects this route: None of the route's hostnames \(app\.example\.org\)/,
    )
    await saveScreenshot(page, 'guide-edit-form')

    await showYaml(page)
    const findings = page.locator('[data-testid="draft-findings"]')
    await expect.poll(() => findings.textContent()).toContain("None of the route's hostnames")
    // The finding is about spec.hostnames, so its marker sits on that key's line.
    const hostLine = page.locator('[data-testid="yaml-editor"] .view-line', { hasText: 'hostnames:' })
    const line = await lineNumberOf(page, hostLine)
    await expect(findings.locator('li').first().textContent()).resolves.toContain(`line ${line}`)
    await page.locator('[data-testid="yaml-editor"] .squiggly-error').first().waitFor()
    await saveScreenshot(page, 'guide-editor-marker')

    await caretAtEndOf(page, '- app.example.org')
    for (let i = 0; i < 'org'.length; i++) await page.keyboard.press('Backspace')
    await page.keyboard.type('com')
    await expect
      .poll(() => preview.textContent(), { timeout: 10_000 })
      .toMatch(/will now attach to listener http of Gateway broken\/edge$/)
    await expect.poll(() => verdict(page).textContent()).toBe('✓ No problems found.')
    // Monaco draws the markers a moment after the verdict changes.
    await expect
      .poll(() => page.locator('[data-testid="yaml-editor"] .squiggly-error').count(), { timeout: 10_000 })
      .toBe(0)
    await saveScreenshot(page, 'guide-fix-in-editor')

    await editor(page).getByRole('button', { name: 'Show changes' }).click()
    const diff = page.locator('[data-testid="diff"]')
    await diff.locator('.view-line', { hasText: 'app.example.com' }).first().waitFor()
    await diff.locator('.view-line', { hasText: 'app.example.org' }).first().waitFor()
    await saveScreenshot(page, 'guide-show-changes')
    await editor(page).getByRole('button', { name: 'Hide changes' }).click()

    await editor(page).getByRole('button', { name: 'Dry run' }).click()
    await expect.poll(() => outcome(page).textContent()).toMatch(/^Dry run passed: .*Nothing was written\.$/)
    expect(fileText(ROUTES_FILE)).toBe(exampleText(ROUTES_FILE))
  })

  it('keeps the draft across a reload, applies it: the file changes and the route is accepted', async () => {
    const page = fixing
    if (!page) throw new Error('the previous step did not open the editor')
    pages.push(page)
    await page.reload()
    await painted(page)
    await page.locator('[data-testid="yaml-editor"] .view-line', { hasText: 'app.example.com' }).waitFor()
    await applyAndClose(page)
    await expect.poll(() => fileText(ROUTES_FILE)).toContain('- app.example.com')
    // Only that line changed: the file keeps its comments, order and formatting.
    expect(fileText(ROUTES_FILE)).toBe(
      exampleText(ROUTES_FILE).replace('    - app.example.org\n', '    - app.example.com\n'),
    )
    // No longer a problem; a node with a warning left on it says Warning, not OK.
    await expect
      .poll(() => node(page, ROUTE).textContent(), { timeout: 15_000 })
      .toMatch(/^HTTPRoute(✓\s*OK|⚠\s*Warning)/)
    await expect
      .poll(() => details(page).locator('#gm-why-title').textContent())
      .toBe('Why this route is accepted')
    await expect(
      details(page).locator('[data-testid="parent-0"] .gm-verdict').textContent(),
    ).resolves.toContain('Accepted on http')
    await fitView(page)
    await expect(edgeBetween(page, LISTENER, ROUTE, 'attached').count()).resolves.toBe(1)
    await expect(edgeBetween(page, LISTENER, ROUTE, 'rejected').count()).resolves.toBe(0)
    await saveScreenshot(page, 'guide-fixed')
    await page.locator('#gm-tab-problems').click()
    await expect(page.locator('#gm-tab-problems').textContent()).resolves.toMatch(/^Problems \(\d+\)$/)
    // No error is left on it; a PrecedenceTie warning may be (it now shares app.example.com with
    // another route whose rule matches the same requests).
    await expect(
      problemRow(page, 'HTTPRoute broken/wrong-hostname').and(page.locator('.severity-error')).count(),
    ).resolves.toBe(0)
  })
})

describe('user guide: more ways to edit', () => {
  it('adds a route to a listener: a new draft attached to it, created with Create', async () => {
    const page = await open(`/?sel=${encodeURIComponent(LISTENER)}`)
    await expect(details(page).locator('h3').textContent()).resolves.toBe(
      'Gateway broken/edge · listener http',
    )
    await openEditor(page, 'Add a route here')
    await expect(editor(page).locator('h3').textContent()).resolves.toBe('New HTTPRoute broken/new-route')
    await expect
      .poll(() => page.locator('[data-testid="attachment-preview"]').textContent())
      .toMatch(/will now attach to listener http of Gateway broken\/edge/)
    await expect(editor(page).getByRole('button', { name: 'Create' }).count()).resolves.toBe(1)
    await editor(page).getByRole('button', { name: 'Discard draft' }).click()
    await editor(page).waitFor({ state: 'detached' })
  })

  it('stops a stale apply with both versions side by side; Rebase keeps both changes', async () => {
    const id = 'Route:HTTPRoute/broken/no-such-listener'
    const alice = await open(`/?sel=${id}`)
    const bob = await open(`/?sel=${id}`)
    await openEditor(alice)
    await openEditor(bob)
    await field(alice, 'spec.parentRefs[0].sectionName').fill('http')
    await applyAndClose(alice)
    await expect
      .poll(() => fileText(ROUTES_FILE))
      .toMatch(/name: no-such-listener[\s\S]*?sectionName: http\n/)
    await field(bob, 'spec.hostnames[0]').fill('shop.example.com')
    await bob.waitForTimeout(200)
    await editor(bob).getByRole('button', { name: 'Apply' }).click()
    const conflict = bob.locator('[data-testid="conflict"]')
    await conflict.waitFor({ timeout: 15_000 })
    await expect(conflict.locator('h4').textContent()).resolves.toBe(
      'Someone changed this object since you started editing',
    )
    await expect(outcome(bob).textContent()).resolves.toMatch(/^Conflict: /)
    expect(fileText(ROUTES_FILE)).not.toContain('shop.example.com')
    await saveScreenshot(bob, 'guide-conflict')
    await conflict.getByRole('button', { name: 'Rebase my edit on their version' }).click()
    await expect(outcome(bob).textContent()).resolves.toBe(
      'Rebased on their version. Check the preview, then apply again.',
    )
    await expect.poll(() => field(bob, 'spec.parentRefs[0].sectionName').inputValue()).toBe('http')
    await applyAndClose(bob)
    await expect
      .poll(() => fileText(ROUTES_FILE))
      .toMatch(/name: no-such-listener[\s\S]*?sectionName: http\n[\s\S]*?- shop\.example\.com\n/)
    await expect.poll(() => node(bob, id).textContent(), { timeout: 15_000 }).toMatch(/✓\s*OK/)
  })
})

describe('user guide: a read-only server', () => {
  let readOnly: ServeProcess
  beforeAll(async () => {
    readOnly = await serveFolder(dir, web, ['--read-only'])
    await readOnly.synced
  }, 120_000)
  afterAll(() => readOnly?.stop())

  it('says so in the header and the editor, refuses Apply and Delete, and still dry-runs', async () => {
    const id = 'Route:HTTPRoute/broken/apex-hostname'
    const page = await open(`/?q=apex-hostname&sel=${id}`, readOnly)
    await expect(page.locator('[data-testid="source"]').textContent()).resolves.toBe(
      `Folder: ${dir} (read-only)`,
    )
    await openEditor(page)
    await expect
      .poll(() => page.locator('[data-testid="read-only-note"]').textContent())
      .toBe('Gatemap runs read-only (--read-only): you can draft and dry-run, but nothing is written.')
    // Its lock is drawn, not a character: the page's fonts have no emoji, so one would show as a box.
    expect(await page.locator('[data-testid="read-only-note"] svg[aria-hidden="true"]').count()).toBe(1)
    await field(page, 'spec.hostnames[0]').fill('apex.example.com')
    await expect
      .poll(() => page.locator('[data-testid="attachment-preview"]').textContent())
      .toMatch(/will now attach to listener http/)
    expect(await editor(page).getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true)
    expect(await editor(page).getByRole('button', { name: 'Delete…' }).isDisabled()).toBe(true)
    // The YAML view is short enough to show the note, the buttons and the outcome at once.
    await showYaml(page)
    await editor(page).getByRole('button', { name: 'Dry run' }).click()
    await expect.poll(() => outcome(page).textContent()).toMatch(/^Dry run passed/)
    await saveScreenshot(page, 'guide-read-only')
    expect(fileText(ROUTES_FILE)).toContain('    - example.com\n')
    await editor(page).getByRole('button', { name: 'Discard draft' }).click()
  })
})
