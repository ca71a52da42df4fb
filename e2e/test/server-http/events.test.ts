// /api/events against the real API server: Events created through both APIs about a route are
// answered once each, newest first; one created later arrives through the watch; an Event about an
// earlier route of the same name is left out. In bearer mode a person who may not list Events is
// told so (forbidden, naming the namespace), and one who may list them only through core v1 still
// sees them.
import { EventsResponseSchema } from '@gatemap/shared'
import { CustomObjectsApi } from '@kubernetes/client-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KubeHttp } from '../../../server/src/sources/cluster/http.ts'
import type { Cluster } from '../../cluster/harness.ts'
import { sharedCluster } from '../cluster.ts'
import { eventRecorder, httpRoute } from '../event-recorder.ts'
import { type ServeProcess, startServe } from '../serve-process.ts'

const GROUP = 'gateway.networking.k8s.io'
let cluster: Cluster
let http: KubeHttp
let ns: string
let routeUid: string
let serve: ServeProcess
let bearer: ServeProcess | undefined

const regarding = () => httpRoute(ns, 'web', routeUid)
const recorder = eventRecorder(() => http, regarding)

/** An Event as a new-style recorder writes it (events.k8s.io/v1). */
const createNewEvent = (name: string, reason: string, lastObserved: string, count: number) =>
  recorder.series({
    name,
    type: 'Normal',
    reason,
    note: `${reason} by the controller`,
    reportingController: 'example.com/gateway-controller',
    eventTime: '2026-01-01T10:00:00.000000Z',
    count,
    lastObservedTime: lastObserved,
  })

/** An Event as an old-style recorder writes it (core v1). */
const createCoreEvent = (name: string, reason: string, last: string, involvedObject = regarding()) =>
  recorder.core({
    name,
    type: 'Warning',
    reason,
    message: `${reason}: backend Service ${ns}/api not found`,
    count: 4,
    component: 'old-controller',
    firstTimestamp: '2026-01-01T09:00:00Z',
    lastTimestamp: last,
    involvedObject,
  })

beforeAll(async () => {
  cluster = sharedCluster()
  http = new KubeHttp(cluster.admin)
  ns = await cluster.uniqueNamespace('events')
  const created = (await cluster.admin.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
    group: GROUP,
    version: 'v1',
    namespace: ns,
    plural: 'httproutes',
    body: {
      apiVersion: `${GROUP}/v1`,
      kind: 'HTTPRoute',
      metadata: { name: 'web', namespace: ns },
      spec: { parentRefs: [{ name: 'gw' }] },
    },
  })) as { metadata: { uid: string } }
  routeUid = created.metadata.uid
  // Timestamps in the past: the API server keeps them as given; the order is what is tested.
  await createCoreEvent('web.old', 'BackendNotFound', '2026-01-01T10:05:00Z')
  await createNewEvent('web.new', 'Accepted', '2026-01-01T10:30:00.000000Z', 7)
  // The same name and kind, but an earlier route (another uid): not about this one.
  await createCoreEvent('web.earlier', 'Deleted', '2026-01-01T10:40:00Z', {
    ...regarding(),
    uid: 'an-earlier-uid',
  })
  // Another route: not selected at all.
  await createCoreEvent('other.event', 'Other', '2026-01-01T10:50:00Z', {
    ...regarding(),
    name: 'other',
    uid: '',
  })
  serve = await startServe(['--kubeconfig', cluster.adminKubeconfigPath])
  await serve.synced
}, 120_000)
afterAll(async () => {
  await serve?.stop()
  await bearer?.stop()
})

const query = () => `/api/events?apiVersion=${GROUP}/v1&kind=HTTPRoute&namespace=${ns}&name=web`

async function events(server: ServeProcess, init: RequestInit & { token?: string } = {}) {
  const response = await server.fetch(query(), init)
  expect(response.status).toBe(200)
  return { body: EventsResponseSchema.parse(await response.json()), etag: response.headers.get('etag') }
}

describe('/api/events against the real API server', () => {
  it('answers the route’s Events from both APIs once each, newest first, with count, source and times', async () => {
    // The route reaches the server's store through its watch; until then uid filtering cannot apply.
    await expect
      .poll(async () => (await events(serve)).body.events.map((e) => e.reason), { timeout: 20_000 })
      .toEqual(['Accepted', 'BackendNotFound'])
    const { body } = await events(serve)
    expect(body.state).toBe('ok')
    expect(body.total).toBe(2)
    expect(body.events[0]).toMatchObject({
      type: 'Normal',
      reason: 'Accepted',
      message: 'Accepted by the controller',
      count: 7,
      source: 'example.com/gateway-controller',
    })
    expect(Date.parse(body.events[0]?.lastSeen ?? '')).toBe(Date.parse('2026-01-01T10:30:00Z'))
    expect(body.events[1]).toMatchObject({
      type: 'Warning',
      reason: 'BackendNotFound',
      count: 4,
      source: 'old-controller',
      firstSeen: '2026-01-01T09:00:00Z',
      lastSeen: '2026-01-01T10:05:00Z',
    })
  })

  it('answers 304 to an unchanged question, and a new Event arrives through the watch', async () => {
    const { etag } = await events(serve)
    expect(etag).toBeTruthy()
    const again = await serve.fetch(query(), { headers: { 'if-none-match': etag ?? '' } })
    expect(again.status).toBe(304)

    await createCoreEvent('web.later', 'ReconcileFailed', '2026-01-01T11:00:00Z')
    await expect
      .poll(async () => (await events(serve)).body.events.map((e) => e.reason), { timeout: 20_000 })
      .toEqual(['ReconcileFailed', 'Accepted', 'BackendNotFound'])
    const changed = await serve.fetch(query(), { headers: { 'if-none-match': etag ?? '' } })
    expect(changed.status).toBe(200)
  })

  describe('bearer mode', () => {
    let nobody: string
    let coreOnly: string
    beforeAll(async () => {
      await cluster.grant(
        { namespace: ns, name: 'route-reader' },
        {
          name: 'route-reader',
          namespace: ns,
          rules: [{ apiGroups: [GROUP], resources: ['httproutes'], verbs: ['get', 'list', 'watch'] }],
        },
      )
      await cluster.grant(
        { namespace: ns, name: 'core-events-reader' },
        {
          name: 'core-events-reader',
          namespace: ns,
          rules: [{ apiGroups: [''], resources: ['events'], verbs: ['list', 'watch'] }],
        },
      )
      nobody = await cluster.serviceAccountToken(ns, 'route-reader')
      coreOnly = await cluster.serviceAccountToken(ns, 'core-events-reader')
      bearer = await startServe(['--kubeconfig', cluster.adminKubeconfigPath, '--auth', 'bearer'])
      await bearer.synced
    }, 120_000)

    it('tells a person who may not list Events so, naming the namespace, instead of an empty list', async () => {
      const server = bearer as ServeProcess
      const { body } = await events(server, { token: nobody })
      expect(body.state).toBe('forbidden')
      expect(body.message).toBe(`You may not list Events in namespace ${ns}.`)
      expect(body.detail).toMatch(/forbidden/)
      expect(body.events).toEqual([])
    })

    it('reads through core v1 for a person who may list Events only there', async () => {
      const server = bearer as ServeProcess
      const { body } = await events(server, { token: coreOnly })
      expect(body.state).toBe('ok')
      expect(body.events.map((e) => e.reason)).toEqual(['ReconcileFailed', 'Accepted', 'BackendNotFound'])
    })
  })
})
