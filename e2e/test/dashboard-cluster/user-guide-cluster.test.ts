// The cluster-only screens of docs/user-guide.md, against the real kube-apiserver: in bearer mode a
// person whose RBAC lets them read routes in one namespace (and no Secrets) sees which kinds are
// forbidden or not installed, a certificate reference that cannot be checked, and a refused dry run;
// with full rights, server-side apply names the fields another manager owns and the person takes
// them over. Each step saves the screenshot the guide shows (guide-<step>.png).
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { CustomObjectsApi } from '@kubernetes/client-node'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Cluster } from '../../cluster/harness.ts'
import { useClusterDashboards, waitForGraph } from '../browser/dashboard.ts'
import { editor, field, openEditor, outcome } from '../browser/editor.ts'
import { saveScreenshot } from '../browser/screenshots.ts'
import { sharedCluster } from '../cluster.ts'
import type { ServeProcess } from '../serve-process.ts'

const GROUP = 'gateway.networking.k8s.io'
const VIEWPORT = { width: 1600, height: 1000 }
let cluster: Cluster
let ns: string
let viewerToken: string

/** A Gateway with a plain and a TLS listener (its certificate Secret exists), and one route. */
function manifests(namespace: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatemap-guide-cluster-'))
  const service = (name: string) =>
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  ports:\n  - port: 8080\n`
  const pem = Buffer.from('-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----\n').toString('base64')
  writeFileSync(
    path.join(dir, 'objects.yaml'),
    [
      `apiVersion: ${GROUP}/v1\nkind: GatewayClass\nmetadata:\n  name: ${namespace}\nspec:\n  controllerName: example.com/guide\n`,
      `apiVersion: ${GROUP}/v1\nkind: Gateway\nmetadata:\n  name: gw\n  namespace: ${namespace}\nspec:\n  gatewayClassName: ${namespace}\n  listeners:\n  - name: http\n    protocol: HTTP\n    port: 80\n    hostname: "*.example.com"\n  - name: https\n    protocol: HTTPS\n    port: 443\n    hostname: "*.example.com"\n    tls:\n      certificateRefs:\n      - name: site-tls\n`,
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: site-tls\n  namespace: ${namespace}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${pem}\n  tls.key: ${pem}\n`,
      service('shop-v1'),
      service('shop-v2'),
      `apiVersion: ${GROUP}/v1\nkind: HTTPRoute\nmetadata:\n  name: shop\n  namespace: ${namespace}\nspec:\n  parentRefs:\n  - name: gw\n  hostnames:\n  - shop.example.com\n  rules:\n  - backendRefs:\n    - name: shop-v1\n      port: 8080\n      weight: 90\n    - name: shop-v2\n      port: 8080\n      weight: 10\n`,
    ].join('---\n'),
  )
  return dir
}

