// kube-apiserver dies and comes back on the same port with the same etcd: watches break and can be
// restarted from where they were, nothing stored is lost. Uses a cluster of its own so that the other
// test files, which share one cluster and run in parallel, are not disturbed.
import { CoreV1Api, type V1ConfigMap } from '@kubernetes/client-node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Cluster, startCluster } from '../../cluster/harness.ts'
import { recordWatch } from '../util.ts'

let cluster: Cluster

beforeAll(async () => {
  cluster = await startCluster({ channel: 'none' })
})

afterAll(async () => {
  await cluster?.stop()
})

describe('restarting kube-apiserver', () => {
  test('breaks watches, which can be started again; stored objects survive', async () => {
    const ns = await cluster.uniqueNamespace('restart')
    const core = cluster.admin.makeApiClient(CoreV1Api)
    const body = (name: string, v: string): V1ConfigMap => ({
      metadata: { name, namespace: ns },
      data: { v },
    })
    const before: V1ConfigMap[] = []
    for (const name of ['one', 'two', 'three']) {
      before.push(await core.createNamespacedConfigMap({ namespace: ns, body: body(name, '1') }))
    }
    const listed = await core.listNamespacedConfigMap({ namespace: ns })
    const watch = await recordWatch(cluster.admin, `/api/v1/namespaces/${ns}/configmaps`, {
      resourceVersion: listed.metadata!.resourceVersion!,
    })
    await core.patchNamespacedConfigMap({
      name: 'one',
      namespace: ns,
      body: [{ op: 'replace', path: '/data/v', value: '2' }],
    })
    const modified = await watch.until((e) => e.type === 'MODIFIED')
    const lastSeen = modified.object.metadata!.resourceVersion!

    const pid = cluster.state.apiserverPid
    const server = cluster.server
    await cluster.restartApiServer()
    expect(cluster.state.apiserverPid).not.toBe(pid)
    expect(cluster.state.restarts).toBe(1)
    expect(cluster.server).toBe(server)

    // The old watch is over: its done callback ran with an error (undici's "terminated": the
    // connection was cut in the middle of the stream).
    const ended = await watch.ended()
    expect(ended.err).toBeInstanceOf(Error)
    const eventsBeforeRestart = watch.events.length

    // Everything stored before the restart is still there, unchanged.
    const after = await core.listNamespacedConfigMap({ namespace: ns })
    const byName = new Map(after.items.map((cm) => [cm.metadata!.name!, cm]))
    expect([...byName.keys()].sort()).toEqual(['one', 'three', 'two'])
    for (const cm of before) {
      const now = byName.get(cm.metadata!.name!)!
      expect(now.metadata?.uid).toBe(cm.metadata?.uid)
      if (cm.metadata!.name !== 'one')
        expect(now.metadata?.resourceVersion).toBe(cm.metadata?.resourceVersion)
    }
    expect(byName.get('one')?.data).toEqual({ v: '2' })

    // Restart the watch the way a client must after the stream broke: list (which gives the current
    // resourceVersion) and watch from there. (Resuming from the last resourceVersion seen may get
    // 410 Gone instead: the restarted watch cache begins at the revision etcd had when it started.)
    const relisted = await core.listNamespacedConfigMap({ namespace: ns })
    const resumed = await recordWatch(cluster.admin, `/api/v1/namespaces/${ns}/configmaps`, {
      resourceVersion: relisted.metadata!.resourceVersion!,
    })
    try {
      await core.deleteNamespacedConfigMap({ name: 'two', namespace: ns })
      await core.createNamespacedConfigMap({ namespace: ns, body: body('four', '1') })
      await resumed.until((e) => e.type === 'ADDED' && e.object.metadata?.name === 'four')
      expect(resumed.events.map((e) => `${e.type} ${e.object.metadata?.name}`)).toEqual([
        'DELETED two',
        'ADDED four',
      ])
      expect(Number(resumed.events[0]?.object.metadata?.resourceVersion)).toBeGreaterThan(Number(lastSeen))
      expect(watch.events.length).toBe(eventsBeforeRestart)
    } finally {
      resumed.stop()
    }
  })

  test('a second restart works too and the admin can still write', async () => {
    await cluster.restartApiServer()
    expect(cluster.state.restarts).toBe(2)
    const ns = await cluster.uniqueNamespace('restart-again')
    const core = cluster.admin.makeApiClient(CoreV1Api)
    const created = await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'x' } } })
    expect(created.metadata?.uid).toBeTruthy()
  })
})
