// Reading a form and writing it back unchanged gives the object back exactly (JSON-identical, key
// order included) for every route and every Gateway/ListenerSet in the examples and the conformance
// suite; the form also sees what is there, so the identity is not bought by reading nothing.
import { describe, expect, it } from 'vitest'
import {
  isRouteKind,
  ROUTE_KINDS,
  readListenersForm,
  readRouteForm,
  writeListenersForm,
  writeRouteForm,
} from '../../../src/index.ts'
import { type CorpusObject, conformanceObjects, exampleObjects } from './corpus.ts'

function roundTrip(corpus: CorpusObject[]) {
  const kinds = new Set<string>()
  const counts = {
    routes: 0,
    listenerOwners: 0,
    rules: 0,
    backendRefs: 0,
    matches: 0,
    filters: 0,
    listeners: 0,
  }
  const failures: string[] = []
  for (const { where, object } of corpus) {
    const before = JSON.stringify(object)
    if (isRouteKind(object.kind)) {
      counts.routes++
      kinds.add(object.kind)
      const form = readRouteForm(object)
      for (const rule of form.rules ?? []) {
        counts.rules++
        counts.backendRefs += rule.backendRefs?.length ?? 0
        counts.matches += rule.matches?.length ?? 0
        counts.filters += rule.filters?.length ?? 0
      }
      // Once as read, once through a copy, so equality by value is tested and not only identity.
      for (const f of [form, structuredClone(form)]) {
        if (JSON.stringify(writeRouteForm(object, f)) !== before) failures.push(where)
      }
    } else if (object.kind === 'Gateway' || object.kind === 'ListenerSet') {
      counts.listenerOwners++
      const form = readListenersForm(object)
      counts.listeners += form.listeners?.length ?? 0
      for (const f of [form, structuredClone(form)]) {
        if (JSON.stringify(writeListenersForm(object, f)) !== before) failures.push(where)
      }
    }
    expect(JSON.stringify(object), `${where} was mutated`).toBe(before)
  }
  return { counts, failures, kinds }
}

// The floors sit a little under today's counts (examples: 49 routes, 16 Gateways/ListenerSets;
// conformance v1.6.1: 190 routes, 120 Gateways/ListenerSets), so losing a file or a kind fails.
describe('form round-trip', () => {
  it('keeps every example route and Gateway exactly', () => {
    const { counts, failures } = roundTrip(exampleObjects())
    expect(failures).toEqual([])
    expect(counts.routes).toBeGreaterThanOrEqual(45)
    expect(counts.listenerOwners).toBeGreaterThanOrEqual(14)
    expect(counts.backendRefs).toBeGreaterThanOrEqual(50)
    expect(counts.matches).toBeGreaterThanOrEqual(15)
    expect(counts.listeners).toBeGreaterThanOrEqual(30)
  })

  it('keeps every conformance manifest route and Gateway exactly', () => {
    const { counts, failures, kinds } = roundTrip(conformanceObjects())
    expect(failures).toEqual([])
    expect([...kinds].sort()).toEqual([...ROUTE_KINDS].sort())
    expect(counts.routes).toBeGreaterThanOrEqual(180)
    expect(counts.listenerOwners).toBeGreaterThanOrEqual(110)
    expect(counts.rules).toBeGreaterThanOrEqual(300)
    expect(counts.matches).toBeGreaterThanOrEqual(220)
    expect(counts.filters).toBeGreaterThanOrEqual(100)
    expect(counts.listeners).toBeGreaterThanOrEqual(160)
  })
})
