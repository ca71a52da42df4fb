// A listener's routes and rule index updated for the routes the Analyzer re-judged answer every
// trace as one rebuilt from scratch: two Analyzers take the same random upserts and removes, one
// keeps its index across them, the other forgets it before each trace. On examples/routing and on
// 10,000 HTTPRoutes on one listener.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { oneListener } from '../../bench/trace.ts'
import { Analyzer } from '../../src/analysis/analyzer.ts'
import type { KubeObject } from '../../src/index.ts'
import { parseManifests } from '../../src/loader/parse.ts'
import { parseHttpRequest, type TraceTarget, traceRequest } from '../../src/routing/index.ts'
import { forgetListenerRoutes, listenerRoutes } from '../../src/routing/rule-index.ts'

const examples = join(import.meta.dirname, '../../../examples/routing')

function routingExample(): KubeObject[] {
  return ['gateway.yaml', 'routes.yaml'].flatMap((f) =>
    parseManifests(readFileSync(join(examples, f), 'utf8'), f).objects.map((o) => o.object as KubeObject),
  )
}

/** A small deterministic generator, so a failure replays. */
function random(seed: number) {
  let s = seed >>> 0
  const next = () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! }
}

const PATHS = ['/', '/api', '/api/', '/api/v2', '/r1', '/r1/x', '/promo', '/old', '/old/', '/r7']

type Rng = ReturnType<typeof random>

function rule(rng: Rng): Record<string, unknown> {
  const type = rng.pick(['PathPrefix', 'PathPrefix', 'Exact', 'RegularExpression', 'Glob'])
  const match: Record<string, unknown> = {
    path: { type, value: type === 'RegularExpression' ? '/r[0-9]+/x' : rng.pick(PATHS) },
  }
  if (rng.next() < 0.3) match.headers = [{ name: 'x-canary', value: 'true' }]
  if (rng.next() < 0.2) match.method = 'POST'
  return { matches: [match], backendRefs: [{ name: rng.pick(['svc', 'web', 'missing']), port: 8080 }] }
}

