// gatemap serve --manifests DIR as a person runs it: files edited outside Gatemap stream live, an
// apply writes back into the file preserving its comments, a broken file keeps its last good
// objects and says where it broke, and validation uses the Gateway API CRDs.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ServeProcess, startServe } from '../serve-process.ts'
import { connectStream, type StreamClient } from '../stream-client.ts'

const repo = path.join(import.meta.dirname, '../../..')
let dir: string
let serve: ServeProcess
let tab: StreamClient
const ROUTE = 'HTTPRoute/shared-store/storefront'
const file = () => path.join(dir, 'shared-gateway/store.yaml')

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gatemap-folder-'))
  cpSync(path.join(repo, 'examples'), dir, { recursive: true })
  const crds = execFileSync('bash', [path.join(repo, 'e2e/cluster/cluster.sh'), 'crds', 'experimental'], {
    encoding: 'utf8',
  }).trim()
  serve = await startServe(['--manifests', dir], { env: { GATEMAP_CRDS_DIR: crds } })
  await serve.synced
  tab = await connectStream(() => serve.socket())
}, 120_000)
afterAll(async () => {
  tab?.close()
  await serve?.stop()
})

const hostnames = () => (tab.mirror.objects.get(ROUTE)!.object.spec as { hostnames: string[] }).hostnames

describe('folder mode', () => {
  it('shows every example with its file and line, and no file errors', () => {
    expect(serve.output()).toMatch(/showing folder/)
    expect(serve.output()).toMatch(/validating against \d+ Gateway API CRDs/)
    expect(tab.mirror.objects.get(ROUTE)?.origin).toEqual({ file: 'shared-gateway/store.yaml', line: 32 })
    expect([...tab.mirror.files.values()].filter((f) => f.state === 'error')).toEqual([])
  })

  it('an edit made outside Gatemap streams to the tab', async () => {
    writeFileSync(file(), readFileSync(file(), 'utf8').replace('- shop.example.com', '- shop2.example.com'))
    await tab.until(() => hostnames().includes('shop2.example.com'), 15_000, 'the outside edit')
  })

  it('an apply writes back into the same file and keeps its comments', async () => {
    const current = tab.mirror.objects.get(ROUTE)!.object
    const edited = structuredClone(current) as typeof current & { spec: { hostnames: string[] } }
    edited.spec.hostnames = ['www.shop.example.com', 'applied.example.com']
    const response = await serve.fetch('/api/apply', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ object: edited }),
    })
    expect(response.status).toBe(200)
    expect(((await response.json()) as { file: string }).file).toBe('shared-gateway/store.yaml')
    const text = readFileSync(file(), 'utf8')
    expect(text).toContain('- applied.example.com')
    expect(text).toContain('# Testers opt into v2 with a header.')
    expect(text).toContain('# Everyone else: 90/10 between v1 and v2.')
    expect(text).not.toMatch(/resourceVersion/)
    await tab.until(() => hostnames().includes('applied.example.com'), 15_000, 'the applied change')
  })

  it('applying over a version that changed meanwhile is a 409 with the current object', async () => {
    const stale = structuredClone(tab.mirror.objects.get(ROUTE)!.object)
    writeFileSync(
      file(),
      readFileSync(file(), 'utf8').replace('- applied.example.com', '- outside.example.com'),
    )
    await tab.until(() => hostnames().includes('outside.example.com'), 15_000, 'the second outside edit')
    const response = await serve.fetch('/api/apply', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ object: stale }),
    })
    expect(response.status).toBe(409)
    const body = (await response.json()) as { current: { spec: { hostnames: string[] } } }
    expect(body.current.spec.hostnames).toContain('outside.example.com')
  })

  it('a schema violation is refused before anything is written, naming the field', async () => {
    const before = readFileSync(file(), 'utf8')
    const yaml = before
      .split('---\n')
      .find((d) => d.includes('kind: HTTPRoute'))!
      .replace('weight: 90', 'weight: -5')
    const response = await serve.fetch('/api/apply', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ yaml }),
    })
    expect(response.status).toBe(422)
    const body = (await response.json()) as { causes: { field: string; line: number }[] }
    expect(body.causes[0]?.field).toMatch(/weight/)
    expect(readFileSync(file(), 'utf8')).toBe(before)
  })

  it("validate's dry run refuses a policy that fails its CRD's CEL rules, as apply does", async () => {
    const yaml = `apiVersion: gateway.networking.k8s.io/v1
kind: BackendTLSPolicy
metadata:
  name: both-cas
  namespace: shared-store
spec:
  targetRefs:
    - group: ""
      kind: Service
      name: store-v1
  validation:
    hostname: store.example.com
    wellKnownCACertificates: System
    caCertificateRefs:
      - group: ""
        kind: ConfigMap
        name: ca
`
    const post = (route: string, body: unknown) =>
      serve.fetch(route, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const validated = (await (await post('/api/validate', { yaml })).json()) as {
      valid: boolean
      objects: { dryRun?: { accepted: boolean; message?: string } }[]
    }
    expect(validated.valid).toBe(false)
    expect(validated.objects[0]?.dryRun?.accepted).toBe(false)
    expect(validated.objects[0]?.dryRun?.message).toMatch(
      /^Invalid: BackendTLSPolicy both-cas is invalid: spec\.validation/,
    )
    expect((await post('/api/apply', { yaml, dryRun: true })).status).toBe(422)
  })

  it('a file broken outside Gatemap keeps its last good objects and reports where it broke', async () => {
    writeFileSync(file(), `${readFileSync(file(), 'utf8')}\n---\nkind: [broken\n`)
    await tab.until(
      (m) => m.files.get('shared-gateway/store.yaml')?.state === 'error',
      15_000,
      'the file error',
    )
    const state = tab.mirror.files.get('shared-gateway/store.yaml')!
    expect(state.error?.line).toBeGreaterThan(80)
    expect(tab.mirror.objects.has(ROUTE)).toBe(true)
  })
})
