// A route verdict keeps no checks: each parentRef's and backendRef's are judged again when read
// (routes.ts, backends.ts). These tests hold the two promises that makes: the verdict keeps none of
// them, and what is read is what was judged with the verdict, on every example and after any
// sequence of changes an Analyzer is refreshed through.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { prng } from '../../bench/prng.ts'
import { generateRealistic } from '../../bench/realistic.ts'
import { Analyzer } from '../../src/analysis/analyzer.ts'
import { failureLead } from '../../src/analysis/failure-lead.ts'
import { findings } from '../../src/analysis/findings.ts'
import type { RouteVerdict } from '../../src/analysis/routes.ts'
import { CANNOT_CHECK } from '../../src/conditions.ts'
import type { KubeObject } from '../../src/index.ts'
import { parseManifests } from '../../src/loader/parse.ts'

const examplesDir = join(import.meta.dirname, '../../../examples')

function exampleObjects(folder: string): KubeObject[] {
  const dir = join(examplesDir, folder)
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parseManifests(readFileSync(join(dir, f), 'utf8'), f).objects.map((o) => o.object))
}

function realisticObjects(routes: number): KubeObject[] {
  return [...generateRealistic(routes).files].flatMap(([file, text]) =>
    parseManifests(text, file).objects.map((o) => o.object),
  )
}

function analyze(objects: Iterable<KubeObject>): Analyzer {
  const analyzer = new Analyzer({ assumeAbsentGatewayClasses: true })
  for (const o of objects) analyzer.upsert(o)
  analyzer.refresh()
  return analyzer
}

/** A verdict's explanations, as a person reading it would get them. */
function explanations(r: RouteVerdict) {
  return {
    parents: r.parents.map((p) => ({ accepted: p.accepted, checks: p.explain() })),
    backends: r.backends.map((b) => ({ reason: b.reason, checks: b.explain() })),
  }
}

const folders = readdirSync(examplesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)

describe('explanations built when read', () => {
  it.each(folders)(
    'examples/%s: what is read agrees with the verdict, and the verdict keeps none of it',
    (folder) => {
      const analyzer = analyze(exampleObjects(folder))
      const routes = [...analyzer.routes]
      expect(routes.length).toBeGreaterThan(0)
      for (const r of routes) {
        for (const p of r.parents) {
          const checks = p.explain()
          expect(checks.length).toBeGreaterThan(0)
          expect(p.explain()).toEqual(checks)
          expect(p.explain()).not.toBe(checks)
          expect(p.lead).toEqual(failureLead(checks, r.ref))
          if (p.accepted.status === 'False') expect(checks.some((c) => c.outcome === 'fail')).toBe(true)
          // Kept, a check would show here as its rule and outcome.
          expect(JSON.stringify(p)).not.toMatch(/"outcome"/)
        }
        for (const b of r.backends) {
          const checks = b.explain()
          if (b.reason !== 'ResolvedRefs' && b.reason !== CANNOT_CHECK)
            expect(checks.some((c) => c.outcome === 'fail')).toBe(true)
          expect(JSON.stringify(b)).not.toMatch(/"outcome"/)
        }
        expect(r.backendsLead).toEqual(
          failureLead(
            r.backends.flatMap((b) => b.explain()),
            r.ref,
          ),
        )
      }
    },
  )

  it('findings without explanations point at the same fields, with the same fixes', () => {
    const analyzer = analyze(realisticObjects(200))
    const full = findings(analyzer, { keep: false })
    const bare = findings(analyzer, { keep: false, explain: false })
    expect(bare.map(({ checks: _, ...rest }) => rest)).toEqual(full.map(({ checks: _, ...rest }) => rest))
    const routeFindings = bare.filter((f) => f.object.kind.endsWith('Route'))
    expect(routeFindings.length).toBeGreaterThan(20)
    expect(routeFindings.every((f) => f.checks.length === 0)).toBe(true)
    expect(full.filter((f) => f.object.kind.endsWith('Route')).some((f) => f.checks.length > 0)).toBe(true)
  })

  it('after any sequence of changes, reads what a fresh analysis of the same objects judges', () => {
    const world = new Map<string, KubeObject>()
    const key = (o: KubeObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`
    for (const o of realisticObjects(120)) world.set(key(o), o)
    const analyzer = analyze(world.values())
    const rand = prng(5)
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
    const removed: KubeObject[] = []
    // Gateways, grants, Services and routes are what route checks name: remove and restore them,
    // and rename a listener, so routes are re-judged, or left alone, across many states.
    const kinds = ['Gateway', 'ReferenceGrant', 'Service', 'HTTPRoute', 'Namespace']
    for (let step = 0; step < 40; step++) {
      const roll = rand()
      if (roll < 0.35 && removed.length > 0) {
        const back = removed.splice(Math.floor(rand() * removed.length), 1)[0]!
        world.set(key(back), back)
        analyzer.upsert(back)
      } else if (roll < 0.8) {
        const kind = pick(kinds)
        const candidates = [...world.values()].filter((o) => o.kind === kind)
        if (candidates.length === 0) continue
        const gone = pick(candidates)
        world.delete(key(gone))
        removed.push(gone)
        analyzer.remove(gone.kind, gone.metadata.namespace ?? '', gone.metadata.name)
      } else {
        const gateways = [...world.values()].filter((o) => o.kind === 'Gateway')
        if (gateways.length === 0) continue
        const g = structuredClone(pick(gateways)) as KubeObject & { spec: { listeners: { name: string }[] } }
        const l = g.spec.listeners[0]
        if (l) l.name = `${l.name}-${step}`
        world.set(key(g), g)
        analyzer.upsert(g)
      }
      analyzer.refresh()
      if (step % 8 !== 7) continue
      const fresh = analyze(world.values())
      const got = new Map([...analyzer.routes].map((r) => [r.key, explanations(r)]))
      const want = new Map([...fresh.routes].map((r) => [r.key, explanations(r)]))
      expect(got).toEqual(want)
    }
  })
})

describe('explanations kept with the verdict (AnalyzerOptions.keepExplanations)', () => {
  it.each(folders)('examples/%s: the same as those built when read', (folder) => {
    const objects = exampleObjects(folder)
    const kept = new Analyzer({ assumeAbsentGatewayClasses: true, keepExplanations: true })
    for (const o of objects) kept.upsert(o)
    kept.refresh()
    const whenRead = analyze(objects)
    const got = new Map(
      [...kept.routes].map((r) => [r.key, { ...explanations(r), lead: r.parents.map((p) => p.lead) }]),
    )
    const want = new Map(
      [...whenRead.routes].map((r) => [r.key, { ...explanations(r), lead: r.parents.map((p) => p.lead) }]),
    )
    expect(got).toEqual(want)
    expect(findings(kept)).toEqual(findings(whenRead))
  })

  it('gives a copy each time, so a reader that changes it changes nothing kept', () => {
    const analyzer = new Analyzer({ assumeAbsentGatewayClasses: true, keepExplanations: true })
    for (const o of exampleObjects('broken')) analyzer.upsert(o)
    analyzer.refresh()
    const parent = [...analyzer.routes].flatMap((r) => r.parents)[0]!
    const first = parent.explain()
    const length = first.length
    first.push(first[0]!)
    expect(parent.explain()).toHaveLength(length)
  })
})
