// A change's effect on the problem list: findings matched by what they are about, and a change laid
// over a cluster's objects judged in both worlds.
import { describe, expect, it } from 'vitest'
import {
  analyzeChange,
  diffFindings,
  type Finding,
  findingIdentity,
  type KubeObject,
} from '../../src/index.ts'
import { backend, gateway, gatewayClass, http, route, service } from './fixtures.ts'

const finding = (name: string, code: string, extra: Partial<Finding> = {}): Finding => ({
  severity: 'error',
  code,
  object: { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'app', name },
  message: `${name}: ${code}`,
  checks: [],
  ...extra,
})

describe('diffFindings', () => {
  it('splits the lists into introduced, fixed and unchanged', () => {
    const before = [finding('a', 'NoMatchingParent'), finding('b', 'BackendNotFound')]
    const after = [finding('b', 'BackendNotFound'), finding('c', 'NotAllowedByListeners')]
    const diff = diffFindings(before, after)
    expect(diff.introduced.map((f) => f.object.name)).toEqual(['c'])
    expect(diff.fixed.map((f) => f.object.name)).toEqual(['a'])
    expect(diff.unchanged.map((f) => f.object.name)).toEqual(['b'])
  })

  it('ignores the message and, when a subject is given, the path', () => {
    const before = finding('a', 'BackendNotFound', {
      subject: 'ResolvedRefs',
      path: 'spec.rules[0].backendRefs[0]',
      message: 'Service app/one does not exist',
    })
    const after = finding('a', 'BackendNotFound', {
      subject: 'ResolvedRefs',
      path: 'spec.rules[0].backendRefs[1]',
      message: 'Service app/two does not exist',
    })
    expect(findingIdentity(before)).toBe(findingIdentity(after))
    expect(diffFindings([before], [after]).unchanged).toEqual([after])
  })

  it('tells problems of different parentRefs apart by subject', () => {
    const one = finding('a', 'NotAllowedByListeners', {
      subject: 'parentRef Gateway infra/edge/http Accepted',
    })
    const two = finding('a', 'NotAllowedByListeners', {
      subject: 'parentRef Gateway infra/edge/https Accepted',
    })
    const diff = diffFindings([one], [two])
    expect(diff.introduced).toEqual([two])
    expect(diff.fixed).toEqual([one])
  })

  it('falls back to the path when there is no subject', () => {
    const a = finding('a', 'X', { path: 'spec.x' })
    const b = finding('a', 'X', { path: 'spec.y' })
    expect(findingIdentity(a)).not.toBe(findingIdentity(b))
  })

  it('counts repeated identities: two before, one after is one fixed and one unchanged', () => {
    const same = () => finding('a', 'TrafficShadowed')
    const diff = diffFindings([same(), same()], [same()])
    expect(diff.unchanged).toHaveLength(1)
    expect(diff.fixed).toHaveLength(1)
    expect(diff.introduced).toHaveLength(0)
  })

  it('treats an empty and an absent namespace as the same', () => {
    const a = finding('gc', 'X', { object: { group: 'g', kind: 'GatewayClass', name: 'gc' } })
    const b = finding('gc', 'X', { object: { group: 'g', kind: 'GatewayClass', namespace: '', name: 'gc' } })
    expect(findingIdentity(a)).toBe(findingIdentity(b))
  })
})

// The platform's objects: a Gateway in `infra` with a listener for `app` only and one for everyone.
const platform = (): KubeObject[] => [
  gatewayClass(),
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'app', labels: {} } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'infra', labels: {} } },
  gateway('infra', 'edge', [
    http('same', { allowedRoutes: { namespaces: { from: 'Same' } } }),
    http('all', { port: 8080, allowedRoutes: { namespaces: { from: 'All' } } }),
  ]),
  service('app', 'web'),
]

const httpRoute = (name: string, sectionName: string, backendName = 'web'): KubeObject =>
  route('HTTPRoute', 'app', name, {
    parentRefs: [{ name: 'edge', namespace: 'infra', sectionName }],
    // One hostname each, so that the routes do not tie for the same requests.
    hostnames: [`${name}.example.com`],
    rules: [{ backendRefs: [backend(backendName)] }],
  })

describe('analyzeChange', () => {
  const cluster = [
    ...platform(),
    httpRoute('stays-good', 'all'),
    httpRoute('breaks', 'all'),
    httpRoute('gets-fixed', 'same'),
    httpRoute('stays-broken', 'all', 'missing'),
  ]

  it('reports what the local objects introduce and fix, and what they leave as it was', () => {
    const local = [httpRoute('breaks', 'same'), httpRoute('gets-fixed', 'all')]
    const change = analyzeChange(cluster, local)
    const names = (list: Finding[]) => list.map((f) => `${f.object.name} ${f.code}`)
    expect(names(change.diff.introduced)).toEqual(['breaks NotAllowedByListeners'])
    expect(names(change.diff.fixed)).toEqual(['gets-fixed NotAllowedByListeners'])
    expect(names(change.diff.unchanged)).toEqual(['stays-broken BackendNotFound'])
    expect(change.replaced.map((o) => o.metadata.name)).toEqual(['breaks', 'gets-fixed'])
    expect(change.added).toEqual([])
  })

  it('judges a new local object in the cluster it lands in', () => {
    const change = analyzeChange(cluster, [httpRoute('new', 'same')])
    expect(change.added.map((o) => o.metadata.name)).toEqual(['new'])
    expect(change.diff.introduced.map((f) => `${f.object.name} ${f.code}`)).toEqual([
      'new NotAllowedByListeners',
    ])
    expect(change.diff.fixed).toEqual([])
  })

  it('a local change to a platform object can break cluster routes it does not contain', () => {
    const narrowed = gateway('infra', 'edge', [
      http('same', { allowedRoutes: { namespaces: { from: 'Same' } } }),
      http('all', { port: 8080, allowedRoutes: { namespaces: { from: 'Same' } } }),
    ])
    const change = analyzeChange(cluster, [narrowed])
    expect(change.diff.introduced.map((f) => `${f.object.name} ${f.code}`).sort()).toEqual([
      'breaks NotAllowedByListeners',
      'stays-broken NotAllowedByListeners',
      'stays-good NotAllowedByListeners',
    ])
  })

  it('keeps a problem unchanged when the parentRefs only move', () => {
    const twoParents = (refs: string[]) =>
      route('HTTPRoute', 'app', 'two', {
        parentRefs: refs.map((sectionName) => ({ name: 'edge', namespace: 'infra', sectionName })),
        rules: [{ backendRefs: [backend('web')] }],
      })
    const change = analyzeChange([...platform(), twoParents(['all', 'same'])], [twoParents(['same', 'all'])])
    expect(change.diff.introduced).toEqual([])
    expect(change.diff.fixed).toEqual([])
    expect(change.diff.unchanged.map((f) => f.subject)).toEqual([
      'parentRef Gateway infra/edge/same Accepted',
    ])
  })

  it('leaves controller status out, so a replaced object is not "fixed" by having none', () => {
    const withStatus: KubeObject = {
      ...httpRoute('stays-good', 'all'),
      status: {
        parents: [
          {
            parentRef: { name: 'edge', namespace: 'infra', sectionName: 'all' },
            controllerName: 'example.com/controller',
            conditions: [
              { type: 'Accepted', status: 'False', reason: 'NotAllowedByListeners', observedGeneration: 1 },
            ],
          },
        ],
      },
    }
    const change = analyzeChange([...platform(), withStatus], [httpRoute('stays-good', 'all')])
    expect(change.diff).toEqual({ introduced: [], fixed: [], unchanged: [] })
  })
})
