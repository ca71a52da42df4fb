// One edit through the route form changes exactly its path: every other key — unknown ones inside
// rules, matches, filters and backendRefs, vendor filters, status — stays, in its order.
import { describe, expect, it } from 'vitest'
import {
  newFilter,
  newMatch,
  newRule,
  type ParentChoice,
  parentRefForChoice,
  type RouteForm,
  readRouteForm,
  setFilterType,
  writeRouteForm,
} from '../../../src/index.ts'
import { applyChanges, type Change, REMOVE } from './expect-edit.ts'

const httpRoute = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'store', namespace: 'apps', labels: { team: 'a' } },
  spec: {
    vendorTop: { keep: true },
    parentRefs: [{ name: 'edge', sectionName: 'http', xParent: 1 }],
    hostnames: ['store.example.com', 'shop.example.com'],
    rules: [
      {
        xRuleFirst: 'before name',
        name: 'main',
        matches: [
          { path: { type: 'PathPrefix', value: '/', xPath: 1 }, xMatch: [1, 2] },
          { headers: [{ name: 'x-canary', value: 'yes', xHeader: true }], method: 'GET' },
        ],
        filters: [
          {
            type: 'RequestHeaderModifier',
            requestHeaderModifier: { set: [{ name: 'a', value: 'b' }] },
            xF: 1,
          },
          { type: 'ExtensionRef', extensionRef: { group: 'example.io', kind: 'Auth', name: 'sso', xExt: 2 } },
          { type: 'VendorFilter', vendorFilter: { anything: ['goes'] } },
        ],
        backendRefs: [
          { name: 'store-v1', port: 8080, weight: 1, xBackend: 'one' },
          { name: 'store-v2', port: 8080, weight: 3 },
        ],
        timeouts: { request: '10s', xTimeout: 0 },
        retry: { attempts: 2 },
      },
      { name: 'second', backendRefs: [{ name: 'other', port: 80 }], sessionPersistence: { type: 'Cookie' } },
      { name: 'third', matches: [{ path: { type: 'Exact', value: '/x' } }], xThird: null },
    ],
    useDefaultGateways: 'None',
  },
  status: { parents: [{ parentRef: { name: 'edge' }, controllerName: 'x', conditions: [] }] },
}

const grpcRoute = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'GRPCRoute',
  metadata: { name: 'echo', namespace: 'apps' },
  spec: {
    parentRefs: [{ name: 'edge' }],
    rules: [
      { matches: [{ method: { service: 'echo.Echo', xM: 1 } }], backendRefs: [{ name: 'echo', port: 9000 }] },
    ],
  },
}

const R = ['spec', 'rules']
const choice = (ref: ParentChoice['ref']): ParentChoice => ({ ref, label: ref.name, accepted: true })

type Case = [name: string, input: object, edit: (form: RouteForm) => void, changes: Change[]]

