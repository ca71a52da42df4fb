// Bearer mode: /api/validate and /api/status judge with the person's view — the objects their stream
// gets and the facts of what is hidden from them — not with the server's own. A route in the
// person's namespace aimed at a Gateway in a namespace they cannot list is "cannot check", and no
// message names what only the hidden namespace holds. The source is the faked boundary (its
// visibility answers stand in for the API server's access reviews, which e2e tests for real); the
// HTTP server, auth, store, stream filter and analysis are the real ones.
import type { AddressInfo } from 'node:net'
import type { SourceInfo, ValidateResponse, WireObject } from '@gatemap/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CrdRegistry } from '../../src/crds/registry.ts'
import { buildServer } from '../../src/http/app.ts'
import { Auth } from '../../src/http/auth.ts'
import type { ServerContext } from '../../src/http/context.ts'
import { loopbackPolicy } from '../../src/http/security.ts'
import type { Credentials, Visibility } from '../../src/sources/source.ts'
import { ResourceStore } from '../../src/store/resource-store.ts'
import { MemorySource } from './helpers.ts'

const G = 'gateway.networking.k8s.io'

/** Alice may list routes, Services, Gateways and grants in `team` only; admin may list everything. */
const VISIBILITY: Record<string, Visibility> = {
  alice: new Map<string, 'all' | Set<string>>([
    [`${G}/GatewayClass`, new Set(['team'])],
    [`${G}/Gateway`, new Set(['team'])],
    [`${G}/HTTPRoute`, new Set(['team'])],
    [`${G}/ReferenceGrant`, new Set(['team'])],
    ['/Service', new Set(['team'])],
    ['/Namespace', new Set()],
  ]),
  admin: new Map<string, 'all' | Set<string>>(
    [
      `${G}/GatewayClass`,
      `${G}/Gateway`,
      `${G}/HTTPRoute`,
      `${G}/ReferenceGrant`,
      '/Service',
      '/Namespace',
    ].map((k) => [k, 'all']),
  ),
}

class ClusterLikeSource extends MemorySource {
  override readonly info: SourceInfo = { mode: 'cluster', name: 'memory', readOnly: false }
  async visibility(credentials: Credentials): Promise<Visibility> {
    const visible = VISIBILITY[credentials.bearerToken ?? '']
    if (!visible) throw new Error('Unauthorized')
    // A copy, as a fresh review would give: equal content must still share one view.
    return new Map([...visible].map(([k, v]) => [k, v === 'all' ? 'all' : new Set(v)]))
  }
}

let url: string
let ctx: ServerContext
let close: () => Promise<void>
let store: ResourceStore
let source: ClusterLikeSource

beforeAll(async () => {
  store = new ResourceStore({ logSize: 50 })
  source = new ClusterLikeSource(store)
  const kinds = [
    [G, 'GatewayClass'],
    [G, 'Gateway'],
    [G, 'HTTPRoute'],
    [G, 'ReferenceGrant'],
    ['', 'Service'],
    ['', 'Namespace'],
  ]
  for (const [group, kind] of kinds)
    store.setKindState({ group: group!, kind: kind!, version: 'v1', state: 'ok', count: 0 })
  const gateway = (ns: string, name: string): WireObject => ({
    apiVersion: `${G}/v1`,
    kind: 'Gateway',
    metadata: { namespace: ns, name },
    spec: {
      gatewayClassName: 'shared',
      listeners: [
        {
          name: 'web-secret-listener',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: 'All' } },
        },
      ],
    },
  })
  source.put({
    apiVersion: `${G}/v1`,
    kind: 'GatewayClass',
    metadata: { name: 'shared' },
    spec: { controllerName: 'example.com/gw' },
  })
  source.put(gateway('infra', 'edge'))
  source.put(gateway('infra', 'edge-internal'))
  source.put({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace: 'team', name: 'app' },
    spec: { ports: [{ port: 8080 }] },
  })
  const built = await buildServer({
    source,
    store,
    crds: new CrdRegistry(),
    auth: new Auth('bearer'),
    origins: loopbackPolicy(),
  })
  await built.app.listen({ host: '127.0.0.1', port: 0 })
  url = `http://127.0.0.1:${(built.app.server.address() as AddressInfo).port}`
  ctx = built.ctx
  close = () => built.app.close()
})
afterAll(() => close?.())

