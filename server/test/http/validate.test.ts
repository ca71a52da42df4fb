// POST /api/validate places every finding on its line: YAML errors, CRD schema errors, CEL rule
// violations (the real v1.6.1 CRDs from the Gateway API module) and cross-resource findings from
// the analysis, with the attachment preview. The API server's dry run is tested in e2e.
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import type { ValidateResponse } from '@gatemap/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadCrdFolder } from '../../src/crds/bundled.ts'
import { startTestServer, type TestServer } from './helpers.ts'

const script = path.join(import.meta.dirname, '../../../e2e/cluster/cluster.sh')

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
  const dir = execFileSync('bash', [script, 'crds', 'experimental'], {
    encoding: 'utf8',
    timeout: 180_000,
  }).trim()
  for (const crd of loadCrdFolder(dir).crds) server.crds.set(crd)
  server.source.put({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'GatewayClass',
    metadata: { name: 'example' },
    spec: { controllerName: 'example.com/gateway' },
  })
  server.source.put({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'gw', namespace: 'default' },
    spec: { gatewayClassName: 'example', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] },
  })
  server.source.put({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'api', namespace: 'default' },
    spec: { ports: [{ port: 8080 }] },
  })
}, 200_000)
afterAll(() => server.close())

async function validate(yaml: string): Promise<ValidateResponse> {
  const response = await fetch(`${server.url}/api/validate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify({ yaml, file: 'route.yaml' }),
  })
  expect(response.status).toBe(200)
  return (await response.json()) as ValidateResponse
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1

describe('validate', () => {
  it('a valid route attached to an existing listener has no errors and previews Accepted=True', async () => {
    const yaml = [
      'apiVersion: gateway.networking.k8s.io/v1',
      'kind: HTTPRoute',
      'metadata:',
      '  name: ok',
      '  namespace: default',
      'spec:',
      '  parentRefs:',
      '  - name: gw',
      '    sectionName: http',
      '  rules:',
      '  - backendRefs:',
      '    - name: api',
      '      port: 8080',
    ].join('\n')
    const result = await validate(yaml)
    expect(result.objects[0]!.findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(result.valid).toBe(true)
    const status = result.objects[0]!.preview!.status as {
      parents: { conditions: { type: string; status: string }[] }[]
    }
    expect(status.parents[0]!.conditions).toContainEqual(
      expect.objectContaining({ type: 'Accepted', status: 'True' }),
    )
    expect(result.objects[0]!.preview!.currentStatus).toBeUndefined()
    // The proposal was not kept: the live analysis has no such route.
    expect(server.store.get('HTTPRoute', 'default', 'ok')).toBeUndefined()
  })

  it('schema, CEL and analysis findings each land on the line of their field', async () => {
    const yaml = [
      'apiVersion: gateway.networking.k8s.io/v1',
      'kind: HTTPRoute',
      'metadata:',
      '  name: broken',
      '  namespace: default',
      'spec:',
      '  parentRefs:',
      '  - name: gw',
      '    sectionName: https # no such listener',
      '  rules:',
      '  - matches:',
      '    - path:',
      '        type: PathPrefix',
      '        value: no-leading-slash',
      '    backendRefs:',
      '    - name: missing',
      '      port: 8080',
      '      weight: -1',
    ].join('\n')
    const result = await validate(yaml)
    expect(result.valid).toBe(false)
    const findings = result.objects[0]!.findings
    const bySource = (source: string) => findings.filter((f) => f.source === source)

    const weight = bySource('schema').find((f) => f.path?.endsWith('weight'))
    expect(weight).toMatchObject({ severity: 'error', line: lineOf(yaml, 'weight: -1') })

    const cel = bySource('cel').find((f) => f.path?.includes('path'))
    expect(cel?.message).toMatch(/must be an absolute path/)
    expect(cel?.line).toBeGreaterThanOrEqual(lineOf(yaml, '- path:'))
    expect(cel?.line).toBeLessThanOrEqual(lineOf(yaml, 'value: no-leading-slash'))

    const parent = bySource('analysis').find((f) => f.code === 'NoMatchingParent')
    expect(parent?.message).toMatch(/https/)
    expect(parent?.line).toBe(lineOf(yaml, 'sectionName: https'))

    const backend = bySource('analysis').find((f) => f.code === 'BackendNotFound')
    expect(backend?.line).toBe(lineOf(yaml, 'name: missing'))
  })

  it('YAML errors come back as findings with line and column, not as a failed request', async () => {
    const result = await validate('apiVersion: v1\nkind: Service\nmetadata:\n  name: [unclosed\n')
    expect(result.valid).toBe(false)
    expect(result.findings[0]).toMatchObject({ source: 'yaml', severity: 'error' })
    expect(result.findings[0]!.line).toBeGreaterThanOrEqual(4)
  })

  it('a kind with no CRD installed says its schema was not checked', async () => {
    const crdless = await startTestServer()
    try {
      const response = await fetch(`${crdless.url}/api/validate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${crdless.token}` },
        body: JSON.stringify({
          yaml: 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\n  namespace: default\n',
        }),
      })
      const result = (await response.json()) as ValidateResponse
      expect(result.objects[0]!.findings).toContainEqual(
        expect.objectContaining({ severity: 'warning', source: 'schema', line: 2 }),
      )
    } finally {
      await crdless.close()
    }
  })
})
