// Policies in the dashboard, in Chromium on examples/policies: policy nodes with the health word and
// the verdict of their policy (the conflicted one and the one whose route is gone are problems, the
// missing route is drawn as not found), the edge to the listener a sectionName names, the
// conflict's winner named in a route's details with the effective settings and their sources, a
// policy's own targets and ancestors, the policy filters in the toolbar and the URL, axe, and a
// policy opened in the YAML editor checked against its CRD (Envoy Gateway's, from its Go module).
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { envoyGatewayPolicyCrds } from '../../cluster/policy-crds.ts'
import { type ServeProcess, startServe } from '../serve-process.ts'
import { WEB_DIST } from '../web-dist.ts'
import { formatSeriousViolations, runAxe, seriousViolations } from './axe.ts'
import { closeDashboard, openDashboard, pageErrors, useDashboardOn, waitForGraph } from './dashboard.ts'
import { caretAtEndOf, editor, openEditor } from './editor.ts'
import { saveScreenshot } from './screenshots.ts'

const repo = path.join(import.meta.dirname, '../../..')
const { browser, open, serve } = useDashboardOn(path.join(repo, 'examples/policies'), { crds: false })

const NS = 'policy-demo'
const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`)
const edge = (page: Page, source: string, target: string, role: string) =>
  page.locator(`.react-flow__edge.role-${role}[data-id^="${source}->${target}"]`)
const policy = (kind: string, name: string) => `Policy:${kind}/${NS}/${name}`

async function showAll(page: Page) {
  await page.locator('.react-flow__controls-fitview').click()
  await page.waitForTimeout(300)
}

async function nodeWords(page: Page, id: string): Promise<{ health: string; text: string }> {
  const n = node(page, id)
  await n.waitFor()
  return {
    health: ((await n.locator('.gm-health').textContent()) ?? '').trim(),
    text: (await n.textContent()) ?? '',
  }
}

describe('policies on examples/policies', () => {
  it('draws every policy with its health word and verdict, and edges to the exact target', async () => {
    const page = await open({ viewport: { width: 1800, height: 1000 } })
    await waitForGraph(page)
    await showAll(page)
    const ok = await nodeWords(page, policy('ClientTrafficPolicy', 'edge-clients'))
    expect(ok.health).toMatch(/OK/)
    expect(ok.text).toContain('Accepted')
    const conflicted = await nodeWords(page, policy('BackendTrafficPolicy', 'shop-timeouts-v2'))
    expect(conflicted.health).toMatch(/Problem/)
    expect(conflicted.text).toContain('Conflicted (shop-timeouts wins)')
    const lost = await nodeWords(page, policy('SecurityPolicy', 'legacy-auth'))
    expect(lost.health).toMatch(/Problem/)
    expect(lost.text).toContain('Target not found')
    expect((await nodeWords(page, `Route:HTTPRoute/${NS}/legacy`)).health).toMatch(/Not found/)
    // A sectionName naming a listener: the edge goes to that listener, not to its Gateway.
    const toListener = edge(
      page,
      policy('ClientTrafficPolicy', 'admin-clients'),
      `Listener:Gateway/${NS}/edge#admin`,
      'policy',
    )
    await expect(toListener.count()).resolves.toBe(1)
    await expect(
      edge(
        page,
        policy('ClientTrafficPolicy', 'admin-clients'),
        `Gateway:Gateway/${NS}/edge`,
        'policy',
      ).count(),
    ).resolves.toBe(0)
    await expect(
      edge(
        page,
        policy('BackendTrafficPolicy', 'edge-defaults'),
        `Gateway:Gateway/${NS}/edge`,
        'policy',
      ).count(),
    ).resolves.toBe(1)
    await expect(
      node(page, policy('SecurityPolicy', 'legacy-auth')).getAttribute('aria-label'),
    ).resolves.toMatch(/^SecurityPolicy policy-demo\/legacy-auth, Problem/)
    await saveScreenshot(page, 'policies')
    const violations = seriousViolations(await runAxe(page))
    expect(violations, formatSeriousViolations(violations)).toEqual([])
    expect(pageErrors(page)).toEqual([])
    await closeDashboard(page)
  })

  it('a route’s details name the conflict’s winner and list the effective settings with their sources', async () => {
    const page = await open({
      path: `/?sel=Route:HTTPRoute/${NS}/shop`,
      viewport: { width: 1600, height: 1000 },
    })
    await waitForGraph(page)
    const here = page.locator('[data-testid="policies-here"]')
    await here.waitFor()
    await expect(here.locator('[data-testid="policy-conflict-winner"]').textContent()).resolves.toContain(
      'Wins the conflict over BackendTrafficPolicy policy-demo/shop-timeouts-v2',
    )
    await expect(here.locator('[data-testid="policy-conflict-loser"]').textContent()).resolves.toMatch(
      /Loses to BackendTrafficPolicy policy-demo\/shop-timeouts: .*alphabetically/,
    )
    const settings = here.locator('[data-testid="effective-settings"]')
    const rows = await settings
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.textContent ?? ''))
    expect(
      rows.some(
        (r) => r.includes('BackendTrafficPolicy.timeout') && r.includes('5s') && r.includes('shop-timeouts'),
      ),
    ).toBe(true)
    await expect(here.textContent()).resolves.toMatch(/edge-defaults\s*Replaced/)
    await here.scrollIntoViewIfNeeded()
    await saveScreenshot(page, 'policies-route-details')
    const violations = seriousViolations(await runAxe(page, { include: '[data-testid="details"]' }))
    expect(violations, formatSeriousViolations(violations)).toEqual([])
    await closeDashboard(page)
  })

  it('a policy’s details give each target’s verdict with the winner, and its ancestor’s status', async () => {
    const page = await open({
      path: `/?sel=${policy('BackendTrafficPolicy', 'shop-timeouts-v2')}`,
      viewport: { width: 1600, height: 1000 },
    })
    await waitForGraph(page)
    const target = page.locator('[data-testid="policy-target-0"]')
    await target.waitFor()
    await expect(target.textContent()).resolves.toContain('Conflicted')
    await expect(target.locator('[data-testid="policy-winner"]').textContent()).resolves.toContain(
      'BackendTrafficPolicy policy-demo/shop-timeouts',
    )
    await expect(target.locator('.gm-fix').first().textContent()).resolves.toMatch(/Fix:/)
    const ancestors = page.locator('[data-testid="policy-ancestors"]')
    await expect(ancestors.textContent()).resolves.toMatch(/Gateway policy-demo\/edge/)
    await expect(ancestors.locator('table.gm-conditions tbody tr').first().textContent()).resolves.toMatch(
      /Accepted.*False.*Conflicted/,
    )
    await target.scrollIntoViewIfNeeded()
    await saveScreenshot(page, 'policies-policy-details')
    const violations = seriousViolations(await runAxe(page, { include: '[data-testid="details"]' }))
    expect(violations, formatSeriousViolations(violations)).toEqual([])
    await closeDashboard(page)
  })

  it('filters by policy kind and by having policies, in the toolbar and the URL', async () => {
    const page = await open({ viewport: { width: 1800, height: 1000 } })
    await waitForGraph(page)
    await page.locator('#gm-policy-kind').selectOption('ClientTrafficPolicy')
    await page.waitForURL(/pkind=ClientTrafficPolicy/)
    await waitForGraph(page)
    await showAll(page)
    await node(page, policy('ClientTrafficPolicy', 'admin-clients')).waitFor()
    await expect(node(page, policy('BackendTrafficPolicy', 'edge-defaults')).count()).resolves.toBe(0)
    await expect(node(page, policy('SecurityPolicy', 'legacy-auth')).count()).resolves.toBe(0)
    await expect(node(page, `Listener:Gateway/${NS}/edge#admin`).count()).resolves.toBe(1)

    await page.goto(`${serve().url}/?policies=1&q=legacy`)
    await waitForGraph(page)
    await showAll(page)
    await expect(page.locator('#gm-has-policies').isChecked()).resolves.toBe(true)
    await node(page, policy('SecurityPolicy', 'legacy-auth')).waitFor()
    await expect(node(page, policy('ClientTrafficPolicy', 'edge-clients')).count()).resolves.toBe(0)
    await page.locator('#gm-has-policies').uncheck()
    await expect.poll(() => page.url()).not.toMatch(/policies=1/)
    expect(pageErrors(page)).toEqual([])
    await closeDashboard(page)
  })
})

