// The cluster source against the real kube-apiserver (v1.36, WatchList on by default), seen through
// a recording proxy: the state of every kind comes from a WatchList stream rather than a list; a
// dropped connection reopens each watch from its last resourceVersion without reading any state
// again; a 410 reads the state again from the last resourceVersion; and a namespace scope lets a
// person whose rights stop at one namespace watch it.
import { knownPolicyKind } from '@gatemap/shared'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CrdRegistry } from '../../../server/src/crds/registry.ts'
import { ClusterSource } from '../../../server/src/sources/cluster/cluster-source.ts'
import { KubeHttp } from '../../../server/src/sources/cluster/http.ts'
import { ResourceStore } from '../../../server/src/store/resource-store.ts'
import { VERSION } from '../../../server/src/version.ts'
import { sharedCluster } from '../cluster.ts'
import { RecordingProxy } from './recording-proxy.ts'
import { FAST, GATEWAY, httpRoute, kindState, makeSource, until } from './source-helpers.ts'

const cluster = sharedCluster()
const admin = new KubeHttp(cluster.admin)
const routes = (namespace: string) => `/apis/${GATEWAY}/v1/namespaces/${namespace}/httproutes`
const isRoutes = (path: string) => path.endsWith('/httproutes')

let proxy: RecordingProxy
let ns: string
beforeAll(async () => {
  proxy = await RecordingProxy.start(cluster)
  ns = await cluster.uniqueNamespace('watch-list')
  await admin.request('POST', routes(ns), { body: httpRoute(ns, 'before-start') })
})
afterAll(() => proxy.close())

describe('WatchList, dropped connections and 410 against the real API server', () => {
  test('every kind gets its state from a WatchList stream; nothing is listed', async () => {
    const proxied = makeSource(proxy.kubeConfig(proxy.adminToken), FAST, 'proxied')
    try {
      await proxied.source.start()
      for (const state of proxied.store.kindStates()) {
        // The implementations' policy kinds this cluster does not serve say so (policies.test.ts).
        if (state.state === 'not-installed' && knownPolicyKind(state.group, state.kind)) continue
        expect(state.state, state.kind).toBe('ok')
      }
      expect(proxied.store.get('HTTPRoute', ns, 'before-start')).toBeDefined()
      // Discovery (GET /apis/<group>[/<version>]) is not a read of objects.
      const discovery = /^\/apis?(\/[^/]+){0,2}$/
      const reads = proxy.requests.filter(
        (r) => (r.kind === 'list' && !discovery.test(r.path)) || r.kind.startsWith('watch'),
      )
      expect(reads.filter((r) => r.kind === 'list').map((r) => r.path)).toEqual([])
      const first = reads.find((r) => isRoutes(r.path))
      expect(first?.kind).toBe('watch-list')
      expect(first?.query.get('resourceVersionMatch')).toBe('NotOlderThan')
      expect(first?.query.has('resourceVersion')).toBe(false)

      // Changes arrive on the same stream.
      await admin.request('POST', routes(ns), { body: httpRoute(ns, 'after-start') })
      await until(proxied.store, () => proxied.store.get('HTTPRoute', ns, 'after-start'), 'the new route')
      expect(proxied.source.metrics.relists).toBe(0)

      // A dropped network: every watch is reopened from its last resourceVersion, no state is read again.
      const before = proxy.requests.length
      const cut = proxy.cutWatches()
      expect(cut).toBeGreaterThanOrEqual(14)
      await until(
        proxied.store,
        () => proxy.requests.slice(before).filter((r) => r.kind === 'watch').length >= cut,
        'every watch reopened',
      )
      const reopened = proxy.requests.slice(before).filter((r) => !discovery.test(r.path))
      expect(reopened.filter((r) => r.kind !== 'watch')).toEqual([])
      for (const r of reopened) expect(Number(r.query.get('resourceVersion')), r.path).toBeGreaterThan(0)
      await admin.request('POST', routes(ns), { body: httpRoute(ns, 'after-cut') })
      await until(
        proxied.store,
        () => proxied.store.get('HTTPRoute', ns, 'after-cut'),
        'the route after the cut',
      )
      expect(proxied.source.metrics.relists).toBe(0)
      expect(proxied.source.metrics.watchRestarts).toBeGreaterThanOrEqual(cut)

      // A 410: the real server refuses a watch from a compacted resourceVersion; the state is
      // streamed again from the last resourceVersion seen, which the watch cache can serve.
      let rewritten = ''
      proxy.rewrite = (url) => {
        if (!isRoutes(url.pathname) || url.searchParams.get('watch') !== '1') return false
        rewritten = url.searchParams.get('resourceVersion') ?? ''
        url.searchParams.set('resourceVersion', '1')
        return true
      }
      const mark = proxy.requests.length
      proxy.cutWatches()
      await until(
        proxied.store,
        () => proxied.source.metrics.relists >= 1,
        'the state read again after the 410',
      )
      const again = proxy.requests.slice(mark).filter((r) => isRoutes(r.path) && r.kind === 'watch-list')
      expect(again[0]?.query.get('resourceVersion')).toBe(rewritten)
      expect(again[0]?.query.get('resourceVersionMatch')).toBe('NotOlderThan')
      expect(proxy.requests.slice(mark).filter((r) => r.kind === 'list' && !discovery.test(r.path))).toEqual(
        [],
      )
      await admin.request('POST', routes(ns), { body: httpRoute(ns, 'after-410') })
      await until(
        proxied.store,
        () => proxied.store.get('HTTPRoute', ns, 'after-410'),
        'the route after the 410',
      )
      expect(kindState(proxied.store, 'HTTPRoute')?.state).toBe('ok')
      // Audit logs name Gatemap: every request carried its User-Agent.
      expect(new Set(proxy.requests.map((r) => r.userAgent))).toEqual(new Set([`gatemap/${VERSION}`]))
    } finally {
      await proxied.source.stop()
    }
  })
})

