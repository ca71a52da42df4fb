// The dashboard in Chromium against a real kube-apiserver: a route changed in the cluster changes
// the graph in place; with the API server killed the page says the data is not live (and from
// when), and once it is back the page is live again and follows new changes. A cluster of its own,
// because killing the API server would disturb the other test files.
import path from 'node:path'
import { CustomObjectsApi } from '@kubernetes/client-node'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Cluster, startCluster } from '../../cluster/harness.ts'
import { useChromium } from '../browser/chromium.ts'
import { closeDashboard, openDashboard, pageErrors, waitForGraph } from '../browser/dashboard.ts'
import { saveScreenshot } from '../browser/screenshots.ts'
import { type ServeProcess, startServe } from '../serve-process.ts'
import { WEB_DIST } from '../web-dist.ts'

const GROUP = 'gateway.networking.k8s.io'
const web = WEB_DIST
const browser = useChromium()
let cluster: Cluster
let serve: ServeProcess
let api: CustomObjectsApi
let ns: string

const object = (plural: string, body: object) =>
  api.createNamespacedCustomObject({ group: GROUP, version: 'v1', namespace: ns, plural, body })

beforeAll(async () => {
  cluster = await startCluster({ channel: 'standard' })
  api = cluster.admin.makeApiClient(CustomObjectsApi)
  ns = await cluster.uniqueNamespace('live')
  await api.createClusterCustomObject({
    group: GROUP,
    version: 'v1',
    plural: 'gatewayclasses',
    body: {
      apiVersion: `${GROUP}/v1`,
      kind: 'GatewayClass',
      metadata: { name: 'live' },
      spec: { controllerName: 'example.com/live' },
    },
  })
  await object('gateways', {
    apiVersion: `${GROUP}/v1`,
    kind: 'Gateway',
    metadata: { name: 'gw', namespace: ns },
    spec: {
      gatewayClassName: 'live',
      listeners: [{ name: 'http', protocol: 'HTTP', port: 80, hostname: '*.example.com' }],
    },
  })
  await object('httproutes', {
    apiVersion: `${GROUP}/v1`,
    kind: 'HTTPRoute',
    metadata: { name: 'web', namespace: ns },
    spec: { parentRefs: [{ name: 'gw' }], hostnames: ['one.example.com'] },
  })
  serve = await startServe(['--kubeconfig', cluster.adminKubeconfigPath, '--web', web])
  await serve.synced
}, 600_000)
afterAll(async () => {
  await serve?.stop()
  await cluster?.stop()
})

const setHostname = (hostname: string) =>
  api.patchNamespacedCustomObject({
    group: GROUP,
    version: 'v1',
    namespace: ns,
    plural: 'httproutes',
    name: 'web',
    body: [{ op: 'replace', path: '/spec/hostnames', value: [hostname] }],
  })

const routeNode = (page: Page) => page.locator(`.react-flow__node[data-id="Route:HTTPRoute/${ns}/web"]`)
const connection = (page: Page) => page.locator('[data-testid="connection"]')

describe('dashboard against the real API server', () => {
  it('follows a change in the cluster, shows the outage, and recovers', async () => {
    const page = await openDashboard(browser(), serve, { path: `/?sel=Route:HTTPRoute/${ns}/web` })
    const first = await waitForGraph(page)
    await expect(routeNode(page).textContent()).resolves.toContain('one.example.com')
    const other = page.locator(`.react-flow__node[data-id="Listener:Gateway/${ns}/gw#http"]`)
    // The node's place in the graph (its transform), not on screen: the viewport may still be moving.
    const listenerAt = await other.evaluate((el) => (el as HTMLElement).style.transform)

    await setHostname('two.example.com')
    await routeNode(page).filter({ hasText: 'two.example.com' }).waitFor({ timeout: 15_000 })
    expect(await waitForGraph(page, { minSeq: first + 1 })).toBeGreaterThan(first)
    // Updated in place: the listener did not move and the page was not reloaded.
    expect(await other.evaluate((el) => (el as HTMLElement).style.transform)).toBe(listenerAt)
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1)

    const restarted = cluster.restartApiServer(120_000, 12)
    await page.locator('[data-testid="connection"][data-state="source-failing"]').waitFor({ timeout: 30_000 })
    await page.locator('[data-testid="stale"]').waitFor()
    await expect(connection(page).textContent()).resolves.toMatch(/not answering.*Data as of/)
    await saveScreenshot(page, 'cluster-unreachable')
    await restarted

    await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 60_000 })
    await expect(page.locator('[data-testid="stale"]').count()).resolves.toBe(0)
    await setHostname('three.example.com')
    await routeNode(page).filter({ hasText: 'three.example.com' }).waitFor({ timeout: 30_000 })
    expect(pageErrors(page)).toEqual([])
    await closeDashboard(page)
  })

  it('shows that the Gatemap server itself is gone, and that the data is stale', async () => {
    const own = await startServe(['--kubeconfig', cluster.adminKubeconfigPath, '--web', web])
    await own.synced
    const page = await openDashboard(browser(), own)
    await waitForGraph(page)
    await own.stop()
    await page
      .locator(
        '[data-testid="connection"][data-state="reconnecting"], [data-testid="connection"][data-state="disconnected"]',
      )
      .first()
      .waitFor({ timeout: 15_000 })
    await page.locator('[data-testid="stale"]').waitFor()
    await expect(connection(page).textContent()).resolves.toMatch(/Data as of/)
    await closeDashboard(page)
  })
})