const cases: Case[] = [
  [
    'a weight',
    httpRoute,
    (f) => {
      f.rules![0]!.backendRefs![1]!.weight = 5
    },
    [[[...R, 0, 'backendRefs', 1, 'weight'], 5]],
  ],
  [
    'clearing a weight removes only that key',
    httpRoute,
    (f) => {
      f.rules![0]!.backendRefs![0]!.weight = undefined
    },
    [[[...R, 0, 'backendRefs', 0, 'weight'], REMOVE]],
  ],
  [
    'a path match type',
    httpRoute,
    (f) => {
      f.rules![0]!.matches![0]!.path!.type = 'Exact'
    },
    [[[...R, 0, 'matches', 0, 'path', 'type'], 'Exact']],
  ],
  [
    'a header match added to a match without headers',
    httpRoute,
    (f) => {
      f.rules![0]!.matches![0]!.headers = [{ name: 'x-env', value: 'prod' }]
    },
    [[[...R, 0, 'matches', 0, 'headers'], [{ name: 'x-env', value: 'prod' }]]],
  ],
  [
    'a query parameter match with a type',
    httpRoute,
    (f) => {
      f.rules![0]!.matches![1]!.queryParams = [{ type: 'RegularExpression', name: 'v', value: '^2' }]
    },
    [[[...R, 0, 'matches', 1, 'queryParams'], [{ type: 'RegularExpression', name: 'v', value: '^2' }]]],
  ],
  [
    'a method changed',
    httpRoute,
    (f) => {
      f.rules![0]!.matches![1]!.method = 'POST'
    },
    [[[...R, 0, 'matches', 1, 'method'], 'POST']],
  ],
  [
    'a path match removed',
    httpRoute,
    (f) => {
      f.rules![0]!.matches![0]!.path = undefined
    },
    [[[...R, 0, 'matches', 0, 'path'], REMOVE]],
  ],
  [
    'the first filter removed: the others keep their own fields',
    httpRoute,
    (f) => {
      f.rules![0]!.filters!.splice(0, 1)
    },
    [[[...R, 0, 'filters', 0], REMOVE]],
  ],
  [
    'a filter changes type: the old settings go, unknown keys stay',
    httpRoute,
    (f) => {
      f.rules![0]!.filters![0] = setFilterType(f.rules![0]!.filters![0]!, 'RequestRedirect')
      f.rules![0]!.filters![0]!.requestRedirect = { scheme: 'https', statusCode: 301 }
    },
    [
      [[...R, 0, 'filters', 0, 'type'], 'RequestRedirect'],
      [[...R, 0, 'filters', 0, 'requestHeaderModifier'], REMOVE],
      [[...R, 0, 'filters', 0, 'requestRedirect'], { scheme: 'https', statusCode: 301 }],
    ],
  ],
  [
    'an ExtensionRef name',
    httpRoute,
    (f) => {
      f.rules![0]!.filters![1]!.extensionRef!.name = 'sso-2'
    },
    [[[...R, 0, 'filters', 1, 'extensionRef', 'name'], 'sso-2']],
  ],
  [
    'a CORS filter appended',
    httpRoute,
    (f) => {
      f.rules![1]!.filters = [{ ...newFilter('CORS'), cors: { allowOrigins: ['https://a.example'] } }]
    },
    [[[...R, 1, 'filters'], [{ type: 'CORS', cors: { allowOrigins: ['https://a.example'] } }]]],
  ],
  [
    'a backendRef appended',
    httpRoute,
    (f) => {
      f.rules![0]!.backendRefs!.push({ name: 'store-v3', port: 8080, weight: 0 })
    },
    [[[...R, 0, 'backendRefs', 2], { name: 'store-v3', port: 8080, weight: 0 }]],
  ],
  [
    'the middle rule removed',
    httpRoute,
    (f) => {
      f.rules!.splice(1, 1)
    },
    [[[...R, 1], REMOVE]],
  ],
  [
    'a rule appended',
    httpRoute,
    (f) => {
      f.rules!.push(newRule('HTTPRoute'))
    },
    [[[...R, 3], { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: '' }] }]],
  ],
  [
    'a match appended',
    httpRoute,
    (f) => {
      f.rules![1]!.matches = [newMatch('HTTPRoute')]
    },
    [[[...R, 1, 'matches'], [{ path: { type: 'PathPrefix', value: '/' } }]]],
  ],
  [
    'a backendRequest timeout next to the request timeout',
    httpRoute,
    (f) => {
      f.rules![0]!.timeouts!.backendRequest = '2s'
    },
    [[[...R, 0, 'timeouts', 'backendRequest'], '2s']],
  ],
  [
    'a hostname changed and one removed',
    httpRoute,
    (f) => {
      f.hostnames = ['store.example.org']
    },
    [[['spec', 'hostnames'], ['store.example.org']]],
  ],
  [
    'a rule name cleared',
    httpRoute,
    (f) => {
      f.rules![2]!.name = undefined
    },
    [[[...R, 2, 'name'], REMOVE]],
  ],
  [
    'a parent picked in another namespace: namespace added, unknown key kept',
    httpRoute,
    (f) => {
      f.parentRefs![0] = parentRefForChoice(
        f.parentRefs![0],
        choice({
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          namespace: 'infra',
          name: 'shared',
          sectionName: 'https',
        }),
        'apps',
      )
    },
    [
      [['spec', 'parentRefs', 0, 'name'], 'shared'],
      [['spec', 'parentRefs', 0, 'sectionName'], 'https'],
      [['spec', 'parentRefs', 0, 'namespace'], 'infra'],
    ],
  ],
  [
    'a second parent added in the same namespace: no defaulted fields written',
    httpRoute,
    (f) => {
      f.parentRefs!.push(
        parentRefForChoice(
          undefined,
          choice({
            group: 'gateway.networking.k8s.io',
            kind: 'Gateway',
            namespace: 'apps',
            name: 'edge',
            port: 443,
          }),
          'apps',
        ),
      )
    },
    [[['spec', 'parentRefs', 1], { name: 'edge', port: 443 }]],
  ],
  [
    'rules reordered: each keeps its own unknown keys',
    httpRoute,
    (f) => {
      f.rules!.reverse()
    },
    [
      [[...R, 0], httpRoute.spec.rules[2]],
      [[...R, 2], httpRoute.spec.rules[0]],
    ],
  ],
  [
    'a gRPC method name next to the service',
    grpcRoute,
    (f) => {
      const match = f.rules![0]!.matches![0]!
      if (typeof match.method === 'object') match.method.method = 'Ping'
    },
    [[[...R, 0, 'matches', 0, 'method', 'method'], 'Ping']],
  ],
  [
    'a spec added to a route without one',
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'TCPRoute', metadata: { name: 't' }, x: 1 },
    (f) => {
      f.rules = [newRule('TCPRoute')]
    },
    [[['spec'], { rules: [{ backendRefs: [{ name: '' }] }] }]],
  ],
]

describe('writeRouteForm after one edit', () => {
  it.each(cases)('%s', (_name, input, edit, changes) => {
    const before = JSON.stringify(input)
    const form = structuredClone(readRouteForm(input))
    edit(form)
    const out = writeRouteForm(input, form)
    expect(JSON.stringify(out)).toBe(JSON.stringify(applyChanges(input, changes)))
    expect(JSON.stringify(input), 'the original is not mutated').toBe(before)
  })

  it('returns the original itself when nothing changed', () => {
    expect(writeRouteForm(httpRoute, readRouteForm(httpRoute))).toBe(httpRoute)
  })

  it('does not know fields the kind lacks: hostnames on a TCPRoute are kept, not read', () => {
    const tcp = {
      kind: 'TCPRoute',
      spec: { hostnames: ['x'], rules: [{ backendRefs: [{ name: 'a', filters: [1] }] }] },
    }
    const form = readRouteForm(tcp)
    expect(form.hostnames).toBeUndefined()
    expect(form.rules?.[0]?.backendRefs?.[0]?.filters).toBeUndefined()
    expect(writeRouteForm(tcp, { ...form, hostnames: ['y'] })).toBe(tcp)
  })

  it('refuses objects that are not routes', () => {
    expect(() => readRouteForm({ kind: 'Gateway' })).toThrow(/not a route kind/)
  })
})
