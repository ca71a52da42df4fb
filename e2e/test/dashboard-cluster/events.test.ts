// The details panel's Events in Chromium against the real kube-apiserver: a selected route shows
// the Events controllers wrote about it (through both Event APIs) newest first, with the type as a
// word; an Event created while the page is open appears at the top without a reload; the section
// passes axe. A person (bearer mode) who may read routes but not Events is told so.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { CustomObjectsApi } from '@kubernetes/client-node'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { KubeHttp } from '../../../server/src/sources/cluster/http.ts'
import type { Cluster } from '../../cluster/harness.ts'
import { formatSeriousViolations, runAxe } from '../browser/axe.ts'
import { useClusterDashboards, waitForGraph } from '../browser/dashboard.ts'
import { saveScreenshot } from '../browser/screenshots.ts'
import { sharedCluster } from '../cluster.ts'
import { eventRecorder, httpRoute, micros, seconds } from '../event-recorder.ts'

const GROUP = 'gateway.networking.k8s.io'
let cluster: Cluster
let http: KubeHttp
let ns: string
let routeUid: string
let readerToken: string

function manifests(namespace: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatemap-events-'))
  writeFileSync(
    path.join(dir, 'objects.yaml'),
    [
      `apiVersion: ${GROUP}/v1\nkind: GatewayClass\nmetadata:\n  name: ${namespace}\nspec:\n  controllerName: example.com/events\n`,
      `apiVersion: ${GROUP}/v1\nkind: Gateway\nmetadata:\n  name: gw\n  namespace: ${namespace}\nspec:\n  gatewayClassName: ${namespace}\n  listeners:\n  - name: http\n    protocol: HTTP\n    port: 80\n`,
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: ${namespace}\nspec:\n  ports:\n  - port: 8080\n`,
      `apiVersion: ${GROUP}/v1\nkind: HTTPRoute\nmetadata:\n  name: web\n  namespace: ${namespace}\nspec:\n  parentRefs:\n  - name: gw\n  rules:\n  - backendRefs:\n    - name: api\n      port: 8080\n`,
    ].join('---\n'),
  )
  return dir
}

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000)
const recorder = eventRecorder(
  () => http,
  () => httpRoute(ns, 'web', routeUid),
)

/** As a controller's old-style recorder would write it (core v1). */
const warn = (name: string, reason: string, message: string, minutesAgo: number) =>
  recorder.core({
    name,
    type: 'Warning',
    reason,
    message,
    count: 3,
    component: 'example.com/gateway-controller',
    firstTimestamp: seconds(ago(minutesAgo + 20)),
    lastTimestamp: seconds(ago(minutesAgo)),
  })

/** As a new-style recorder would write it (events.k8s.io/v1, with a series). */
const normal = (name: string, reason: string, note: string, minutesAgo: number) =>
  recorder.series({
    name,
    type: 'Normal',
    reason,
    note,
    reportingController: 'example.com/gateway-controller',
    eventTime: micros(ago(minutesAgo + 30)),
    count: 2,
    lastObservedTime: micros(ago(minutesAgo)),
  })

beforeAll(async () => {
  cluster = sharedCluster()
  http = new KubeHttp(cluster.admin)
  ns = await cluster.uniqueNamespace('events-ui')
  await cluster.applyFolder(manifests(ns))
  const route = (await cluster.admin.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({
    group: GROUP,
    version: 'v1',
    namespace: ns,
    plural: 'httproutes',
    name: 'web',
  })) as { metadata: { uid: string } }
  routeUid = route.metadata.uid
  await normal('web.programmed', 'Programmed', 'Route programmed on listener http', 9)
  await warn('web.backend', 'BackendNotFound', `Service ${ns}/api has no ready endpoints`, 4)
  await cluster.grant(
    { namespace: ns, name: 'reader' },
    {
      name: 'reader',
      namespace: ns,
      rules: [
        { apiGroups: [GROUP], resources: ['*'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['services'], verbs: ['get', 'list', 'watch'] },
      ],
    },
  )
  readerToken = await cluster.serviceAccountToken(ns, 'reader')
}, 180_000)

const { open, admin, bearer } = useClusterDashboards(() => cluster.adminKubeconfigPath)

const section = (page: Page) => page.locator('[data-testid="events"]')
const reasons = (page: Page) =>
  page
    .locator('[data-testid="event-row"]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-reason')))

describe('Events in the details panel, against the real API server', () => {
  it('shows the selected route’s Events newest first, adds a new one live, and passes axe', async () => {
    const page = await open(admin(), { path: `/?sel=Route:HTTPRoute/${ns}/web` })
    await waitForGraph(page)
    await expect.poll(() => reasons(page), { timeout: 20_000 }).toEqual(['BackendNotFound', 'Programmed'])
    const first = page.locator('[data-testid="event-row"]').first()
    // The type is a word beside its glyph, not a colour alone; the age is counted from the server's clock.
    expect(await first.locator('td').nth(0).textContent()).toMatch(/Warning/)
    expect(await first.locator('td').nth(2).textContent()).toBe('3')
    // Written 4 minutes before the server started; the page may open a minute or two later.
    const lastSeen = /^(\d+)m ago$/.exec((await first.locator('td').nth(3).textContent()) ?? '')
    expect(Number(lastSeen?.[1])).toBeGreaterThanOrEqual(4)
    expect(Number(lastSeen?.[1])).toBeLessThanOrEqual(8)
    expect(await first.locator('td').nth(5).textContent()).toBe('example.com/gateway-controller')
    expect(await page.locator('[data-testid="events-status"]').textContent()).toMatch(
      /^2 Events, newest first/,
    )
    const headers = await section(page).locator('th').allTextContents()
    expect(headers).toEqual(['Type', 'Reason and message', 'Count', 'Last seen', 'First seen', 'Reported by'])

    await warn('web.reconcile', 'ReconcileFailed', 'listener http: address 10.0.0.1 is already in use', 0)
    await expect
      .poll(() => reasons(page), { timeout: 20_000 })
      .toEqual(['ReconcileFailed', 'BackendNotFound', 'Programmed'])
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1)

    expect(formatSeriousViolations(await runAxe(page, { include: '[data-testid="events"]' }))).toBe('')
    await section(page).scrollIntoViewIfNeeded()
    await saveScreenshot(page, 'events')
  })

  it('tells a person who may not list Events so, instead of showing none', async () => {
    const page = await open(bearer(), {
      path: `/?sel=Route:HTTPRoute/${ns}/web`,
      token: readerToken,
    })
    await waitForGraph(page)
    const forbidden = page.locator('[data-testid="events-forbidden"]')
    await forbidden.waitFor({ timeout: 20_000 })
    expect(await forbidden.textContent()).toContain(`You may not list Events in namespace ${ns}.`)
    expect(await page.locator('[data-testid="event-row"]').count()).toBe(0)
    expect(formatSeriousViolations(await runAxe(page, { include: '[data-testid="events"]' }))).toBe('')
  })
})