const routeYaml = (parent: string, ns = 'team') =>
  [
    `apiVersion: ${G}/v1`,
    'kind: HTTPRoute',
    'metadata:',
    '  name: r',
    `  namespace: ${ns}`,
    'spec:',
    '  parentRefs:',
    `  - name: ${parent}`,
    '    namespace: infra',
    '  rules:',
    '  - backendRefs:',
    '    - name: app',
    '      port: 8080',
    '',
  ].join('\n')

async function validate(token: string, yaml: string): Promise<ValidateResponse> {
  const response = await fetch(`${url}/api/validate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ yaml, file: 'route.yaml' }),
  })
  expect(response.status).toBe(200)
  return (await response.json()) as ValidateResponse
}

interface Status {
  parents: { conditions: { type: string; status: string; reason: string; message: string }[] }[]
}

/** The previewed Accepted condition of the route's first parentRef. */
function previewAccepted(result: ValidateResponse) {
  const status = result.objects[0]?.preview?.status as Status | undefined
  const accepted = status?.parents[0]?.conditions[0]
  if (!accepted) throw new Error(`no previewed Accepted condition in ${JSON.stringify(result)}`)
  return accepted
}

describe('validate in bearer mode', () => {
  it("judges with the person's view: a Gateway they cannot list is 'cannot check', not missing", async () => {
    const result = await validate('alice', routeYaml('edge'))
    const object = result.objects[0]!
    const codes = object.findings.map((f) => f.code)
    expect(codes).toContain('CannotCheck')
    expect(codes).not.toContain('NoMatchingParent')
    expect(object.findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(object.findings.find((f) => f.code === 'CannotCheck')?.message).toMatch(
      /Cannot check Gateway infra\/edge: Gateways in namespace infra are not visible to you\./,
    )
    expect(previewAccepted(result)).toMatchObject({
      type: 'Accepted',
      status: 'Unknown',
      reason: 'CannotCheck',
    })
    expect(object.preview?.attachment?.[0]?.text).toMatch(/^cannot be checked against Gateway infra\/edge/)
    expect(result.valid).toBe(true)
  })

  it('the same request with a view of everything is judged on the hidden Gateway (the server still knows it)', async () => {
    const result = await validate('admin', routeYaml('edge'))
    const accepted = previewAccepted(result)
    expect(accepted).toMatchObject({ status: 'True', reason: 'Accepted' })
    expect(accepted.message).toMatch(/web-secret-listener/)
  })

  it('names nothing found by searching what is hidden (a near name, a listener)', async () => {
    // With the server's view, a misspelt name is answered with the near one it found.
    const admin = JSON.stringify(await validate('admin', routeYaml('edge-internl')))
    expect(admin).toMatch(/Did you mean Gateway infra\/edge-internal\?/)
    const alice = JSON.stringify(await validate('alice', routeYaml('edge-internl')))
    expect(alice).toMatch(/Cannot check Gateway infra\/edge-internl/)
    for (const hidden of ['edge-internal', 'web-secret-listener', 'NoMatchingParent', 'does not exist'])
      expect(alice).not.toContain(hidden)
  })

  it('computed status of a stored route is given from the same view', async () => {
    source.put({
      apiVersion: `${G}/v1`,
      kind: 'HTTPRoute',
      metadata: { namespace: 'team', name: 'stored' },
      spec: { parentRefs: [{ name: 'edge', namespace: 'infra' }] },
    })
    const get = async (token: string) => {
      const response = await fetch(`${url}/api/status?kind=HTTPRoute&namespace=team&name=stored`, {
        headers: { authorization: `Bearer ${token}` },
      })
      expect(response.status).toBe(200)
      return ((await response.json()) as { status: Status }).status.parents[0]!.conditions[0]!
    }
    expect(await get('alice')).toMatchObject({ status: 'Unknown', reason: 'CannotCheck' })
    expect(await get('admin')).toMatchObject({ status: 'True', reason: 'Accepted' })
  })

  it('follows the store: a Gateway that appears where the person can see is judged at once', async () => {
    source.put({
      apiVersion: `${G}/v1`,
      kind: 'Gateway',
      metadata: { namespace: 'team', name: 'own' },
      spec: { gatewayClassName: 'shared', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
    })
    const yaml = routeYaml('own').replace('    namespace: infra\n', '')
    const accepted = previewAccepted(await validate('alice', yaml))
    // GatewayClasses are hidden from alice (cluster-scoped, granted in a namespace only), so the
    // class is assumed rather than found missing, and the route is judged on the listener she sees.
    expect(accepted).toMatchObject({ status: 'True', reason: 'Accepted' })
  })

  it('people who see the same share one analysis of it', () => {
    expect(ctx.analysis.views.size).toBe(2)
  })
})