beforeAll(async () => {
  cluster = sharedCluster()
  ns = await cluster.uniqueNamespace('guide')
  await cluster.applyFolder(manifests(ns))
  // Reads GatewayClasses, and routes, Gateways and Services in this one namespace; no Secrets.
  const reader = { namespace: ns, name: 'reader' }
  await cluster.grant(reader, {
    name: `${ns}-gatewayclass-reader`,
    rules: [{ apiGroups: [GROUP], resources: ['gatewayclasses'], verbs: ['get', 'list', 'watch'] }],
  })
  await cluster.grant(reader, {
    name: 'route-reader',
    namespace: ns,
    rules: [
      { apiGroups: [GROUP], resources: ['*'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['services'], verbs: ['get', 'list', 'watch'] },
    ],
  })
  viewerToken = await cluster.serviceAccountToken(ns, 'reader')
}, 180_000)

// Refused writes (403) and field-manager conflicts (409) are what these steps show.
const dashboards = useClusterDashboards(() => cluster.adminKubeconfigPath, {
  expectedErrors: /status of (403|409)/,
})

async function open(serve: ServeProcess, at: string, token?: string): Promise<Page> {
  const page = await dashboards.open(serve, {
    path: at,
    viewport: VIEWPORT,
    ...(token ? { token } : {}),
  })
  await waitForGraph(page)
  return page
}

const weights = async () => {
  const route = (await cluster.admin.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({
    group: GROUP,
    version: 'v1',
    namespace: ns,
    plural: 'httproutes',
    name: 'shop',
  })) as { spec: { rules: { backendRefs: { weight: number }[] }[] } }
  return route.spec.rules[0]!.backendRefs.map((b) => b.weight)
}

describe('user guide on a cluster', () => {
  it("bearer mode: the person's RBAC decides what they see, what can be checked, and what they may change", async () => {
    const listener = `Listener:Gateway/${ns}/gw#https`
    const page = await open(dashboards.bearer(), `/?sel=${encodeURIComponent(listener)}`, viewerToken)
    // Who is looking, as the API server names them; not the server's own kubeconfig context.
    await expect
      .poll(() => page.locator('[data-testid="source"]').textContent())
      .toBe(`Cluster, signed in as system:serviceaccount:${ns}:reader`)
    const kinds = page.locator('[data-testid="kind-states"]')
    await kinds.waitFor()
    const secret = kinds.locator('li.kind-forbidden', { hasText: /^Secret:/ })
    await expect(secret.textContent()).resolves.toBe(
      'Secret: forbidden for you — your Kubernetes user may not list these',
    )
    await expect(kinds.locator('li.kind-forbidden', { hasText: /^Namespace:/ }).count()).resolves.toBe(1)
    // GatewayClasses are readable cluster-wide, so the class is seen, not assumed; no controller runs
    // in the test cluster, and what the cluster says comes first: nobody has accepted it yet.
    await expect(
      page.locator(`.react-flow__node[data-id="GatewayClass:GatewayClass//${ns}"]`).textContent(),
    ).resolves.toMatch(/…\s*Pending.*no controller has accepted this yet/)
    const details = page.locator('[data-testid="details"]')
    await expect(details.locator('h3').textContent()).resolves.toBe(`Gateway ${ns}/gw · listener https`)
    const unknown = details.locator('.gm-checks > li.outcome-warn', {
      hasText: `Cannot check Secret ${ns}/site-tls: no permission to read Secrets.`,
    })
    await expect(unknown.count()).resolves.toBe(1)
    await unknown.scrollIntoViewIfNeeded()
    await saveScreenshot(page, 'guide-rbac-forbidden')

    await page.goto(`${dashboards.bearer().url}/?sel=Route:HTTPRoute/${ns}/shop`)
    await waitForGraph(page)
    await openEditor(page)
    await field(page, 'spec.rules[0].backendRefs[0].weight').fill('50')
    await editor(page).getByRole('button', { name: 'Dry run' }).click()
    await expect
      .poll(() => outcome(page).textContent(), { timeout: 15_000 })
      .toMatch(
        /^Refused \(Forbidden\): .*system:serviceaccount:.*:reader.*cannot patch resource "httproutes"/,
      )
    await outcome(page).scrollIntoViewIfNeeded()
    await saveScreenshot(page, 'guide-rbac-refused')
    expect(await weights()).toEqual([90, 10])
    await editor(page).getByRole('button', { name: 'Discard draft' }).click()
  })

  it('server-side apply: names the fields another manager owns; the person takes them over', async () => {
    const page = await open(dashboards.admin(), `/?sel=Route:HTTPRoute/${ns}/shop`)
    await openEditor(page)
    await field(page, 'spec.rules[0].backendRefs[0].weight').fill('50')
    await field(page, 'spec.rules[0].backendRefs[1].weight').fill('50')
    await editor(page).getByRole('button', { name: 'Dry run' }).click()
    const owners = page.locator('[data-testid="field-owners"]')
    await expect
      .poll(() => owners.textContent(), { timeout: 15_000 })
      .toMatch(/^Another tool manages fields you changedApply failed with \d+ conflicts?: .*"gatemap-e2e"/)
    // The notice opens at the top of the editor, above the form scrolled down to the weights.
    await owners.scrollIntoViewIfNeeded()
    await saveScreenshot(page, 'guide-field-owners')
    await owners.getByRole('button', { name: 'Dry run taking over these fields' }).click()
    await expect
      .poll(() => outcome(page).textContent())
      .toBe('Dry run passed: the API server accepts this change. Nothing was written.')
    expect(await weights()).toEqual([90, 10])
    await editor(page).getByRole('button', { name: 'Apply' }).click()
    await owners.getByRole('button', { name: 'Take over these fields and apply' }).click()
    await editor(page).waitFor({ state: 'detached', timeout: 20_000 })
    await expect.poll(weights, { timeout: 15_000 }).toEqual([50, 50])
  })
})
