// A policy of another group through gatemap serve's cluster writer, on a real API server of its own
// (installing Envoy Gateway's CRDs would change the shared one's kinds for other tests): the
// BackendTrafficPolicy CRD from Envoy Gateway's Go module reaches the server's CRD watch, a policy is
// validated, dry-run applied (nothing stored), applied and read back; a bad field is refused by the
// API server and by Gatemap's own check of the same CRD, both naming that field on the same line,
// and a CEL rule of the CRD likewise.
import { CustomObjectsApi } from '@kubernetes/client-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Cluster, startCluster } from '../../cluster/harness.ts'
import { applyFolder } from '../../cluster/manifests.ts'
import { envoyGatewayPolicyCrds } from '../../cluster/policy-crds.ts'
import { type ServeProcess, startServe } from '../serve-process.ts'

const ENVOY = 'gateway.envoyproxy.io'
let cluster: Cluster
let serve: ServeProcess
let ns: string
let api: CustomObjectsApi

beforeAll(async () => {
  cluster = await startCluster()
  api = cluster.admin.makeApiClient(CustomObjectsApi)
  await applyFolder(cluster.admin, envoyGatewayPolicyCrds())
  ns = await cluster.uniqueNamespace('policy-writes')
  serve = await startServe(['--kubeconfig', cluster.adminKubeconfigPath])
  await serve.synced
  // The CRD watch may lag the start: the editor's check asks for the CRD the same way.
  const deadline = Date.now() + 60_000
  while ((await serve.fetch(`/api/crd?group=${ENVOY}&kind=BackendTrafficPolicy`)).status !== 200) {
    if (Date.now() > deadline) throw new Error('the BackendTrafficPolicy CRD never reached /api/crd')
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}, 600_000)

afterAll(async () => {
  await serve?.stop()
  await cluster?.stop()
})

interface Finding {
  severity: string
  source: string
  message: string
  path?: string
  line: number
}
interface Validated {
  valid: boolean
  objects: { dryRun: { accepted: boolean; message?: string }; findings: Finding[] }[]
}
interface Applied {
  reason: string
  message: string
  created: boolean
  dryRun: boolean
  object: { metadata: { name: string } }
  causes: { field?: string; message: string }[]
}

async function post<T>(path: string, body: unknown): Promise<{ status: number; body: T }> {
  const response = await serve.fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as T }
}

const policyYaml = (name: string, { timeout = '5s', kind = 'HTTPRoute' } = {}) =>
  [
    `apiVersion: ${ENVOY}/v1alpha1`,
    'kind: BackendTrafficPolicy',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${ns}`,
    'spec:',
    '  targetRefs:',
    '    - group: gateway.networking.k8s.io',
    `      kind: ${kind}`,
    '      name: shop',
    '  timeout:',
    '    http:',
    `      requestTimeout: ${timeout}`,
  ].join('\n')

const stored = (name: string) =>
  api.getNamespacedCustomObject({
    group: ENVOY,
    version: 'v1alpha1',
    namespace: ns,
    plural: 'backendtrafficpolicies',
    name,
  }) as Promise<{ spec: { timeout: { http: { requestTimeout: string } } } }>

/** Findings that check the object itself, not what it does to the topology. */
const admission = (f: Finding) => ['schema', 'cel', 'apiserver'].includes(f.source)

describe('a BackendTrafficPolicy through the cluster writer', () => {
  it('validates with its CRD, dry-runs without storing, applies and reads back', async () => {
    const validated = await post<Validated>('/api/validate', { yaml: policyYaml('shop-timeout') })
    expect(validated.status).toBe(200)
    const object = validated.body.objects[0]!
    expect(object.dryRun.accepted).toBe(true)
    expect(object.findings.filter(admission)).toEqual([])

    const dry = await post<Applied>('/api/apply', { yaml: policyYaml('shop-timeout'), dryRun: true })
    expect(dry.status).toBe(200)
    expect([dry.body.dryRun, dry.body.object.metadata.name]).toEqual([true, 'shop-timeout'])
    await expect(stored('shop-timeout')).rejects.toThrow(/404|not found/i)

    const applied = await post<Applied>('/api/apply', { yaml: policyYaml('shop-timeout') })
    expect(applied.status).toBe(201)
    expect((await stored('shop-timeout')).spec.timeout.http.requestTimeout).toBe('5s')

    // What the dashboard opens in its YAML view: the object from the server's store, once watched.
    const path = `/api/object?kind=BackendTrafficPolicy&namespace=${ns}&name=shop-timeout&format=yaml`
    const deadline = Date.now() + 30_000
    let response = await serve.fetch(path)
    while (response.status === 404 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      response = await serve.fetch(path)
    }
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(text).toMatch(/requestTimeout: 5s/)
    expect(text).not.toMatch(/managedFields/)

    const again = await post<Applied>('/api/apply', { yaml: policyYaml('shop-timeout', { timeout: '7s' }) })
    expect([again.status, again.body.created]).toEqual([200, false])
    expect((await stored('shop-timeout')).spec.timeout.http.requestTimeout).toBe('7s')
  })

  it("a value against the CRD's pattern: the API server and Gatemap's check name the same field and line", async () => {
    const yaml = policyYaml('bad-timeout', { timeout: 'soon' })
    const field = 'spec.timeout.http.requestTimeout'
    const line = yaml.split('\n').findIndex((l) => l.includes('requestTimeout:')) + 1

    const applied = await post<Applied>('/api/apply', { yaml })
    expect(applied.status).toBe(422)
    expect(applied.body.reason).toBe('Invalid')
    expect(applied.body.causes.map((c) => c.field)).toContain(field)
    await expect(stored('bad-timeout')).rejects.toThrow(/404|not found/i)

    const validated = await post<Validated>('/api/validate', { yaml })
    expect(validated.body.valid).toBe(false)
    const object = validated.body.objects[0]!
    expect(object.dryRun.accepted).toBe(false)
    const named = (source: string) =>
      object.findings
        .filter((f) => f.source === source && f.severity === 'error')
        .map((f) => `${f.path} line ${f.line}`)
    expect(named('apiserver')).toEqual([`${field} line ${line}`])
    expect(named('schema')).toEqual([`${field} line ${line}`])
  })

  it("a CEL rule of the CRD (targetRefs' kinds): refused by both with the rule's message", async () => {
    const yaml = policyYaml('bad-target', { kind: 'Service' })
    const rule = 'this policy can only have a targetRefs[*].kind of Gateway'

    const applied = await post<Applied>('/api/apply', { yaml })
    expect(applied.status).toBe(422)
    expect(applied.body.message).toContain(rule)

    const validated = await post<Validated>('/api/validate', { yaml })
    expect(validated.body.valid).toBe(false)
    const findings = validated.body.objects[0]!.findings
    const apiserver = findings.filter((f) => f.source === 'apiserver' && f.message.includes(rule))
    const cel = findings.filter((f) => f.source === 'cel' && f.message.includes(rule))
    expect(apiserver.map((f) => f.path)).toEqual(['spec'])
    expect(cel.map((f) => f.path)).toEqual(['spec'])
  })
})
