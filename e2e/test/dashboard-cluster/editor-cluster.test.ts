// The route editor in Chromium against the real kube-apiserver: weights changed in the form are
// applied by server-side apply (Show changes first lists what the apply sends) and the graph
// follows the watch; a person whose RBAC lets them read but not patch routes (bearer mode, their
// own ServiceAccount token) is refused and told why, by the dry run and by apply, and the object
// stays as it was.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { CustomObjectsApi } from '@kubernetes/client-node'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Cluster } from '../../cluster/harness.ts'
import { useClusterDashboards, waitForGraph } from '../browser/dashboard.ts'
import { applyAndClose, editor, field, openEditor, outcome } from '../browser/editor.ts'
import { saveScreenshot } from '../browser/screenshots.ts'
import { sharedCluster } from '../cluster.ts'

const GROUP = 'gateway.networking.k8s.io'
let cluster: Cluster
let ns: string
let viewerToken: string

function manifests(namespace: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatemap-editor-cluster-'))
  const service = (name: string) =>
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  ports:\n  - port: 8080\n`
  writeFileSync(
    path.join(dir, 'objects.yaml'),
    [
      `apiVersion: ${GROUP}/v1\nkind: GatewayClass\nmetadata:\n  name: ${namespace}\nspec:\n  controllerName: example.com/editor\n`,
      `apiVersion: ${GROUP}/v1\nkind: Gateway\nmetadata:\n  name: gw\n  namespace: ${namespace}\nspec:\n  gatewayClassName: ${namespace}\n  listeners:\n  - name: http\n    protocol: HTTP\n    port: 80\n`,
      service('v1'),
      service('v2'),
      `apiVersion: ${GROUP}/v1\nkind: HTTPRoute\nmetadata:\n  name: web\n  namespace: ${namespace}\nspec:\n  parentRefs:\n  - name: gw\n  rules:\n  - backendRefs:\n    - name: v1\n      port: 8080\n      weight: 90\n    - name: v2\n      port: 8080\n      weight: 10\n`,
    ].join('---\n'),
  )
  return dir
}

beforeAll(async () => {
  cluster = sharedCluster()
  ns = await cluster.uniqueNamespace('editor')
  await cluster.applyFolder(manifests(ns))
  await cluster.grant(
    { namespace: ns, name: 'viewer' },
    {
      name: 'reader',
      namespace: ns,
      rules: [
        { apiGroups: [GROUP], resources: ['*'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['services'], verbs: ['get', 'list', 'watch'] },
      ],
    },
  )
  viewerToken = await cluster.serviceAccountToken(ns, 'viewer')
}, 180_000)

// A refused write is logged by the browser as a failed request; that refusal is under test.
const dashboards = useClusterDashboards(() => cluster.adminKubeconfigPath, {
  expectedErrors: /status of (403|409)/,
})

const route = async () =>
  (await cluster.admin.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({
    group: GROUP,
    version: 'v1',
    namespace: ns,
    plural: 'httproutes',
    name: 'web',
  })) as { spec: { rules: { backendRefs: { weight: number }[] }[] } }

const weights = async () => (await route()).spec.rules[0]!.backendRefs.map((b) => b.weight)

describe('route editor against the real API server', () => {
  it('applies weights changed in the form; the cluster has them and the graph follows', async () => {
    const page = await dashboards.open(dashboards.admin(), { path: `/?sel=Route:HTTPRoute/${ns}/web` })
    await waitForGraph(page)
    await openEditor(page)
    await field(page, 'spec.rules[0].backendRefs[0].weight').fill('25')
    await field(page, 'spec.rules[0].backendRefs[1].weight').fill('75')
    // Show changes says what Apply will send: the rules (one atomic list in the CRD), nothing else.
    await editor(page).getByRole('button', { name: 'Show changes' }).click()
    await expect
      .poll(() => page.locator('[data-testid="ownership-changed"]').textContent(), { timeout: 15_000 })
      .toBe('Changed, and managed by Gatemap from now on: spec.rules')
    expect(await page.locator('[data-testid="field-ownership"] li').count()).toBe(2)
    await editor(page).getByRole('button', { name: 'Hide changes' }).click()
    // The route was created by another field manager: server-side apply names the conflict, and
    // the person chooses to take the fields over (dry run first, then for real).
    await editor(page).getByRole('button', { name: 'Dry run' }).click()
    const owners = page.locator('[data-testid="field-owners"]')
    await expect.poll(() => owners.textContent(), { timeout: 15_000 }).toMatch(/Apply failed with 1 conflict/)
    await owners.getByRole('button', { name: 'Dry run taking over these fields' }).click()
    await expect.poll(() => outcome(page).textContent()).toMatch(/the API server accepts this change/)
    expect(await weights()).toEqual([90, 10])
    await editor(page).getByRole('button', { name: 'Apply' }).click()
    await owners.getByRole('button', { name: 'Take over these fields and apply' }).click()
    await editor(page).waitFor({ state: 'detached', timeout: 20_000 })
    await expect.poll(weights, { timeout: 15_000 }).toEqual([25, 75])
    await expect
      .poll(() => page.locator('.react-flow__edge.role-backend').allTextContents(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining([expect.stringMatching(/75\s*%/)]))
  })

  it('stops a stale apply with the conflict view; after a rebase, both changes are in the cluster', async () => {
    const open = async () => {
      const page = await dashboards.open(dashboards.admin(), { path: `/?sel=Route:HTTPRoute/${ns}/web` })
      await waitForGraph(page)
      await openEditor(page)
      return page
    }
    const alice = await open()
    const bob = await open()
    await field(alice, 'spec.rules[0].backendRefs[0].weight').fill('60')
    await applyAndClose(alice)
    await expect.poll(weights, { timeout: 15_000 }).toEqual([60, 75])
    await field(bob, 'spec.rules[0].backendRefs[1].weight').fill('5')
    await bob.waitForTimeout(200)
    await editor(bob).getByRole('button', { name: 'Apply' }).click()
    const conflict = bob.locator('[data-testid="conflict"]')
    await conflict.waitFor({ timeout: 15_000 })
    expect(await weights()).toEqual([60, 75])
    await conflict.getByRole('button', { name: 'Rebase my edit on their version' }).click()
    await expect.poll(() => field(bob, 'spec.rules[0].backendRefs[0].weight').inputValue()).toBe('60')
    await applyAndClose(bob)
    await expect.poll(weights, { timeout: 15_000 }).toEqual([60, 5])
  })

  it('tells a person whose RBAC forbids patching routes why they cannot apply, and changes nothing', async () => {
    const before = await weights()
    const page = await dashboards.open(dashboards.bearer(), {
      path: `/?sel=Route:HTTPRoute/${ns}/web`,
      token: viewerToken,
    })
    await waitForGraph(page)
    await openEditor(page)
    await field(page, 'spec.rules[0].backendRefs[0].weight').fill('1')
    await editor(page).getByRole('button', { name: 'Dry run' }).click()
    await expect
      .poll(() => outcome(page).textContent())
      .toMatch(/Refused \(Forbidden\):.*cannot patch resource "httproutes"/)
    await editor(page).getByRole('button', { name: 'Apply' }).click()
    await expect
      .poll(() => outcome(page).textContent())
      .toMatch(/Refused \(Forbidden\):.*system:serviceaccount:.*:viewer/)
    await saveScreenshot(page, 'editor-rbac-refused')
    expect(await weights()).toEqual(before)
    await editor(page).getByRole('button', { name: 'Discard draft' }).click()
  })
})
