// The short rule summary on route nodes: match types marked, methods kept, L4 kinds without matches.
import { describe, expect, it } from 'vitest'
import { ruleMatches } from '../../src/topology/rule-summary.ts'

describe('ruleMatches', () => {
  it.each([
    ['HTTPRoute', { rules: [{}] }, ['/']],
    ['HTTPRoute', { rules: [{ matches: [{ path: { type: 'Exact', value: '/healthz' } }] }] }, ['=/healthz']],
    [
      'HTTPRoute',
      { rules: [{ matches: [{ path: { type: 'RegularExpression', value: '/v[0-9]+' } }] }] },
      ['~/v[0-9]+'],
    ],
    [
      'HTTPRoute',
      {
        rules: [
          { matches: [{ path: { value: '/api' }, method: 'POST' }, { path: { value: '/api' } }] },
          { matches: [{ path: { value: '/api' } }] },
        ],
      },
      ['POST /api', '/api'],
    ],
    [
      'GRPCRoute',
      {
        rules: [
          { matches: [{ method: { service: 'echo.Echo', method: 'Ping' } }, { method: { service: 'x.Y' } }] },
        ],
      },
      ['echo.Echo/Ping', 'x.Y/*'],
    ],
    ['GRPCRoute', { rules: [{}] }, ['*/*']],
    ['TCPRoute', { rules: [{ backendRefs: [] }] }, []],
    ['HTTPRoute', undefined, []],
    ['HTTPRoute', { rules: 'not a list' }, []],
  ])('%s %j', (kind, spec, expected) => {
    expect(ruleMatches(kind, spec as { rules?: unknown })).toEqual(expected)
  })
})
