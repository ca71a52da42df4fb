// gatemap serve --namespace against the real API server, end to end: the tab is told the scope
// (source and kind states), holds only the scoped namespace's objects, and follows changes there.
import { CustomObjectsApi } from '@kubernetes/client-node'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { sharedCluster } from '../cluster.ts'
import { type ServeProcess, startServe } from '../serve-process.ts'
import { connectStream } from '../stream-client.ts'

const GROUP = 'gateway.networking.k8s.io'
const cluster = sharedCluster()
const api = cluster.admin.makeApiClient(CustomObjectsApi)
let serve: ServeProcess
let inside: string
let outside: string

const create = (namespace: string, name: string) =>
  api.createNamespacedCustomObject({
    group: GROUP,
    version: 'v1',
    namespace,
    plural: 'httproutes',
    body: { apiVersion: `${GROUP}/v1`, kind: 'HTTPRoute', metadata: { name, namespace }, spec: {} },
  })

beforeAll(async () => {
  inside = await cluster.uniqueNamespace('scope-in')
  outside = await cluster.uniqueNamespace('scope-out')
  await create(inside, 'listed')
  await create(outside, 'elsewhere')
  serve = await startServe(['--kubeconfig', cluster.adminKubeconfigPath, '--namespace', inside])
  await serve.synced
}, 120_000)
afterAll(() => serve?.stop())

it('says the scope, holds only that namespace, and follows changes there', async () => {
  expect(serve.output()).toContain(`namespaced kinds are watched only in ${inside}`)
  const tab = await connectStream(() => serve.socket())
  try {
    await tab.until((m) => m.objects.has(`HTTPRoute/${inside}/listed`), 30_000, 'the scoped route')
    expect(tab.mirror.source?.namespaces).toEqual([inside])
    const routes = [...tab.mirror.kinds.values()].find((k) => k.kind === 'HTTPRoute')
    expect(routes).toMatchObject({ state: 'ok', namespaces: [inside] })
    const namespaces = new Set(
      [...tab.mirror.objects.values()].map((e) => e.object.metadata.namespace).filter(Boolean),
    )
    expect([...namespaces]).toEqual([inside])
    await create(inside, 'added')
    await tab.until((m) => m.objects.has(`HTTPRoute/${inside}/added`), 30_000, 'the new route')
    expect(tab.mirror.objects.has(`HTTPRoute/${outside}/elsewhere`)).toBe(false)
  } finally {
    tab.close()
  }
})
