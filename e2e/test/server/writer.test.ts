// The cluster source's Writer and visibility() against the real API server: server-side apply with
// field manager gatemap, dry runs that leave nothing behind, conflicts with the current object, CEL
// rejections with their causes, and a restricted person's own token reaching RBAC.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { KubeHttp } from '../../../server/src/sources/cluster/http.ts'
import { WriteError, type Writer } from '../../../server/src/sources/source.ts'
import { sharedCluster } from '../cluster.ts'
import { GATEWAY, httpRoute, makeSource } from './source-helpers.ts'

const cluster = sharedCluster()
const admin = new KubeHttp(cluster.admin)
const { source } = makeSource(cluster.admin)
let ns: string
let writer: Writer

beforeAll(async () => {
  ns = await cluster.uniqueNamespace('writer')
  await source.start()
  writer = source.writer({})
})

afterAll(async () => {
  await source.stop()
})

const ref = (name: string, namespace = ns) => ({
  apiVersion: `${GATEWAY}/v1`,
  kind: 'HTTPRoute',
  namespace,
  name,
})

async function writeError(call: Promise<unknown>): Promise<WriteError> {
  try {
    await call
  } catch (error) {
    if (error instanceof WriteError) return error
    throw new Error(`expected a WriteError, got ${String(error)}`)
  }
  throw new Error('expected a WriteError, but the write succeeded')
}

async function managers(name: string): Promise<{ manager: string; operation: string }[]> {
  const { body } = await admin.request('GET', `/apis/${GATEWAY}/v1/namespaces/${ns}/httproutes/${name}`)
  return (body as { metadata: { managedFields: { manager: string; operation: string }[] } }).metadata
    .managedFields
}

