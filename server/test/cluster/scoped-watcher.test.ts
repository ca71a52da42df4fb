// A kind watched only in some namespaces: one list and watch per namespace, each namespace's list
// replacing only its own objects, and one state for the kind that names the namespace in trouble.
// Against the scripted API server of fake-api.ts; the real server is in e2e/test/server.
import type { WireObject } from '@gatemap/shared'
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { ResourceInfo } from '../../src/sources/cluster/discovery.ts'
import { KubeHttp } from '../../src/sources/cluster/http.ts'
import { WatchMetrics } from '../../src/sources/cluster/metrics.ts'
import { ScopedKindWatcher } from '../../src/sources/cluster/scoped-watcher.ts'
import type { WatcherState } from '../../src/sources/cluster/watcher.ts'
import { errorEvent, FakeApiServer, type FakeRequest, FakeWatch, list, status } from './fake-api.ts'

const SERVICES: ResourceInfo = {
  group: '',
  version: 'v1',
  kind: 'Service',
  plural: 'services',
  namespaced: true,
}
const svc = (namespace: string, name: string, resourceVersion: string) => ({
  metadata: { name, namespace, resourceVersion },
})

let fake: FakeApiServer
let watcher: ScopedKindWatcher | undefined
beforeEach(async () => {
  fake = await FakeApiServer.start()
})
afterEach(async () => {
  await watcher?.stop()
  await fake.close()
})

async function until(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

it('lists and watches each namespace at its own path; a list in one replaces only that namespace', async () => {
  const held = new Map<string, WireObject>()
  const states: WatcherState[] = []
  const key = (o: WireObject) => `${o.metadata.namespace}/${o.metadata.name}`
  // Requests arrive in either order: answer each by its path.
  const watches = { shop: new FakeWatch(), web: new FakeWatch() }
  const listed = { shop: 0, web: 0 }
  const byPath = (request: FakeRequest, response: Parameters<FakeWatch['responder']>[1]) => {
    const namespace = request.path.split('/')[4] as 'shop' | 'web'
    if (request.kind === 'list') {
      listed[namespace]++
      const items =
        namespace === 'shop'
          ? listed.shop === 1
            ? [svc('shop', 'cart', '3'), svc('shop', 'pay', '4')]
            : [svc('shop', 'cart', '9')]
          : [svc('web', 'front', '5')]
      list(items, '10')(request, response)
    } else watches[namespace].responder(request, response)
  }
  fake.answer(...Array(6).fill(byPath))
  watcher = new ScopedKindWatcher(
    {
      http: new KubeHttp(fake.kubeConfig()),
      resource: SERVICES,
      metrics: new WatchMetrics(),
      watchList: false,
      backoff: { initialMs: 1, maxMs: 1, jitter: 0 },
      sleep: () => Promise.resolve(),
      sink: {
        replace: (objects) => {
          held.clear()
          for (const o of objects) held.set(key(o), o)
        },
        upsert: (o) => held.set(key(o), o),
        remove: (o) => held.delete(key(o)),
      },
      onState: (state) => states.push(state),
    },
    ['shop', 'web'],
  )
  watcher.start()
  await Promise.all([watches.shop.opened(), watches.web.opened()])
  expect(fake.requests.map((r) => `${r.kind} ${r.path}`).sort()).toEqual([
    'list /api/v1/namespaces/shop/services',
    'list /api/v1/namespaces/web/services',
    'watch /api/v1/namespaces/shop/services',
    'watch /api/v1/namespaces/web/services',
  ])
  await until('both namespaces', () => held.size === 3)
  expect(states.at(-1)).toEqual({ state: 'ok' })

  // shop's watch expires: shop is listed again (from its resourceVersion), and web's objects stay.
  const expiring = watches.shop
  watches.shop = new FakeWatch()
  expiring.send(errorEvent(410, 'Expired'))
  await watches.shop.opened()
  expect(listed).toEqual({ shop: 2, web: 1 })
  expect([...held.keys()].sort()).toEqual(['shop/cart', 'web/front'])
  expect(held.get('shop/cart')?.metadata.resourceVersion).toBe('9')
  const relist = fake.requests.filter((r) => r.kind === 'list').at(-1)
  expect(relist?.path).toBe('/api/v1/namespaces/shop/services')
  expect(relist?.query.get('resourceVersion')).toBe('10')
})

it("the kind's state is the worst of its namespaces', naming the namespace", async () => {
  const states: WatcherState[] = []
  const web = new FakeWatch()
  const byPath = (request: FakeRequest, response: Parameters<FakeWatch['responder']>[1]) => {
    const namespace = request.path.split('/')[4]
    if (namespace === 'infra') status(403, 'Forbidden')(request, response)
    else if (request.kind === 'list') list([svc('web', 'front', '5')], '10')(request, response)
    else web.responder(request, response)
  }
  fake.answer(...Array(3).fill(byPath))
  watcher = new ScopedKindWatcher(
    {
      http: new KubeHttp(fake.kubeConfig()),
      resource: SERVICES,
      metrics: new WatchMetrics(),
      watchList: false,
      forbiddenRetryMs: 60_000,
      sleep: () => new Promise(() => {}),
      sink: { replace: () => {}, upsert: () => {}, remove: () => {} },
      onState: (state) => states.push(state),
    },
    ['web', 'infra'],
  )
  watcher.start()
  await web.opened()
  await until('forbidden', () => states.at(-1)?.state === 'forbidden')
  expect(states.at(-1)?.message).toBe('namespace infra: list: Forbidden (403)')
  expect(watcher.running).toBe(true)
})
