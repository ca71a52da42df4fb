// Kill and restart kube-apiserver while a tab is connected to gatemap serve: the stream recovers,
// and afterwards the tab's state equals the cluster's, object for object. A cluster of its own, so
// the other test files (which share one cluster) are not disturbed.
import { CustomObjectsApi } from '@kubernetes/client-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Cluster, startCluster } from '../../cluster/harness.ts'
import { listKeys } from '../cluster-state.ts'
import { type ServeProcess, startServe } from '../serve-process.ts'
import { connectStream } from '../stream-client.ts'

const GROUP = 'gateway.networking.k8s.io'
let cluster: Cluster
let serve: ServeProcess

beforeAll(async () => {
  cluster = await startCluster({ channel: 'standard' })
  serve = await startServe(['--kubeconfig', cluster.adminKubeconfigPath])
  await serve.synced
}, 600_000)
afterAll(async () => {
  await serve?.stop()
  await cluster?.stop()
})

describe('API server restart mid-stream', () => {
  it('the stream recovers and the tab equals the cluster afterwards', async () => {
    const api = cluster.admin.makeApiClient(CustomObjectsApi)
    const ns = await cluster.uniqueNamespace('restart')
    const params = { group: GROUP, version: 'v1', namespace: ns, plural: 'httproutes' }
    const route = (name: string) => ({
      apiVersion: `${GROUP}/v1`,
      kind: 'HTTPRoute',
      metadata: { name, namespace: ns },
      spec: { parentRefs: [{ name: 'gw' }] },
    })
    const tab = await connectStream(() => serve.socket())
    for (const name of ['a', 'b', 'c'])
      await api.createNamespacedCustomObject({ ...params, body: route(name) })
    await tab.until((m) => m.objects.has(`HTTPRoute/${ns}/c`), 30_000, 'the first routes')

    await cluster.restartApiServer()
    // Changes right after the restart, while gatemap's watches are reconnecting.
    await api.deleteNamespacedCustomObject({ ...params, name: 'a' })
    await api.createNamespacedCustomObject({ ...params, body: route('d') })
    await api.patchNamespacedCustomObject({
      ...params,
      name: 'b',
      body: [{ op: 'add', path: '/spec/hostnames', value: ['after.example'] }],
    })

    const listed = await listKeys(cluster)
    await tab.until(
      (m) => {
        const held = [...m.objects.keys()].filter((k) => /^(HTTPRoute|Service|Namespace)\//.test(k))
        return (
          held.length === listed.length &&
          listed.every(([key, rv]) => m.objects.get(key)?.object.metadata.resourceVersion === rv)
        )
      },
      90_000,
      'the state after the restart',
    )
    expect(tab.mirror.objects.has(`HTTPRoute/${ns}/a`)).toBe(false)
    const b = tab.mirror.objects.get(`HTTPRoute/${ns}/b`)?.object.spec as { hostnames?: string[] }
    expect(b.hostnames).toEqual(['after.example'])
    // The server counted the restarted watches.
    const metrics = await (await serve.fetch('/metrics')).text()
    expect(Number(/gatemap_watch_restarts_total (\d+)/.exec(metrics)?.[1])).toBeGreaterThan(0)
    tab.close()
  })
})
