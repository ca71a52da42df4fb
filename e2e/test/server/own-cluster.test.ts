// The cluster source on a cluster of its own (it installs CRDs and kills kube-apiserver, which would
// disturb the shared one): Gateway API CRDs installed while running start their watches, removed
// ones turn not-installed, and after a kube-apiserver restart the store equals the cluster again.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { knownPolicyKind } from '@gatemap/shared'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { KubeHttp } from '../../../server/src/sources/cluster/http.ts'
import { CLUSTER_SCRIPT, type Cluster, startCluster } from '../../cluster/harness.ts'
import { clusterView, GATEWAY, httpRoute, kindState, makeSource, storeView, until } from './source-helpers.ts'

let cluster: Cluster
let source: ReturnType<typeof makeSource>
let admin: KubeHttp

beforeAll(async () => {
  cluster = await startCluster({ channel: 'none' })
  admin = new KubeHttp(cluster.admin)
  source = makeSource(cluster.admin)
  await source.source.start()
})

afterAll(async () => {
  await source?.source.stop()
  await cluster?.stop()
})

const crdDir = () => execFileSync('bash', [CLUSTER_SCRIPT, 'crds', 'standard'], { encoding: 'utf8' }).trim()

describe('ClusterSource on a cluster of its own', () => {
  test('without Gateway API CRDs every Gateway API kind is not-installed and core kinds are ok', () => {
    expect(kindState(source.store, 'HTTPRoute')).toMatchObject({
      state: 'not-installed',
      version: null,
      count: 0,
    })
    expect(kindState(source.store, 'Gateway')?.state).toBe('not-installed')
    expect(kindState(source.store, 'Service', '')?.state).toBe('ok')
    expect(source.crds.all()).toEqual([])
  })

  test('a CRD installed while running goes not-installed → ok without a restart; removed, not-installed again', async () => {
    const ns = await cluster.uniqueNamespace('crd-live')
    const states: string[] = []
    const off = source.store.subscribe((e) => {
      if (e.type === 'kind-state' && e.state.kind === 'HTTPRoute') states.push(e.state.state)
    })
    try {
      await cluster.applyFolder(join(crdDir(), 'gateway.networking.k8s.io_httproutes.yaml'))
      await until(
        source.store,
        () => kindState(source.store, 'HTTPRoute')?.state === 'ok',
        'HTTPRoute ok',
        60_000,
      )
      expect(kindState(source.store, 'HTTPRoute')?.version).toBe('v1')
      expect(source.crds.forKind(GATEWAY, 'HTTPRoute')?.spec.names.plural).toBe('httproutes')
      expect(kindState(source.store, 'Gateway')?.state).toBe('not-installed')

      await admin.request('POST', `/apis/${GATEWAY}/v1/namespaces/${ns}/httproutes`, {
        body: httpRoute(ns, 'new-kind'),
      })
      await until(source.store, () => source.store.get('HTTPRoute', ns, 'new-kind'), 'the first HTTPRoute')
      expect(states.at(-1)).toBe('ok')
      expect(states).toContain('pending')

      await admin.request(
        'DELETE',
        '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/httproutes.gateway.networking.k8s.io',
      )
      await until(
        source.store,
        () => kindState(source.store, 'HTTPRoute')?.state === 'not-installed',
        'HTTPRoute gone',
        60_000,
      )
      expect(source.store.countOf(GATEWAY, 'HTTPRoute')).toBe(0)
      expect(source.crds.forKind(GATEWAY, 'HTTPRoute')).toBeUndefined()
    } finally {
      off()
    }
  })

  test('after kube-apiserver restarts, the store recovers to equal the cluster', {
    timeout: 120_000,
  }, async () => {
    await cluster.applyFolder(join(crdDir(), 'gateway.networking.k8s.io_gateways.yaml'))
    await until(source.store, () => kindState(source.store, 'Gateway')?.state === 'ok', 'Gateway ok', 60_000)
    const ns = await cluster.uniqueNamespace('restart')
    const gateway = (name: string) => ({
      apiVersion: `${GATEWAY}/v1`,
      kind: 'Gateway',
      metadata: { name, namespace: ns },
      spec: { gatewayClassName: 'x', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] },
    })
    for (const name of ['one', 'two', 'three']) {
      await admin.request('POST', `/apis/${GATEWAY}/v1/namespaces/${ns}/gateways`, { body: gateway(name) })
    }
    await until(source.store, () => source.store.get('Gateway', ns, 'three'), 'the gateways')
    const restartsBefore = source.source.metrics.watchRestarts

    await cluster.restartApiServer()
    // Changes right after the restart, while the source may still be reconnecting.
    await admin.request('DELETE', `/apis/${GATEWAY}/v1/namespaces/${ns}/gateways/one`)
    await admin.request('PATCH', `/apis/${GATEWAY}/v1/namespaces/${ns}/gateways/two`, {
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { metadata: { labels: { changed: 'yes' } } },
    })
    await admin.request('POST', `/apis/${GATEWAY}/v1/namespaces/${ns}/gateways`, { body: gateway('four') })
    await admin.request('POST', `/api/v1/namespaces/${ns}/configmaps`, {
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after-restart' } },
    })

    const expected = await clusterView(cluster.admin)
    await until(
      source.store,
      () => JSON.stringify(storeView(source.store)) === JSON.stringify(expected),
      'the store to equal the cluster',
      60_000,
    )
    expect(storeView(source.store)).toEqual(await clusterView(cluster.admin))
    expect(source.source.metrics.watchRestarts).toBeGreaterThan(restartsBefore)
    for (const state of source.store.kindStates()) {
      // The implementations' policy kinds (no CRDs here) say not-installed too.
      const absent =
        (state.group === GATEWAY && !['Gateway'].includes(state.kind)) ||
        knownPolicyKind(state.group, state.kind)
      expect(state.state, state.kind).toBe(absent ? 'not-installed' : 'ok')
    }
  })
})
