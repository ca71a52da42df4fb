// Writes through gatemap serve to the real API server: dry run and apply are the same request,
// server-side apply with field manager gatemap, a stale resourceVersion is a 409 carrying the
// current object, CEL rejections come back with their reason and are placed on lines by validate.
import { CustomObjectsApi } from '@kubernetes/client-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Cluster } from '../../cluster/harness.ts'
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
  ns = await cluster.uniqueNamespace('writes')
  serve = await startServe(['--kubeconfig', cluster.adminKubeconfigPath])
  await serve.synced
}, 120_000)
afterAll(() => serve?.stop())

interface Body {
  status: number
  reason: string
  message: string
  object: { metadata: { resourceVersion: string; name: string } }
  current: { metadata: { resourceVersion: string } }
  causes: { field?: string; message: string }[]
  created: boolean
}

async function post(path: string, body: unknown): Promise<{ status: number; body: Body }> {
  const response = await serve.fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Body }
}

const routeYaml = (name: string, extra: string[] = []) =>
  [
    `apiVersion: ${GROUP}/v1`,
    'kind: HTTPRoute',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${ns}`,
    ...extra,
    'spec:',
    '  parentRefs:',
    '  - name: gw',
    '  rules:',
    '  - filters:',
    '    - type: RequestRedirect',
    '      requestRedirect:',
    '        scheme: https',
  ].join('\n')

const get = (name: string) =>
  api.getNamespacedCustomObject({
    group: GROUP,
    version: 'v1',
    namespace: ns,
    plural: 'httproutes',
    name,
  }) as Promise<{
    metadata: { resourceVersion: string; managedFields?: { manager: string; operation: string }[] }
  }>

describe('writes', () => {
  it('a dry run answers like the real apply and leaves nothing behind', async () => {
    const dry = await post('/api/apply', { yaml: routeYaml('dry'), dryRun: true })
    expect(dry.status).toBe(200)
    expect(dry.body.object.metadata.name).toBe('dry')
    await expect(get('dry')).rejects.toThrow(/404|not found/i)
  })

  it('apply is a server-side apply by field manager gatemap', async () => {
    const applied = await post('/api/apply', { yaml: routeYaml('applied') })
    expect(applied.status).toBe(201)
    const stored = await get('applied')
    expect(stored.metadata.managedFields).toContainEqual(
      expect.objectContaining({ manager: 'gatemap', operation: 'Apply' }),
    )
    const again = await post('/api/apply', {
      yaml: routeYaml('applied').replace('scheme: https', 'scheme: http'),
    })
    expect(again.status).toBe(200)
    expect(again.body.created).toBe(false)
  })

  it('a stale resourceVersion is a 409 with the current object', async () => {
    await post('/api/apply', { yaml: routeYaml('raced') })
    const current = await get('raced')
    const stale = await post('/api/apply', { yaml: routeYaml('raced', ['  resourceVersion: "1"']) })
    expect(stale.status).toBe(409)
    expect(stale.body.reason).toBe('Conflict')
    expect(stale.body.current.metadata.resourceVersion).toBe(current.metadata.resourceVersion)
  })

  it("the API server's CEL rejection comes back with its reason, and validate places it on a line", async () => {
    const both = [
      routeYaml('cel'),
      '    - type: URLRewrite',
      '      urlRewrite:',
      '        hostname: other.example',
    ].join('\n')
    const applied = await post('/api/apply', { yaml: both })
    expect(applied.status).toBe(422)
    expect(applied.body.reason).toBe('Invalid')
    expect(applied.body.message).toMatch(/RequestRedirect|URLRewrite/)
    expect(applied.body.causes.length).toBeGreaterThan(0)

    const validated = await post('/api/validate', { yaml: both })
    const result = validated.body as unknown as {
      valid: boolean
      objects: {
        dryRun: { accepted: boolean }
        findings: { source: string; line: number; message: string }[]
      }[]
    }
    expect(result.valid).toBe(false)
    expect(result.objects[0]!.dryRun.accepted).toBe(false)
    const lines = both.split('\n')
    const filtersLine = lines.findIndex((l) => l.includes('- filters:')) + 1
    for (const source of ['apiserver', 'cel']) {
      const finding = result.objects[0]!.findings.find((f) => f.source === source)
      expect(finding, `${source} finding`).toBeDefined()
      expect(finding!.line).toBeGreaterThanOrEqual(filtersLine - 1)
      expect(finding!.line).toBeLessThanOrEqual(lines.length)
    }
  })

  it('delete honours a resourceVersion precondition', async () => {
    await post('/api/apply', { yaml: routeYaml('doomed') })
    const rv = (await get('doomed')).metadata.resourceVersion
    const query = (resourceVersion: string) =>
      `/api/object?apiVersion=${GROUP}/v1&kind=HTTPRoute&namespace=${ns}&name=doomed&resourceVersion=${resourceVersion}`
    expect((await serve.fetch(query('1'), { method: 'DELETE' })).status).toBe(409)
    expect((await serve.fetch(query(rv), { method: 'DELETE' })).status).toBe(200)
    await expect(get('doomed')).rejects.toThrow(/404|not found/i)
  })

  it('reads one object as YAML without managedFields', async () => {
    await post('/api/apply', { yaml: routeYaml('readable') })
    await new Promise((resolve) => setTimeout(resolve, 500))
    const response = await serve.fetch(`/api/object?kind=HTTPRoute&namespace=${ns}&name=readable&format=yaml`)
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(text).toMatch(/name: readable/)
    expect(text).not.toMatch(/managedFields/)
  })
})
