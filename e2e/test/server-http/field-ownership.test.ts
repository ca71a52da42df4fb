// Apply owns only what the person changed, on the real API server with the real kubectl: a route
// applied by a GitOps tool (`kubectl apply --server-side --field-manager=gitops`) is edited through
// Gatemap's REST apply; afterwards Gatemap's manager owns only the rules it changed, so when gitops
// drops a label and a hostname from its manifest they are really gone. Fields the person deletes go
// even when gitops set them (a JSON patch after the apply), and a dry run reports the same plan.
import { CustomObjectsApi } from '@kubernetes/client-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Cluster } from '../../cluster/harness.ts'
import { kubectl } from '../../cluster/kubectl.ts'
import { sharedCluster } from '../cluster.ts'
import { type ServeProcess, startServe } from '../serve-process.ts'

const GROUP = 'gateway.networking.k8s.io'
let cluster: Cluster
let serve: ServeProcess
let ns: string
let api: CustomObjectsApi

beforeAll(async () => {
  cluster = sharedCluster()
  api = cluster.admin.makeApiClient(CustomObjectsApi)
  ns = await cluster.uniqueNamespace('owners')
  serve = await startServe(['--kubeconfig', cluster.adminKubeconfigPath])
  await serve.synced
}, 120_000)
afterAll(() => serve?.stop())

interface Entry {
  manager: string
  operation: string
  fieldsV1?: Record<string, unknown>
}
interface Stored {
  metadata: {
    resourceVersion: string
    labels?: Record<string, string>
    annotations?: Record<string, string>
    managedFields: Entry[]
  }
  spec: { hostnames?: string[]; rules: { backendRefs: { name: string; weight?: number }[] }[] }
}
interface Ownership {
  applied: { metadata: Record<string, unknown>; spec?: Record<string, unknown> }
  changed: string[]
  kept: string[]
  removedByApply: string[]
  removedByPatch: { path: string; owners: string[] }[]
}
interface Answer {
  status: number
  body: { object: Stored; ownership: Ownership; message: string; reason: string; dryRun: boolean }
}

const get = (name: string) =>
  api.getNamespacedCustomObject({
    group: GROUP,
    version: 'v1',
    namespace: ns,
    plural: 'httproutes',
    name,
  }) as Promise<Stored>

const fieldsOf = (stored: Stored, manager: string, operation = 'Apply') =>
  stored.metadata.managedFields.find((e) => e.manager === manager && e.operation === operation)?.fieldsV1

async function apply(object: unknown, extra: { dryRun?: boolean; force?: boolean } = {}): Promise<Answer> {
  const response = await serve.fetch('/api/apply', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ object, ...extra }),
  })
  return { status: response.status, body: (await response.json()) as Answer['body'] }
}

/** The route as a person's editor starts from it: what Gatemap serves, resourceVersion included. */
async function fromGatemap(name: string): Promise<Stored & Record<string, unknown>> {
  const response = await serve.fetch(
    `/api/object?kind=HTTPRoute&namespace=${ns}&name=${name}&apiVersion=${GROUP}/v1`,
  )
  expect(response.status).toBe(200)
  return (await response.json()) as Stored & Record<string, unknown>
}

function gitopsManifest(
  name: string,
  // Without a weight the manifest leaves the rules out.
  o: { labels: Record<string, string>; hostnames: string[]; weight?: number },
) {
  return JSON.stringify({
    apiVersion: `${GROUP}/v1`,
    kind: 'HTTPRoute',
    metadata: { name, namespace: ns, labels: o.labels },
    spec: {
      parentRefs: [{ name: 'gw' }],
      hostnames: o.hostnames,
      ...(o.weight === undefined
        ? {}
        : {
            rules: [
              {
                backendRefs: [
                  { name: 'web', port: 80, weight: 1 },
                  { name: 'web-v2', port: 80, weight: o.weight },
                ],
              },
            ],
          }),
    },
  })
}

async function gitopsApply(manifest: string) {
  const result = await kubectl(['apply', '--server-side', '--field-manager=gitops', '-f', '-'], {
    kubeconfig: cluster.adminKubeconfigPath,
    input: manifest,
  })
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
}