describe('ClusterWriter', () => {
  test('server-side apply creates, then updates, as field manager gatemap', async () => {
    const created = await writer.apply(httpRoute(ns, 'applied', { hostnames: ['a.example'] }), {
      dryRun: false,
    })
    expect(created.created).toBe(true)
    expect(created.object.metadata.resourceVersion).toBeTruthy()
    expect(created.object.metadata).not.toHaveProperty('managedFields')
    expect(await managers('applied')).toContainEqual(
      expect.objectContaining({ manager: 'gatemap', operation: 'Apply' }),
    )

    const updated = await writer.apply(httpRoute(ns, 'applied', { hostnames: ['b.example'] }), {
      dryRun: false,
    })
    expect(updated.created).toBe(false)
    expect((updated.object.spec as { hostnames: string[] }).hostnames).toEqual(['b.example'])
    const got = await writer.get(ref('applied'))
    expect(got?.metadata.resourceVersion).toBe(updated.object.metadata.resourceVersion)
    expect(got?.metadata).not.toHaveProperty('managedFields')
    expect(await writer.get(ref('missing'))).toBeUndefined()
  })

  test('dry runs answer like the real write and leave nothing behind', async () => {
    const applied = await writer.apply(httpRoute(ns, 'dry-apply', { hostnames: ['d.example'] }), {
      dryRun: true,
    })
    expect(applied.created).toBe(true)
    expect(applied.object.metadata.name).toBe('dry-apply')
    const created = await writer.create(httpRoute(ns, 'dry-create'), { dryRun: true })
    expect(created.object.metadata.uid).toBeTruthy()
    expect(await writer.get(ref('dry-apply'))).toBeUndefined()
    expect(await writer.get(ref('dry-create'))).toBeUndefined()

    const real = await writer.create(httpRoute(ns, 'kept'), { dryRun: false })
    await writer.delete(
      { ...ref('kept'), resourceVersion: real.object.metadata.resourceVersion },
      { dryRun: true },
    )
    expect((await writer.get(ref('kept')))?.metadata.resourceVersion).toBe(
      real.object.metadata.resourceVersion,
    )
    await writer.delete(
      { ...ref('kept'), resourceVersion: real.object.metadata.resourceVersion },
      { dryRun: false },
    )
    expect(await writer.get(ref('kept'))).toBeUndefined()
  })

  test('a stale resourceVersion is a 409 carrying the current object', async () => {
    const first = await writer.apply(httpRoute(ns, 'contested', { hostnames: ['one.example'] }), {
      dryRun: false,
    })
    const stale = first.object.metadata.resourceVersion
    const second = await writer.apply(httpRoute(ns, 'contested', { hostnames: ['two.example'] }), {
      dryRun: false,
    })
    const object = httpRoute(ns, 'contested', { hostnames: ['three.example'] })
    object.metadata.resourceVersion = stale

    const conflict = await writeError(writer.apply(object, { dryRun: false }))
    expect([conflict.status, conflict.reason]).toEqual([409, 'Conflict'])
    expect(conflict.current?.metadata.resourceVersion).toBe(second.object.metadata.resourceVersion)
    expect((conflict.current?.spec as { hostnames?: string[] } | undefined)?.hostnames).toEqual([
      'two.example',
    ])

    const onDelete = await writeError(
      writer.delete({ ...ref('contested'), resourceVersion: stale }, { dryRun: false }),
    )
    expect(onDelete.status).toBe(409)
    expect(onDelete.current?.metadata.resourceVersion).toBe(second.object.metadata.resourceVersion)
  })

  test('a CEL rule of the CRD refuses redirect plus rewrite: 422 with the causes', async () => {
    const spec = {
      rules: [
        {
          filters: [
            { type: 'RequestRedirect', requestRedirect: { hostname: 'x.example' } },
            { type: 'URLRewrite', urlRewrite: { hostname: 'y.example' } },
          ],
        },
      ],
    }
    for (const dryRun of [true, false]) {
      const error = await writeError(writer.apply(httpRoute(ns, 'both-filters', spec), { dryRun }))
      expect([error.status, error.reason]).toEqual([422, 'Invalid'])
      expect(error.causes.length).toBeGreaterThan(0)
      const cause = error.causes.find((c) => c.message.includes('RequestRedirect'))
      expect(cause?.field).toBe('spec.rules[0].filters')
    }
  })

  test('refusals that never reach the server are WriteErrors too', async () => {
    const unknown = await writeError(
      writer.apply(
        { apiVersion: `${GATEWAY}/v1`, kind: 'NoSuchRoute', metadata: { name: 'x', namespace: ns } },
        { dryRun: true },
      ),
    )
    expect(unknown.status).toBe(404)
    const noNamespace = await writeError(writer.create(httpRoute('', 'x'), { dryRun: true }))
    expect(noNamespace.causes[0]?.field).toBe('metadata.namespace')
  })

  test("bearer mode: the restricted person's own token decides; a forbidden write is a 403", async () => {
    const token = cluster.restricted.getCurrentUser()?.token
    if (!token) throw new Error('the restricted kubeconfig has no token')
    const restricted = source.writer({ bearerToken: token })
    const forbidden = await writeError(
      restricted.apply(httpRoute(cluster.restrictedNamespace, 'not-mine'), { dryRun: false }),
    )
    expect([forbidden.status, forbidden.reason]).toEqual([403, 'Forbidden'])
    expect(forbidden.message).toContain('User "gatemap-restricted"')
    // Reading where the Role allows it works with the same token.
    expect(await restricted.get(ref('nothing-here', cluster.restrictedNamespace))).toBeUndefined()
    const elsewhere = await writeError(restricted.get(ref('applied')))
    expect(elsewhere.status).toBe(403)
  })
})

describe('visibility', () => {
  test('the restricted person sees HTTPRoutes in their namespace only; the admin sees everything', async () => {
    const token = cluster.restricted.getCurrentUser()?.token
    if (!token) throw new Error('the restricted kubeconfig has no token')
    const visible = await source.visibility({ bearerToken: token })
    const routes = visible.get(`${GATEWAY}/HTTPRoute`)
    expect(routes instanceof Set ? [...routes] : routes).toEqual([cluster.restrictedNamespace])
    const gateways = visible.get(`${GATEWAY}/Gateway`)
    expect(gateways instanceof Set ? gateways.size : gateways).toBe(0)
    expect(visible.get('/Secret')).toEqual(new Set())

    const adminView = await source.visibility({ bearerToken: cluster.admin.getCurrentUser()?.token ?? '' })
    expect(adminView.get(`${GATEWAY}/HTTPRoute`)).toBe('all')
    expect(adminView.get('/Namespace')).toBe('all')
    // Cached: the same answer object within the TTL.
    expect(await source.visibility({ bearerToken: token })).toBe(visible)
  })
})
