// The cluster source against the shared real API server: changes reach the store in order, Secrets
// arrive as metadata only, a kind the user may not list shows `forbidden`, and a 410 from the server
// makes the source relist.

import { readFileSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { knownPolicyKind, type StreamEvent } from '@gatemap/shared'
import { KubeConfig } from '@kubernetes/client-node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { KubeHttp } from '../../../server/src/sources/cluster/http.ts'
import { sharedCluster } from '../cluster.ts'
import { FAST, GATEWAY, httpRoute, kindState, makeSource, until } from './source-helpers.ts'

const cluster = sharedCluster()
const admin = new KubeHttp(cluster.admin)
const { store, source } = makeSource(cluster.admin, {
  ...FAST,
  onRaw: (resource, raw, phase) => {
    if (resource.kind === 'Secret') rawSecrets.push({ raw: raw as Record<string, unknown>, phase })
  },
})
const rawSecrets: { raw: Record<string, unknown>; phase: string }[] = []
let ns: string

beforeAll(async () => {
  ns = await cluster.uniqueNamespace('source-watch')
  // One Secret before the start, so the initial list has one to show.
  await admin.request('POST', `/api/v1/namespaces/${ns}/secrets`, {
    body: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'listed' },
      stringData: { password: 'listed-secret' },
    },
  })
  const started = Date.now()
  await source.start()
  process.stderr.write(`cluster source started in ${Date.now() - started} ms\n`)
})

afterAll(async () => {
  await source.stop()
})

const routes = (namespace: string) => `/apis/${GATEWAY}/v1/namespaces/${namespace}/httproutes`