describe('a policy in the YAML editor, with its CRD', () => {
  let withCrds: ServeProcess
  let crds: string
  beforeAll(async () => {
    // One folder with the Gateway API's CRDs and Envoy Gateway's policy CRDs, as --crds reads them.
    crds = mkdtempSync(path.join(tmpdir(), 'gatemap-policy-crds-'))
    const gateway = execFileSync(
      'bash',
      [path.join(repo, 'e2e/cluster/cluster.sh'), 'crds', 'experimental'],
      {
        encoding: 'utf8',
      },
    ).trim()
    cpSync(gateway, crds, { recursive: true })
    cpSync(envoyGatewayPolicyCrds(), crds, { recursive: true })
    withCrds = await startServe([
      '--manifests',
      path.join(repo, 'examples/policies'),
      '--web',
      WEB_DIST,
      '--crds',
      crds,
      '--read-only',
    ])
    await withCrds.synced
  }, 300_000)
  afterAll(async () => {
    await withCrds?.stop()
    if (crds) rmSync(crds, { recursive: true, force: true })
  })

  it('opens as YAML (no form) and puts a value the CRD’s schema refuses on its line', async () => {
    const page = await openDashboard(browser(), withCrds, {
      path: `/?sel=${policy('BackendTrafficPolicy', 'shop-timeouts')}`,
      viewport: { width: 1600, height: 1000 },
    })
    await waitForGraph(page)
    await openEditor(page)
    await expect(editor(page).getByLabel('Form', { exact: true }).isDisabled()).resolves.toBe(true)
    await expect(editor(page).getByLabel('YAML', { exact: true }).isChecked()).resolves.toBe(true)
    await page.locator('[data-testid="yaml-editor"] .monaco-editor').waitFor()
    await caretAtEndOf(page, 'requestTimeout: 5s')
    await page.keyboard.type(' or so')
    const findings = page.locator('[data-testid="draft-findings"]')
    await expect.poll(() => findings.textContent(), { timeout: 15_000 }).toMatch(/should match/)
    await expect(findings.textContent()).resolves.toMatch(/\^\(\[0-9\]\{1,5\}/)
    await page.locator('[data-testid="yaml-editor"] .squiggly-error').first().waitFor()
    await saveScreenshot(page, 'policies-editor')
    // The file's last, empty line has a dimmed number in the gutter: our Monaco theme keeps it at AA.
    await page.locator('[data-testid="yaml-editor"] .dimmed-line-number').first().waitFor()
    const violations = seriousViolations(await runAxe(page, { include: '[data-testid="editor"]' }))
    expect(violations, formatSeriousViolations(violations)).toEqual([])
    await editor(page).getByRole('button', { name: 'Discard draft' }).click()
    expect(pageErrors(page)).toEqual([])
    await closeDashboard(page)
    // Dashboard, editor and the CRD's check: 53 s alone at load 30, so the default 60 s is too tight.
  }, 120_000)
})
