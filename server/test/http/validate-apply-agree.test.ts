// In folder mode nothing but Gatemap checks a write, so /api/validate must refuse whatever /api/apply
// would refuse for validity: each case goes through both, against a real FolderSource on a real
// temporary folder with the real Gateway API CRDs.
import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ValidateResponse } from '@gatemap/shared'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadCrdFolder } from '../../src/crds/bundled.ts'
import { CrdRegistry } from '../../src/crds/registry.ts'
import { buildServer } from '../../src/http/app.ts'
import { Auth } from '../../src/http/auth.ts'
import { loopbackPolicy } from '../../src/http/security.ts'
import { FolderSource } from '../../src/sources/folder/index.ts'
import { ResourceStore } from '../../src/store/resource-store.ts'

const REPO = join(import.meta.dirname, '..', '..', '..')
const TOKEN = 'agree-token-0123456789abcdef'

let dir: string
let app: FastifyInstance
let source: FolderSource
let url: string

const GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: example
spec:
  controllerName: example.com/gateway
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: gw
  namespace: default
spec:
  gatewayClassName: example
  listeners:
    - name: http
      port: 80
      protocol: HTTP
`

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gatemap-agree-'))
  await writeFile(join(dir, 'gateway.yaml'), GATEWAY)
  const crdDir = execFileSync('bash', [join(REPO, 'e2e/cluster/cluster.sh'), 'crds', 'experimental'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 180_000,
  }).trim()
  const crds = new CrdRegistry()
  for (const crd of loadCrdFolder(crdDir).crds) crds.set(crd)
  const store = new ResourceStore()
  source = new FolderSource({ dir, store, crds, debounceMs: 20 })
  ;({ app } = await buildServer({
    source,
    store,
    crds,
    auth: new Auth('local', TOKEN),
    origins: loopbackPolicy(),
  }))
  await app.listen({ host: '127.0.0.1', port: 0 })
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  await source.start()
}, 200_000)

afterAll(async () => {
  await app?.close()
  await source?.stop()
  await rm(dir, { recursive: true, force: true })
})

async function post(path: string, body: unknown) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

const validate = async (yaml: string) =>
  (await post('/api/validate', { yaml, file: 'proposal.yaml' })).body as unknown as ValidateResponse
const applyDryRun = (yaml: string) => post('/api/apply', { yaml, file: 'proposal.yaml', dryRun: true })

const service = (name: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: default
spec:
  ports:
    - port: 80
`
const route = (name: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: ${name}
  namespace: default
spec:
  parentRefs:
    - name: gw
`

describe('validate and apply agree in folder mode', { timeout: 60_000 }, () => {
  const refused: [string, string, RegExp][] = [
    ['a Service whose name is not a DNS-1035 label', service('Web_Frontend'), /metadata\.name/],
    ['a Service whose name starts with a digit', service('1web'), /metadata\.name/],
    ['a route whose name is not a DNS-1123 subdomain', route('Shop_Route'), /metadata\.name|must be/],
  ]
  for (const [what, yaml, says] of refused) {
    it(`refuses ${what} in both`, async () => {
      const v = await validate(yaml)
      expect(v.valid).toBe(false)
      const errors = v.objects.flatMap((o) => o.findings).filter((f) => f.severity === 'error')
      expect(errors.map((e) => `${e.path ?? ''} ${e.message}`).join('\n')).toMatch(says)
      const a = await applyDryRun(yaml)
      expect(a.status).toBe(422)
    })
  }

  // No API server checks a folder write: apply refuses these itself (422), so validate's dry run of
  // the same request must not call them accepted.
  const schemaRefused: [string, string, RegExp][] = [
    [
      'a policy failing a CEL rule of its CRD',
      `apiVersion: gateway.networking.k8s.io/v1
kind: BackendTLSPolicy
metadata:
  name: tls
  namespace: default
spec:
  targetRefs:
    - group: ""
      kind: Service
      name: web
  validation:
    hostname: web.example.com
    wellKnownCACertificates: System
    caCertificateRefs:
      - group: ""
        kind: ConfigMap
        name: ca
`,
      /spec\.validation/,
    ],
    [
      'a route failing its CRD schema',
      `${route('negative')}  rules:
    - backendRefs:
        - name: web
          port: 80
          weight: -5
`,
      /weight/,
    ],
  ]
  for (const [what, yaml, says] of schemaRefused) {
    it(`refuses ${what} in both, the dry run included`, async () => {
      const v = await validate(yaml)
      expect(v.valid).toBe(false)
      const errors = v.objects.flatMap((o) => o.findings).filter((f) => f.severity === 'error')
      expect(errors.map((e) => e.path ?? '').join('\n')).toMatch(says)
      // Each problem said once: by the schema check, not again by the dry run.
      expect(errors.filter((e) => e.source === 'request')).toEqual([])
      expect(v.objects[0]?.dryRun?.accepted).toBe(false)
      expect(v.objects[0]?.dryRun?.message).toMatch(/^Invalid: .* is invalid: /)
      const a = await applyDryRun(yaml)
      expect(a.status).toBe(422)
      expect(v.objects[0]?.dryRun?.message).toBe(`Invalid: ${a.body.message}`)
    })
  }

  it('accepts a valid route in both, and the dry run writes nothing', async () => {
    const yaml = route('shop')
    const v = await validate(yaml)
    expect(v.valid, JSON.stringify(v.objects.flatMap((o) => o.findings))).toBe(true)
    expect(v.objects[0]?.dryRun).toEqual({ accepted: true })
    const a = await applyDryRun(yaml)
    expect(a.status).toBe(200)
    expect(a.body.dryRun).toBe(true)
    expect(await readFile(join(dir, 'gateway.yaml'), 'utf8')).toBe(GATEWAY)
  })

  it('calls one object given twice invalid, as apply takes exactly one', async () => {
    const yaml = `${route('twice')}---\n${route('twice')}`
    const v = await validate(yaml)
    expect(v.valid).toBe(false)
    expect(v.objects[1]?.findings.some((f) => /more than once/.test(f.message))).toBe(true)
    expect((await applyDryRun(yaml)).status).toBe(422)
  })

  it('refuses an object nested deeper than the loader allows in both', async () => {
    let deep: Record<string, unknown> = { leaf: 'x' }
    for (let i = 0; i < 100; i++) deep = { a: deep }
    const object = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'deep', namespace: 'default' },
      spec: { parentRefs: [{ name: 'gw' }], extra: deep },
    }
    const v = await post('/api/validate', { object })
    const a = await post('/api/apply', { object, dryRun: true })
    expect(v.status === 422 || (v.body as unknown as ValidateResponse).valid === false).toBe(true)
    expect(a.status).toBe(422)
  })
})