/** Waits until Gatemap's store holds the route at least as new as `resourceVersion`. */
async function seen(name: string, resourceVersion: string) {
  for (;;) {
    const route = await fromGatemap(name)
    if (BigInt(route.metadata.resourceVersion) >= BigInt(resourceVersion)) return route
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('apply owns only what the person changed', () => {
  it('gitops drops a label and a hostname after a Gatemap edit of a weight: both are gone', async () => {
    await gitopsApply(
      gitopsManifest('web', {
        labels: { team: 'a', tier: 'front' },
        hostnames: ['a.example', 'b.example'],
        weight: 1,
      }),
    )
    const edited = await seen('web', (await get('web')).metadata.resourceVersion)
    const backend = edited.spec.rules[0]?.backendRefs[1]
    if (!backend) throw new Error('the route has no second backendRef')
    backend.weight = 3

    // The rules are one atomic list that gitops set: changing a weight changes gitops' field, which
    // server-side apply reports as a conflict naming that field alone, not the labels or hostnames.
    const refused = await apply(edited)
    expect(refused.status).toBe(409)
    expect(refused.body.message).toMatch(
      /^Apply failed with 1 conflict: conflict with "gitops": \.spec\.rules$/,
    )

    const dry = await apply(edited, { force: true, dryRun: true })
    const taken = await apply(edited, { force: true })
    expect(taken.status).toBe(200)
    expect(taken.body.ownership.applied).toEqual({
      apiVersion: `${GROUP}/v1`,
      kind: 'HTTPRoute',
      metadata: { name: 'web', namespace: ns },
      spec: { rules: edited.spec.rules },
    })
    expect(taken.body.ownership.changed).toEqual(['spec.rules'])
    // The dry run sent the same apply.
    expect(dry.body.ownership).toEqual(taken.body.ownership)
    expect(dry.body.dryRun).toBe(true)

    const afterEdit = await get('web')
    expect(fieldsOf(afterEdit, 'gatemap')).toEqual({ 'f:spec': { 'f:rules': {} } })

    // gitops drops the label `tier` and the hostname b.example from its manifest, and leaves the rules
    // to the people editing them in Gatemap. What only gitops managed goes; the rules, which Gatemap
    // now manages, stay. (Had Gatemap sent the whole object, it would manage `tier` and b.example too,
    // and both would stay.) Sending the rules again would need them exactly as stored, defaults and
    // all, to share them rather than conflict: an atomic list is one value.
    await gitopsApply(gitopsManifest('web', { labels: { team: 'a' }, hostnames: ['a.example'] }))
    const final = await get('web')
    expect(final.metadata.labels).toEqual({ team: 'a' })
    expect(final.spec.hostnames).toEqual(['a.example'])
    expect(final.spec.rules[0]?.backendRefs.map((b) => b.weight)).toEqual([1, 3])
    expect(fieldsOf(final, 'gatemap')).toEqual({ 'f:spec': { 'f:rules': {} } })
  })

  it('a label gitops set, deleted in Gatemap, is removed by a patch after the apply; the dry run says so first', async () => {
    await gitopsApply(
      gitopsManifest('removal', {
        labels: { team: 'a', tier: 'front' },
        hostnames: ['a.example'],
        weight: 1,
      }),
    )
    const route = await seen('removal', (await get('removal')).metadata.resourceVersion)
    const labels = { ...route.metadata.labels }
    delete labels.tier
    const edited = { ...route, metadata: { ...route.metadata, labels } }

    const dry = await apply(edited, { dryRun: true })
    expect(dry.status).toBe(200)
    expect(dry.body.ownership.removedByPatch).toEqual([{ path: 'metadata.labels.tier', owners: ['gitops'] }])
    expect(dry.body.object.metadata.labels).toEqual({ team: 'a' })
    expect((await get('removal')).metadata.labels).toEqual({ team: 'a', tier: 'front' })

    const done = await apply(edited)
    expect(done.status).toBe(200)
    expect(done.body.ownership).toEqual(dry.body.ownership)
    const stored = await get('removal')
    expect(stored.metadata.labels).toEqual({ team: 'a' })
    // gitops no longer owns what is gone; Gatemap owns nothing, since it changed nothing else.
    expect(JSON.stringify(fieldsOf(stored, 'gitops'))).not.toContain('tier')
    expect(fieldsOf(stored, 'gatemap')).toBeUndefined()
    expect(stored.metadata.managedFields.map((e) => e.manager)).not.toContain('gatemap')
  })

  it('a label only Gatemap set is removed by leaving it out of the apply', async () => {
    await gitopsApply(
      gitopsManifest('own-label', { labels: { team: 'a' }, hostnames: ['a.example'], weight: 1 }),
    )
    const route = await seen('own-label', (await get('own-label')).metadata.resourceVersion)
    const added = await apply({
      ...route,
      metadata: { ...route.metadata, labels: { team: 'a', reviewed: 'yes' } },
    })
    expect(added.status).toBe(200)
    expect(fieldsOf(await get('own-label'), 'gatemap')).toEqual({
      'f:metadata': { 'f:labels': { 'f:reviewed': {} } },
    })

    const again = await seen('own-label', added.body.object.metadata.resourceVersion)
    const removed = await apply({ ...again, metadata: { ...again.metadata, labels: { team: 'a' } } })
    expect(removed.status).toBe(200)
    expect(removed.body.ownership.removedByApply).toEqual(['metadata.labels.reviewed'])
    expect(removed.body.ownership.removedByPatch).toEqual([])
    expect((await get('own-label')).metadata.labels).toEqual({ team: 'a' })
  })

  it("kubectl's last-applied record and server metadata are never sent", async () => {
    const manifest = gitopsManifest('client-side', {
      labels: { team: 'a' },
      hostnames: ['a.example'],
      weight: 1,
    })
    const created = await kubectl(['apply', '-f', '-'], {
      kubeconfig: cluster.adminKubeconfigPath,
      input: manifest,
    })
    expect(created.code).toBe(0)
    const before = await get('client-side')
    const record = before.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']
    expect(record).toBeTruthy()
    const route = await seen('client-side', before.metadata.resourceVersion)
    const backend = route.spec.rules[0]?.backendRefs[0]
    if (!backend) throw new Error('the route has no backendRef')
    backend.weight = 7
    const done = await apply(route, { force: true })
    expect(done.status).toBe(200)
    expect(done.body.ownership.applied.metadata).toEqual({ name: 'client-side', namespace: ns })
    const after = await get('client-side')
    expect(fieldsOf(after, 'gatemap')).toEqual({ 'f:spec': { 'f:rules': {} } })
    expect(after.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBe(record)
  })

  it('a Gateway listener is owned setting by setting: a port edit owns that port; a deleted listener goes', async () => {
    const gateway = {
      apiVersion: `${GROUP}/v1`,
      kind: 'Gateway',
      metadata: { name: 'gw', namespace: ns },
      spec: {
        gatewayClassName: 'example',
        listeners: [
          { name: 'http', port: 80, protocol: 'HTTP' },
          { name: 'extra', port: 8080, protocol: 'HTTP' },
        ],
      },
    }
    await gitopsApply(JSON.stringify(gateway))
    const read = async () =>
      (await api.getNamespacedCustomObject({
        group: GROUP,
        version: 'v1',
        namespace: ns,
        plural: 'gateways',
        name: 'gw',
      })) as Stored & {
        spec: { listeners: { name: string; port: number }[] }
      }
    const stored = await read()
    const edited = {
      ...stored,
      metadata: { name: 'gw', namespace: ns, resourceVersion: stored.metadata.resourceVersion },
      spec: { ...stored.spec, listeners: [{ ...stored.spec.listeners[0], port: 81 }] },
    }
    const done = await apply(edited, { force: true })
    expect(done.status).toBe(200)
    expect(done.body.ownership.applied.spec).toEqual({ listeners: [{ name: 'http', port: 81 }] })
    expect(done.body.ownership.removedByPatch).toEqual([
      { path: 'spec.listeners[name=extra]', owners: ['gitops'] },
    ])
    const after = await read()
    expect(after.spec.listeners.map((l) => [l.name, l.port])).toEqual([['http', 81]])
    // What the API server records is exactly what shape.ts predicted: the item, its key, the port.
    expect(fieldsOf(after, 'gatemap')).toEqual({
      'f:spec': { 'f:listeners': { 'k:{"name":"http"}': { '.': {}, 'f:name': {}, 'f:port': {} } } },
    })
  })

  it('a stale draft is still a 409 with the current object, and nothing is written', async () => {
    await gitopsApply(
      gitopsManifest('stale', { labels: { team: 'a', tier: 'x' }, hostnames: ['a.example'], weight: 1 }),
    )
    const route = await seen('stale', (await get('stale')).metadata.resourceVersion)
    await gitopsApply(
      gitopsManifest('stale', { labels: { team: 'b', tier: 'x' }, hostnames: ['a.example'], weight: 1 }),
    )
    const labels = { team: 'a' }
    const answer = await apply({ ...route, metadata: { ...route.metadata, labels } })
    expect(answer.status).toBe(409)
    expect(answer.body.reason).toBe('Conflict')
    expect((answer.body as unknown as { current: Stored }).current.metadata.labels).toEqual({
      team: 'b',
      tier: 'x',
    })
    expect((await get('stale')).metadata.labels).toEqual({ team: 'b', tier: 'x' })
  })
})
