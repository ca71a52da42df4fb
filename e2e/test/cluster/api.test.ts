// The basics of a real kube-apiserver: CRUD, list/watch with resourceVersions and bookmarks, 410 Gone,
// server-side apply, dry run and optimistic concurrency.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import {
  CoreV1Api,
  type KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
  type V1ConfigMap,
  VersionApi,
} from '@kubernetes/client-node'
import { beforeAll, describe, expect, test } from 'vitest'
import { sharedCluster } from '../cluster.ts'
import { apiError, recordWatch } from '../util.ts'

const cluster = sharedCluster()
const kc = cluster.admin
const core = kc.makeApiClient(CoreV1Api)
const objects = KubernetesObjectApi.makeApiClient(kc)
let ns: string

beforeAll(async () => {
  ns = await cluster.uniqueNamespace('api')
})

const configMap = (
  name: string,
  data: Record<string, string>,
  labels?: Record<string, string>,
): V1ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns, ...(labels ? { labels } : {}) },
  data,
})

describe('a real kube-apiserver', () => {
  test('reports the pinned Kubernetes version', async () => {
    const goMod = readFileSync(path.join(import.meta.dirname, '../../cluster/go.mod'), 'utf8')
    const pinned = /^require k8s\.io\/kubernetes (v\S+)$/m.exec(goMod)?.[1]
    const version = await kc.makeApiClient(VersionApi).getCode()
    expect(pinned).toMatch(/^v1\.36\.\d+$/)
    expect(version.gitVersion).toBe(pinned)
    expect(version.major).toBe('1')
    expect(version.minor).toBe('36')
    expect(cluster.state.kubernetesVersion).toBe(pinned)
  })

  test('creates and lists objects, with a label selector and a resourceVersion', async () => {
    for (const name of ['b', 'a', 'c']) {
      await core.createNamespacedConfigMap({
        namespace: ns,
        body: configMap(`list-${name}`, { n: name }, { set: 'x' }),
      })
    }
    await core.createNamespacedConfigMap({ namespace: ns, body: configMap('list-other', {}, { set: 'y' }) })
    const list = await core.listNamespacedConfigMap({ namespace: ns, labelSelector: 'set=x' })
    expect(list.items.map((cm) => cm.metadata?.name).sort()).toEqual(['list-a', 'list-b', 'list-c'])
    expect(Number(list.metadata?.resourceVersion)).toBeGreaterThan(0)
  })

  test('watch delivers ADDED, MODIFIED and DELETED in order', async () => {
    const start = await core.listNamespacedConfigMap({ namespace: ns, labelSelector: 'watch=order' })
    const watch = await recordWatch(kc, `/api/v1/namespaces/${ns}/configmaps`, {
      labelSelector: 'watch=order',
      resourceVersion: start.metadata!.resourceVersion!,
    })
    try {
      await core.createNamespacedConfigMap({
        namespace: ns,
        body: configMap('watched', { v: '1' }, { watch: 'order' }),
      })
      await core.patchNamespacedConfigMap(
        { name: 'watched', namespace: ns, body: { data: { v: '2' } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      )
      await core.deleteNamespacedConfigMap({ name: 'watched', namespace: ns })
      await watch.until((e) => e.type === 'DELETED')
      expect(watch.events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED'])
      expect(watch.events.map((e) => (e.object as V1ConfigMap).data?.v)).toEqual(['1', '2', '2'])
      const versions = watch.events.map((e) => Number(e.object.metadata?.resourceVersion))
      expect(versions[1]).toBeGreaterThan(versions[0]!)
      expect(versions[2]).toBeGreaterThan(versions[1]!)
    } finally {
      watch.stop()
    }
  })

  test('a streaming list (sendInitialEvents) ends with the initial-events-end bookmark', async () => {
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: configMap('bookmarked', {}, { watch: 'bm' }),
    })
    const watch = await recordWatch(kc, `/api/v1/namespaces/${ns}/configmaps`, {
      labelSelector: 'watch=bm',
      allowWatchBookmarks: true,
      sendInitialEvents: true,
      resourceVersionMatch: 'NotOlderThan',
    })
    try {
      const bookmark = await watch.until((e) => e.type === 'BOOKMARK')
      expect(bookmark.object.metadata?.annotations?.['k8s.io/initial-events-end']).toBe('true')
      expect(watch.events.map((e) => `${e.type} ${e.object.metadata?.name ?? ''}`)).toEqual([
        'ADDED bookmarked',
        'BOOKMARK ',
      ])
    } finally {
      watch.stop()
    }
  })

  test('a watch from a resourceVersion older than the watch cache gets 410 Gone', async () => {
    // The watch cache of a CRD starts when the CRD is installed, long after resourceVersion 1. (Built-in
    // resources start caching at the very beginning, so this would not fail for them on a new cluster.)
    const watch = await recordWatch(kc, `/apis/gateway.networking.k8s.io/v1/namespaces/${ns}/gateways`, {
      resourceVersion: '1',
    })
    try {
      const error = await watch.until((e) => e.type === 'ERROR')
      expect(error.object.code).toBe(410)
      expect(error.object.reason).toBe('Expired')
      expect(error.object.message).toContain('too old resource version: 1')
    } finally {
      watch.stop()
    }
  })

  test('server-side apply records the field manager and reports conflicts between managers', async () => {
    const applied = await objects.patch<KubernetesObject & V1ConfigMap>(
      configMap('applied', { owner: 'first', other: 'x' }),
      undefined,
      undefined,
      'gatemap-first',
      undefined,
      PatchStrategy.ServerSideApply,
    )
    const manager = applied.metadata?.managedFields?.find((f) => f.manager === 'gatemap-first')
    expect(manager?.operation).toBe('Apply')
    expect(JSON.stringify(manager?.fieldsV1)).toContain('f:owner')

    const conflict = await apiError(
      objects.patch(
        configMap('applied', { owner: 'second' }),
        undefined,
        undefined,
        'gatemap-second',
        false,
        PatchStrategy.ServerSideApply,
      ),
      409,
    )
    expect(conflict).toContain('conflict with "gatemap-first"')
    expect(conflict).toContain('.data.owner')

    const forced = await objects.patch<KubernetesObject & V1ConfigMap>(
      configMap('applied', { owner: 'second' }),
      undefined,
      undefined,
      'gatemap-second',
      true,
      PatchStrategy.ServerSideApply,
    )
    expect(forced.data).toEqual({ owner: 'second', other: 'x' })
    const second = forced.metadata?.managedFields?.find((f) => f.manager === 'gatemap-second')
    expect(JSON.stringify(second?.fieldsV1)).toContain('f:owner')
  })

  test('dry run validates and answers but stores nothing', async () => {
    const answer = await core.createNamespacedConfigMap({
      namespace: ns,
      body: configMap('dry', { a: 'b' }),
      dryRun: 'All',
    })
    expect(answer.metadata?.name).toBe('dry')
    expect(answer.metadata?.uid).toBeTruthy()
    await apiError(core.readNamespacedConfigMap({ name: 'dry', namespace: ns }), 404)
    // Dry run still validates: an invalid name is rejected.
    const invalid = await apiError(
      core.createNamespacedConfigMap({ namespace: ns, body: configMap('Not_Valid', {}), dryRun: 'All' }),
      422,
    )
    expect(invalid).toContain('Not_Valid')
  })

  test('an update with a stale resourceVersion is rejected with 409 Conflict', async () => {
    const created = await core.createNamespacedConfigMap({
      namespace: ns,
      body: configMap('cas', { v: '1' }),
    })
    const fresh = await core.replaceNamespacedConfigMap({
      name: 'cas',
      namespace: ns,
      body: { ...created, data: { v: '2' } },
    })
    expect(fresh.metadata?.resourceVersion).not.toBe(created.metadata?.resourceVersion)
    const message = await apiError(
      core.replaceNamespacedConfigMap({ name: 'cas', namespace: ns, body: { ...created, data: { v: '3' } } }),
      409,
    )
    expect(message).toContain('the object has been modified')
    const stored = await core.readNamespacedConfigMap({ name: 'cas', namespace: ns })
    expect(stored.data).toEqual({ v: '2' })
  })
})
