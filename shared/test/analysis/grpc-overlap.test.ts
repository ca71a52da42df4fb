// The indexed HTTPRoute/GRPCRoute hostname overlap must name the same HTTPRoute as comparing every
// pair with hostnamesIntersect (the definition), for any mix of exact, wildcard, upper-case and
// missing hostnames.
import { describe, expect, it } from 'vitest'
import { prng } from '../../bench/prng.ts'
import { overlappingHttpRoutes } from '../../src/analysis/grpc-overlap.ts'
import { hostnamesIntersect } from '../../src/hostnames.ts'
import type { Route } from '../../src/types/gateway.ts'

const route = (kind: 'HTTPRoute' | 'GRPCRoute', name: string, hostnames?: string[]): Route =>
  ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind,
    metadata: { namespace: 'ns', name },
    spec: hostnames === undefined ? {} : { hostnames },
  }) as Route

/** The definition: the first HTTPRoute with a hostname in common, a route without any having all. */
function pairwise(http: Route[], grpc: Route[]): (Route | undefined)[] {
  const names = (r: Route) => (r.spec?.hostnames ?? []) as string[]
  return grpc.map((g) =>
    http.find((h) => {
      const hs = names(h)
      const gs = names(g)
      if (hs.length === 0 || gs.length === 0) return true
      return hs.some((a) => gs.some((b) => hostnamesIntersect(a, b)))
    }),
  )
}

const POOL = [
  'a.example.com',
  'A.Example.com',
  'b.example.com',
  '*.example.com',
  '*.EXAMPLE.com',
  'x.a.example.com',
  '*.a.example.com',
  'example.com',
  '*.com',
  'other.org',
  '*.other.org',
  '',
]

describe('HTTPRoute and GRPCRoute sharing a hostname', () => {
  it('names the first overlapping HTTPRoute, as comparing every pair does', () => {
    const rand = prng(7)
    const pick = () => POOL[Math.floor(rand() * POOL.length)]!
    const hostnames = () => {
      const roll = rand()
      if (roll < 0.1) return undefined
      // Mostly one or two; an empty string (any) now and then.
      return Array.from({ length: 1 + Math.floor(rand() * 2) }, () => (rand() < 0.05 ? '' : pick()))
    }
    let overlaps = 0
    let none = 0
    for (let round = 0; round < 400; round++) {
      const http = Array.from({ length: Math.floor(rand() * 6) }, (_, i) =>
        route('HTTPRoute', `h${i}`, hostnames()),
      )
      const grpc = Array.from({ length: 1 + Math.floor(rand() * 4) }, (_, i) =>
        route('GRPCRoute', `g${i}`, hostnames()),
      )
      const expected = pairwise(http, grpc)
      expect(overlappingHttpRoutes(http, grpc), JSON.stringify({ http, grpc })).toEqual(expected)
      for (const e of expected) e ? overlaps++ : none++
    }
    // Both answers are common, so the comparison covers each.
    expect(overlaps).toBeGreaterThan(100)
    expect(none).toBeGreaterThan(100)
  })

  it('a wildcard GRPCRoute hostname meets an exact HTTPRoute one, and the earlier HTTPRoute wins', () => {
    const http = [route('HTTPRoute', 'late', ['other.org']), route('HTTPRoute', 'shop', ['Shop.Example.com'])]
    const grpc = [route('GRPCRoute', 'rpc', ['*.example.com']), route('GRPCRoute', 'lone', ['*.example.net'])]
    expect(overlappingHttpRoutes(http, grpc).map((r) => r?.metadata.name)).toEqual(['shop', undefined])
    expect(overlappingHttpRoutes([], grpc)).toEqual([undefined, undefined])
  })
})