describe('ClusterSource on the shared cluster', () => {
  test('start() leaves every known kind ok, watched at its preferred version', () => {
    expect(source.ready()).toBe(true)
    // The implementations' policy kinds this cluster does not serve say so (policies.test.ts).
    const states = store
      .kindStates()
      .filter((s) => !(s.state === 'not-installed' && knownPolicyKind(s.group, s.kind)))
    expect(states.length).toBe(14)
    for (const state of states) expect(state.state, `${state.kind}: ${state.message}`).toBe('ok')
    expect(kindState(store, 'HTTPRoute')?.version).toBe('v1')
    expect(kindState(store, 'Namespace', '')?.count).toBeGreaterThan(0)
  })

  test('create, modify and delete of an HTTPRoute reach the store in order', async () => {
    const events: StreamEvent[] = []
    const off = store.subscribe((e) => {
      if (e.type === 'delta' && e.object.kind === 'HTTPRoute' && e.object.metadata.namespace === ns)
        events.push(e)
    })
    try {
      const created = await admin.request('POST', routes(ns), {
        body: httpRoute(ns, 'ordered', { hostnames: ['a.example'] }),
      })
      const rv1 = (created.body as { metadata: { resourceVersion: string } }).metadata.resourceVersion
      await admin.request('PATCH', `${routes(ns)}/ordered`, {
        headers: { 'content-type': 'application/merge-patch+json' },
        body: { spec: { hostnames: ['b.example'] } },
      })
      await admin.request('DELETE', `${routes(ns)}/ordered`)
      await until(store, () => events.length >= 3, 'three HTTPRoute deltas')
      expect(events.map((e) => (e.type === 'delta' ? e.op : e.type))).toEqual([
        'added',
        'modified',
        'deleted',
      ])
      const [added, modified] = events
      if (added?.type !== 'delta' || modified?.type !== 'delta') throw new Error('unexpected events')
      expect(added.object.metadata.resourceVersion).toBe(rv1)
      expect((modified.object.spec as { hostnames: string[] }).hostnames).toEqual(['b.example'])
      expect(modified.object.metadata).not.toHaveProperty('managedFields')
      expect(store.get('HTTPRoute', ns, 'ordered')).toBeUndefined()
      expect(source.metrics.eventsOf(`${GATEWAY}/HTTPRoute`)).toBeGreaterThanOrEqual(3)
    } finally {
      off()
    }
  })

  test('Secrets and ConfigMaps arrive as metadata only; the raw answers were PartialObjectMetadata', async () => {
    await admin.request('POST', `/api/v1/namespaces/${ns}/secrets`, {
      body: {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'tls', labels: { app: 'web' } },
        type: 'kubernetes.io/tls',
        stringData: { 'tls.crt': 'not-really-a-cert', 'tls.key': 'very-secret-key' },
      },
    })
    await admin.request('POST', `/api/v1/namespaces/${ns}/configmaps`, {
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ca' }, data: { 'ca.crt': 'pem' } },
    })
    const secret = await until(store, () => store.get('Secret', ns, 'tls'), 'the Secret in the store')
    const configMap = await until(store, () => store.get('ConfigMap', ns, 'ca'), 'the ConfigMap in the store')
    expect(secret.object).toMatchObject({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { labels: { app: 'web' } },
    })
    expect(Object.keys(secret.object).sort()).toEqual(['apiVersion', 'kind', 'metadata'])
    expect(Object.keys(configMap.object).sort()).toEqual(['apiVersion', 'kind', 'metadata'])
    expect(JSON.stringify([...store.all()])).not.toMatch(/very-secret-key|listed-secret/)
    expect(store.get('Secret', ns, 'listed')).toBeDefined()

    // Both the initial list and the watch event came from the server without data.
    const ours = rawSecrets.filter((r) => (r.raw.metadata as { namespace?: string }).namespace === ns)
    expect(ours.map((r) => r.phase)).toContain('watch')
    expect(ours.find((r) => r.phase === 'list')?.raw).toMatchObject({ metadata: { name: 'listed' } })
    for (const { raw } of rawSecrets) {
      expect(raw.kind).toBe('PartialObjectMetadata')
      expect(raw.apiVersion).toBe('meta.k8s.io/v1')
      expect(raw).not.toHaveProperty('data')
      expect(raw).not.toHaveProperty('stringData')
    }
  })

  test('a kind the user may not list shows forbidden, with the API server message', async () => {
    const restricted = makeSource(cluster.restricted, FAST, 'restricted')
    try {
      await restricted.source.start()
      const state = kindState(restricted.store, 'HTTPRoute')
      expect(state?.state).toBe('forbidden')
      expect(state?.message).toMatch(/cannot (list|watch) resource "httproutes"/)
      expect(state?.retryAt).toBeTruthy()
      expect(kindState(restricted.store, 'Secret', '')?.state).toBe('forbidden')
      expect(restricted.store.countOf(GATEWAY, 'HTTPRoute')).toBe(0)
    } finally {
      await restricted.source.stop()
    }
  })

  test('a watch answered with 410 Expired makes the source list again at once, from its last resourceVersion', async () => {
    // A loopback proxy sends the source's first HTTPRoute watch to the real server with
    // resourceVersion=1, far older than the CRD's watch cache: the server answers with an ERROR
    // event carrying 410, exactly what a watch resumed from a compacted resourceVersion gets.
    let rewritten = 0
    const ca = readFileSync(cluster.state.caFile)
    const proxy = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', cluster.server)
      if (url.pathname.endsWith('/httproutes') && url.searchParams.get('watch') && rewritten === 0) {
        url.searchParams.set('resourceVersion', '1')
        rewritten++
      }
      const upstream = https.request(
        url,
        { method: req.method, headers: { ...req.headers, host: url.host }, ca },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers)
          up.pipe(res)
        },
      )
      upstream.on('error', () => res.destroy())
      res.on('close', () => upstream.destroy())
      req.pipe(upstream)
    })
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
    const kc = new KubeConfig()
    kc.loadFromOptions({
      clusters: [
        {
          name: 'proxy',
          server: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
          skipTLSVerify: true,
        },
      ],
      users: [{ name: 'admin', token: cluster.admin.getCurrentUser()?.token ?? '' }],
      contexts: [{ name: 'proxy', cluster: 'proxy', user: 'admin' }],
      currentContext: 'proxy',
    })
    // A plain list and watch: with WatchList the state and the changes share one stream, and no
    // second watch request would come for the proxy to rewrite.
    const proxied = makeSource(kc, { ...FAST, watchList: false }, 'proxied')
    try {
      await proxied.source.start()
      await until(proxied.store, () => proxied.source.metrics.relists >= 1, 'a relist after the 410')
      expect(rewritten).toBe(1)
      expect(proxied.source.metrics.watchRestarts).toBeGreaterThanOrEqual(1)
      // After the relist the watch works: a new route arrives.
      await admin.request('POST', routes(ns), { body: httpRoute(ns, 'after-410') })
      await until(
        proxied.store,
        () => proxied.store.get('HTTPRoute', ns, 'after-410'),
        'the route after the relist',
      )
      expect(kindState(proxied.store, 'HTTPRoute')?.state).toBe('ok')
    } finally {
      await proxied.source.stop()
      proxy.closeAllConnections()
      await new Promise((resolve) => proxy.close(resolve))
    }
  })
})
