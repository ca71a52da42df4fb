// gatemap serve against the real API server, end to end: a change in the cluster reaches a
// connected tab in order; a tab that reconnects resumes without loss or duplicates.
import { CustomObjectsApi } from '@kubernetes/client-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Cluster } from '../../cluster/harness.ts'
import { sharedCluster } from '../cluster.ts'
import { listKeys } from '../cluster-state.ts'
import { type ServeProcess, startServe } from '../serve-process.ts'
import { connectStream } from '../stream-client.ts'

const GROUP = 'gateway.networking.k8s.io'
let cluster: Cluster
let serve: ServeProcess
let api: CustomObjectsApi

beforeAll(async () => {
  cluster = sharedCluster()
  api = cluster.admin.makeApiClient(CustomObjectsApi)
  serve = await startServe(['--kubeconfig', cluster.adminKubeconfigPath])
  await serve.synced
}, 120_000)
afterAll(() => serve?.stop())

const httpRoute = (namespace: string, name: string, hostnames: string[]) => ({
  apiVersion: `${GROUP}/v1`,
  kind: 'HTTPRoute',
  metadata: { name, namespace },
  spec: { parentRefs: [{ name: 'gw' }], hostnames },
})

describe('watch to WebSocket', () => {
  it('says it is showing the cluster, and which context', () => {
    expect(serve.output()).toMatch(/showing cluster context \S+ \(https:\/\/127\.0\.0\.1:\d+/)
  })

  it('created, changed and deleted objects reach a connected tab in order', async () => {
    const ns = await cluster.uniqueNamespace('stream')
    const tab = await connectStream(() => serve.socket())
    const key = `HTTPRoute/${ns}/r1`
    const params = { group: GROUP, version: 'v1', namespace: ns, plural: 'httproutes' }
    await api.createNamespacedCustomObject({ ...params, body: httpRoute(ns, 'r1', ['a.example']) })
    await tab.until((m) => m.objects.has(key), 30_000, 'the created route')
    await api.patchNamespacedCustomObject({
      ...params,
      name: 'r1',
      body: [{ op: 'replace', path: '/spec/hostnames', value: ['b.example'] }],
    })
    await tab.until(
      (m) => (m.objects.get(key)?.object.spec as { hostnames?: string[] })?.hostnames?.[0] === 'b.example',
      30_000,
      'the change',
    )
    await api.deleteNamespacedCustomObject({ ...params, name: 'r1' })
    await tab.until((m) => !m.objects.has(key), 30_000, 'the deletion')
    const mine = tab.log.filter((e) => e.type === 'delta' && e.namespace === ns)
    expect(mine.map((e) => e.op)).toEqual(['added', 'modified', 'deleted'])
    const seqs = tab.log.filter((e) => e.seq !== undefined && e.type !== 'snapshot').map((e) => e.seq!)
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    expect(new Set(seqs).size).toBe(seqs.length)
    // The stored object carries the cluster's resourceVersion and no managedFields.
    tab.close()
  })

  it('a reconnecting tab resumes from its sequence number without loss or duplicates', async () => {
    const ns = await cluster.uniqueNamespace('resume')
    const params = { group: GROUP, version: 'v1', namespace: ns, plural: 'httproutes' }
    const tab = await connectStream(() => serve.socket())
    await api.createNamespacedCustomObject({ ...params, body: httpRoute(ns, 'before', []) })
    await tab.until((m) => m.objects.has(`HTTPRoute/${ns}/before`), 30_000, 'the first route')
    await tab.reconnect(async () => {
      for (const name of ['away-1', 'away-2', 'away-3']) {
        await api.createNamespacedCustomObject({ ...params, body: httpRoute(ns, name, []) })
      }
      await api.deleteNamespacedCustomObject({ ...params, name: 'before' })
      // Let the server's watch see them before the tab comes back.
      await new Promise((resolve) => setTimeout(resolve, 1500))
    })
    // The replayed deltas come first and `resumed` after them, so wait for both.
    await tab.until(
      (m) =>
        m.objects.has(`HTTPRoute/${ns}/away-3`) &&
        !m.objects.has(`HTTPRoute/${ns}/before`) &&
        tab.log.some((e) => e.type === 'resumed'),
      30_000,
      'the changes made while away, then resumed',
    )
    const types = tab.log.map((e) => e.type)
    expect(types.filter((t) => t === 'snapshot')).toHaveLength(1)
    expect(types).toContain('resumed')
    const mine = tab.log.filter((e) => e.type === 'delta' && e.namespace === ns)
    expect(mine.map((e) => `${e.op}:${e.name}`)).toEqual([
      'added:before',
      'added:away-1',
      'added:away-2',
      'added:away-3',
      'deleted:before',
    ])
    tab.close()
  })

  it("the tab's objects equal the cluster's (every HTTPRoute, Service and Namespace)", async () => {
    const tab = await connectStream(() => serve.socket())
    const listed = await listKeys(cluster)
    await tab.until(
      (m) => listed.every(([key, rv]) => m.objects.get(key)?.object.metadata.resourceVersion === rv),
      30_000,
      'the cluster state',
    )
    for (const entry of tab.mirror.objects.values()) {
      expect(entry.object.metadata).not.toHaveProperty('managedFields')
      if (entry.object.kind === 'Secret') expect(entry.object).not.toHaveProperty('data')
    }
    tab.close()
  })
})