describe('a namespace scope (serve --namespace)', () => {
  test('a person whose rights stop at one namespace watches it: ok there, out of scope elsewhere', async () => {
    const other = await cluster.uniqueNamespace('watch-list-other')
    await admin.request('POST', routes(other), { body: httpRoute(other, 'elsewhere') })
    const account = { namespace: ns, name: 'scoped' }
    const token = await cluster.serviceAccountToken(ns, 'scoped')
    await cluster.grant(account, {
      name: 'scoped-read',
      namespace: ns,
      rules: [
        { apiGroups: [GATEWAY], resources: ['*'], verbs: ['get', 'list', 'watch'] },
        {
          apiGroups: [''],
          resources: ['services', 'secrets', 'configmaps'],
          verbs: ['get', 'list', 'watch'],
        },
      ],
    })
    const kc = proxy.kubeConfig(token)
    const scoped = (namespaces?: string[]) => {
      const store = new ResourceStore()
      const source = new ClusterSource({
        store,
        crds: new CrdRegistry(),
        loaded: { kc, context: 'scoped', from: [] },
        tuning: FAST,
        ...(namespaces ? { namespaces } : {}),
      })
      return { store, source }
    }

    // Cluster-wide, HTTPRoutes are forbidden to this person.
    const wide = scoped()
    try {
      await wide.source.start()
      expect(kindState(wide.store, 'HTTPRoute')?.state).toBe('forbidden')
    } finally {
      await wide.source.stop()
    }

    const mark = proxy.requests.length
    const narrow = scoped([ns])
    try {
      await narrow.source.start()
      expect(narrow.source.info.namespaces).toEqual([ns])
      const routesState = kindState(narrow.store, 'HTTPRoute')
      expect(routesState).toMatchObject({ state: 'ok', namespaces: [ns] })
      expect(kindState(narrow.store, 'Service', '')).toMatchObject({ state: 'ok', namespaces: [ns] })
      expect(narrow.store.get('HTTPRoute', ns, 'before-start')).toBeDefined()
      expect(narrow.store.get('HTTPRoute', other, 'elsewhere')).toBeUndefined()
      // Cluster-scoped kinds are still asked cluster-wide, and refused.
      expect(kindState(narrow.store, 'GatewayClass')?.state).toBe('forbidden')
      const routeReads = proxy.requests.slice(mark).filter((r) => isRoutes(r.path))
      expect(routeReads.length).toBeGreaterThan(0)
      for (const r of routeReads) expect(r.path).toBe(routes(ns))
      await admin.request('POST', routes(ns), { body: httpRoute(ns, 'scoped-new') })
      await until(narrow.store, () => narrow.store.get('HTTPRoute', ns, 'scoped-new'), 'a new route in scope')
    } finally {
      await narrow.source.stop()
    }
  })
})