/** One random change: a route edited, added, removed or moved off the listener; a Service touched; rarely the Gateway. */
function change(rng: Rng, world: Map<string, KubeObject>, gatewayRef: { namespace: string; name: string }) {
  const routes = [...world.values()].filter((o) => o.kind === 'HTTPRoute')
  const roll = rng.next()
  const key = (o: KubeObject) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`
  if (roll < 0.45 && routes.length > 0) {
    const r = structuredClone(rng.pick(routes)) as KubeObject & { spec: Record<string, unknown> }
    r.spec.rules = Array.from({ length: 1 + Math.floor(rng.next() * 3) }, () => rule(rng))
    if (rng.next() < 0.3) r.spec.hostnames = [rng.pick(['shop.example.com', '*.example.com', 'other.org'])]
    if (rng.next() < 0.15) r.spec.parentRefs = [{ ...gatewayRef, sectionName: 'no-such-listener' }]
    return { upsert: r }
  }
  if (roll < 0.65) {
    const name = `new-${Math.floor(rng.next() * 1e6)}`
    const r = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { namespace: routes[0]?.metadata.namespace ?? 'default', name },
      spec: { parentRefs: [gatewayRef], hostnames: ['shop.example.com'], rules: [rule(rng), rule(rng)] },
    } as KubeObject
    return { upsert: r }
  }
  if (roll < 0.85 && routes.length > 0) return { remove: key(rng.pick(routes)) }
  if (roll < 0.95) {
    const namespace = routes[0]?.metadata.namespace ?? 'default'
    return {
      upsert: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { namespace, name: rng.pick(['svc', 'web', 'missing']) },
        spec: { ports: [{ port: 8080 + Math.floor(rng.next() * 2) }] },
      } as KubeObject,
    }
  }
  // A Gateway change re-judges listeners: the index cannot tell what changed and is rebuilt.
  const gw = structuredClone(world.get(`Gateway/${gatewayRef.namespace}/${gatewayRef.name}`)!)
  gw.metadata.labels = { touched: String(rng.next()) }
  return { upsert: gw }
}

/** The trace's answer without its candidates (on a crowded listener reading them judges every rule). */
function answer(
  a: Analyzer,
  target: TraceTarget,
  line: string,
  headers: [string, string][],
  withCandidates: boolean,
) {
  const r = traceRequest(a, target, parseHttpRequest(line, headers))
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(r)) if (k !== 'candidates' || withCandidates) out[k] = r[k as keyof typeof r]
  return JSON.parse(JSON.stringify(out)) as unknown
}

function run(opts: {
  objects: KubeObject[]
  target: TraceTarget
  requests: string[]
  steps: number
  seed: number
  withCandidates: boolean
}) {
  const { objects, target, requests } = opts
  const kept = new Analyzer()
  const rebuilt = new Analyzer()
  const world = new Map<string, KubeObject>()
  for (const o of objects) {
    world.set(`${o.kind}/${o.metadata.namespace}/${o.metadata.name}`, o)
    kept.upsert(o)
    rebuilt.upsert(o)
  }
  const rng = random(opts.seed)
  const headerSets: [string, string][][] = [[], [['x-canary', 'true']]]
  kept.refresh()
  const gw = kept.gateway(target.namespace, target.name)!
  const l = gw.listeners[0]!
  const section = { owner: l.owner, section: l.name }
  let reused = 0
  let compared = 0
  for (let step = 0; step <= opts.steps; step++) {
    if (step > 0) {
      const c = change(rng, world, { namespace: target.namespace, name: target.name })
      if (c.upsert) {
        const o = c.upsert
        world.set(`${o.kind}/${o.metadata.namespace}/${o.metadata.name}`, o)
        kept.upsert(o)
        rebuilt.upsert(o)
      } else if (c.remove) {
        const o = world.get(c.remove)!
        world.delete(c.remove)
        kept.remove(o.kind, o.metadata.namespace, o.metadata.name)
        rebuilt.remove(o.kind, o.metadata.namespace, o.metadata.name)
      }
    }
    const previous = new Set(listenerRoutesBefore.get(kept) ?? [])
    const now = listenerRoutes(kept, section, l.hostname).attached
    if (now.some((a) => previous.has(a))) reused++
    listenerRoutesBefore.set(kept, now)
    forgetListenerRoutes(rebuilt)
    for (const line of requests) {
      for (const headers of headerSets) {
        expect(answer(kept, target, line, headers, opts.withCandidates), `step ${step}: ${line}`).toEqual(
          answer(rebuilt, target, line, headers, opts.withCandidates),
        )
        compared++
      }
    }
  }
  return { reused, compared }
}

const listenerRoutesBefore = new WeakMap<Analyzer, readonly unknown[]>()

describe('the rule index updated after a change', () => {
  it('answers as a rebuilt one on examples/routing, candidates included (40 random changes)', () => {
    const { reused, compared } = run({
      objects: routingExample(),
      target: { kind: 'Gateway', namespace: 'routing-demo', name: 'edge' },
      requests: [
        'GET http://shop.example.com/api/v2/items',
        'GET http://shop.example.com/promo',
        'POST http://shop.example.com/api',
        'GET http://shop.example.com/old/page',
        'GET http://other.org/r1/x',
        'GET http://a.example.com/',
      ],
      steps: 40,
      seed: 7,
      withCandidates: true,
    })
    // Most steps kept the routes nothing changed (the rest were Gateway changes, which rebuild).
    expect(reused).toBeGreaterThan(20)
    expect(compared).toBe(41 * 12)
  })

  it('answers as a rebuilt one on 10,000 HTTPRoutes on one listener (8 random changes)', () => {
    const { reused } = run({
      objects: oneListener(10_000),
      target: { kind: 'Gateway', namespace: 'infra', name: 'edge' },
      requests: [
        'GET http://shop.example.com/r1/x',
        'GET http://shop.example.com/r7',
        'GET http://shop.example.com/',
      ],
      steps: 8,
      seed: 11,
      withCandidates: false,
    })
    expect(reused).toBeGreaterThan(4)
  }, 300_000)

  it('says which routes were re-judged, and cannot tell once a Gateway was', () => {
    const a = new Analyzer()
    for (const o of oneListener(3)) a.upsert(o)
    a.refresh()
    const at = a.revision
    const r = structuredClone(oneListener(3)[4]!)
    r.metadata.labels = { edited: 'yes' }
    a.upsert(r)
    a.remove('HTTPRoute', 'team', 'route-2')
    // Before the refresh nothing has been re-judged yet.
    expect([...(a.rejudgedSince(at) ?? ['none'])]).toEqual([])
    a.refresh()
    expect([...(a.rejudgedSince(at) ?? ['none'])].sort()).toEqual([
      'HTTPRoute/team/route-1',
      'HTTPRoute/team/route-2',
    ])
    expect([...(a.rejudgedSince(a.revision) ?? ['none'])]).toEqual([])
    const gw = structuredClone(oneListener(0)[1]!)
    gw.metadata.labels = { edited: 'yes' }
    a.upsert(gw)
    a.refresh()
    expect(a.rejudgedSince(at)).toBeUndefined()
  })
})
