// The listener's rule index finds the same matching rules as judging every rule, and is rebuilt
// when the Analyzer changes; a trace's candidates are still every other rule with its reason.
import { describe, expect, it } from 'vitest'
import { analyze } from '../../src/analysis/analyzer.ts'
import type { KubeObject } from '../../src/index.ts'
import { type Contender, contenders } from '../../src/routing/candidates.ts'
import { parseHeader, parseHttpRequest, traceRequest } from '../../src/routing/index.ts'
import { sortByPrecedence } from '../../src/routing/precedence.ts'
import type { HttpRequest } from '../../src/routing/request.ts'
import { httpContenders, listenerRoutes } from '../../src/routing/rule-index.ts'
import { gateway, gatewayClass, http, route, service } from '../analysis/fixtures.ts'

const edge = { kind: 'Gateway' as const, namespace: 'shop', name: 'edge' }

// Paths of every type, trailing slashes, '/', '' and a dropped rule (an unknown path type), with
// methods, headers and hostnames that decide between rules whose paths both match.
const routes: KubeObject[] = [
  route('HTTPRoute', 'shop', 'a', {
    parentRefs: [{ name: 'edge' }],
    rules: [
      { matches: [{ path: { type: 'Exact', value: '/api/v1' } }] },
      {
        matches: [
          { path: { type: 'PathPrefix', value: '/api/' } },
          { path: { type: 'PathPrefix', value: '/api/v1/' } },
        ],
      },
      { matches: [{ path: { type: 'PathPrefix', value: '/api' }, method: 'POST' }] },
      { matches: [{ path: { type: 'RegularExpression', value: '/api/v[0-9]+/items' } }] },
      { matches: [{ path: { type: 'Glob', value: '/api/v1/items' } }] },
      {},
    ],
  }),
  route('HTTPRoute', 'shop', 'b', {
    parentRefs: [{ name: 'edge' }],
    hostnames: ['b.example.com'],
    rules: [
      {
        matches: [
          { path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'x-canary', value: 'true' }] },
        ],
      },
      { matches: [{ path: { type: 'PathPrefix', value: '/api/v1/items' } }] },
      { matches: [{ path: { type: 'PathPrefix', value: '' } }] },
    ],
  }),
  route('HTTPRoute', 'shop', 'c', {
    parentRefs: [{ name: 'edge' }],
    hostnames: ['*.example.com'],
    rules: [
      {
        matches: [
          { path: { type: 'Exact', value: '/api/v1/items' }, queryParams: [{ name: 'q', value: '1' }] },
        ],
      },
      { matches: [{ path: { type: 'PathPrefix', value: '/api/v1/items/' } }] },
    ],
  }),
]

const world = () =>
  analyze([gatewayClass(), gateway('shop', 'edge', [http('http')]), service('shop', 'web'), ...routes])

const summary = (cs: Contender[]) =>
  sortByPrecedence([...cs]).map((c) => [c.attached.ref.name, c.rule, c.match, c.key.join(',')].join(' '))

describe('rule index', () => {
  const requests = [
    'GET http://a.example.com/api/v1',
    'GET http://a.example.com/api/v1/',
    'GET http://b.example.com/api/v1/items',
    'GET http://b.example.com/api/v1/items/7',
    'GET http://b.example.com/api/v1/items?q=1',
    'GET http://c.example.com/api/v1/items?q=1',
    'POST http://other.org/api',
    'GET http://other.org/apix',
    'GET http://b.example.com/',
  ]
  for (const line of requests) {
    for (const headers of [[], ['x-canary: true']]) {
      it(`finds what judging every rule finds: ${line} ${headers.join(' ')}`, () => {
        const analyzer = world()
        const gw = analyzer.gateway('shop', 'edge')!
        const l = gw.listeners[0]!
        const section = { owner: l.owner, section: l.name }
        const request = parseHttpRequest(line, headers.map(parseHeader)) as HttpRequest
        const host = request.authority.split(':')[0]
        const lr = listenerRoutes(analyzer, section, l.hostname)
        const everyRule = contenders(lr.attached, request, host).matching
        expect(everyRule.length).toBeGreaterThan(0)
        expect(summary(httpContenders(lr, request, host))).toEqual(summary(everyRule))
      })
    }
  }

  it('passes over a dropped rule although its path is indexed', () => {
    // Rule 4's path, were it read as a prefix, would be the longest; rule 1's '/api/v1/' wins instead.
    const r = traceRequest(world(), edge, parseHttpRequest('GET http://other.org/api/v1/items', []))
    expect(r.route?.name).toBe('a')
    expect(r.rule?.index).toBe(1)
    const dropped = r.candidates.find((c) => c.name === 'a' && c.rule === 4)
    expect(dropped?.step).toBe('rule dropped')
  })

  it('is rebuilt after a change: a route added later takes the request', () => {
    const analyzer = world()
    const line = 'GET http://other.org/api/v1/items/new'
    expect(traceRequest(analyzer, edge, parseHttpRequest(line, [])).route?.name).toBe('a')
    analyzer.upsert(
      route('HTTPRoute', 'shop', 'd', {
        parentRefs: [{ name: 'edge' }],
        rules: [{ matches: [{ path: { type: 'Exact', value: '/api/v1/items/new' } }] }],
      }),
    )
    const after = traceRequest(analyzer, edge, parseHttpRequest(line, []))
    expect(after.route?.name).toBe('d')
    expect(after.candidates.some((c) => c.name === 'a' && c.step === 'Exact path')).toBe(true)
  })

  it('gives the candidates as a plain array in JSON, every rule but the winner', () => {
    const r = traceRequest(world(), edge, parseHttpRequest('GET http://b.example.com/api/v1/items', []))
    const json = JSON.parse(JSON.stringify(r)) as { candidates: unknown[] }
    // 6 + 3 + 2 rules on the listener, one of them the winner.
    expect(json.candidates).toHaveLength(10)
    expect(json.candidates).toEqual(r.candidates)
  })
})
