// A listener's routing table kept between changes (tableRows with `keep`, which the dashboard's
// findings use) reorders and remarks only the hostnames whose rows changed. Over random edits of
// many routes crowding one listener, with ties and shadows on every hostname, its findings must be
// those of a fresh analysis after every change.
import { describe, expect, it } from 'vitest'
import { prng } from '../../bench/prng.ts'
import { Analyzer, analyze } from '../../src/analysis/analyzer.ts'
import { findings } from '../../src/analysis/findings.ts'
import type { KubeObject } from '../../src/index.ts'
import { objectKey } from '../../src/kinds.ts'
import { backend, gateway, gatewayClass, route, service } from '../analysis/fixtures.ts'

const HOSTNAMES = ['a.example.com', 'b.example.com', '*.example.com']
const PATHS = ['/', '/api', '/api/v1', '/x']
const CREATED = ['2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', undefined]

const TABLE_CODES = new Set(['ShadowedRule', 'PrecedenceTie'])

const tableFindings = (analyzer: Analyzer, keep: boolean) =>
  findings(analyzer, { keep, explain: false })
    .filter((f) => TABLE_CODES.has(f.code))
    .map((f) => `${f.code} ${f.object.kind}/${f.object.name} ${f.path}: ${f.message}`)

function randomRoute(rand: () => number, name: string): KubeObject {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!
  const created = pick(CREATED)
  const grpc = rand() < 0.15
  const hostnames = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 2) }, () => pick(HOSTNAMES)))]
  const rules = Array.from({ length: 1 + Math.floor(rand() * 3) }, () =>
    grpc
      ? { matches: [{ method: { service: pick(['a.S', 'b.S']) } }], backendRefs: [backend('web')] }
      : {
          matches: [{ path: { type: pick(['PathPrefix', 'Exact']), value: pick(PATHS) } }],
          backendRefs: [backend('web')],
        },
  )
  return route(
    grpc ? 'GRPCRoute' : 'HTTPRoute',
    'shop',
    name,
    { parentRefs: [{ name: 'edge', sectionName: 'web' }], hostnames, rules },
    created ? { creationTimestamp: created } : {},
  )
}

describe("a listener's routing table kept between changes", () => {
  it('gives the findings of a fresh analysis after every edit', () => {
    const rand = prng(11)
    const live = new Map<string, KubeObject>()
    const keyOf = (o: KubeObject) => objectKey(o.kind, o.metadata.namespace, o.metadata.name)
    const analyzer = new Analyzer()
    const put = (o: KubeObject) => {
      analyzer.upsert(o)
      live.set(keyOf(o), o)
    }
    put(gatewayClass())
    put(
      gateway('shop', 'edge', [
        {
          name: 'web',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }, { kind: 'GRPCRoute' }] },
        },
      ]),
    )
    put(service('shop', 'web'))
    // Past the 64 routes from which a listener's table is kept.
    for (let i = 0; i < 80; i++) put(randomRoute(rand, `r${i}`))
    analyzer.refresh()

    const seen = new Set<string>()
    for (let step = 0; step < 60; step++) {
      const name = `r${Math.floor(rand() * 84)}`
      const existing = [...live.values()].find((o) => o.metadata.name === name && o.kind.endsWith('Route'))
      if (existing && rand() < 0.25) {
        analyzer.remove(existing.kind, existing.metadata.namespace, existing.metadata.name)
        live.delete(keyOf(existing))
      } else {
        // A route of another kind under the same name would be another object: remove it first.
        if (existing) {
          analyzer.remove(existing.kind, existing.metadata.namespace, existing.metadata.name)
          live.delete(keyOf(existing))
        }
        put(randomRoute(rand, name))
      }
      analyzer.refresh()
      const kept = tableFindings(analyzer, true)
      expect(kept, `step ${step}`).toEqual(tableFindings(analyze(live.values()), false))
      for (const f of kept) seen.add(f.split(' ')[0]!)
    }
    // The edits made both kinds of finding, so the comparison covered them.
    expect([...seen].sort()).toEqual(['PrecedenceTie', 'ShadowedRule'])
  })
})
