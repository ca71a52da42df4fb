// Real manifests validate as the API server judges them: the conformance suite's and examples/ pass
// without errors; examples/broken fails exactly where a real API server refuses it, for the same reason.
import { describe, expect, test } from 'vitest'
import { type ValidationFinding, validateObject } from '../../src/index.ts'
import { type CorpusObject, conformanceObjects, exampleObjects } from './corpus.ts'
import { crdFor } from './crds.ts'

function errorsOf({ object }: CorpusObject): ValidationFinding[] {
  const hit = crdFor(String(object.apiVersion), String(object.kind))
  if (!hit) return [{ path: [], message: 'no CRD', source: 'crd', severity: 'error', type: 'Invalid' }]
  return validateObject(hit.crd, object).findings.filter((f) => f.severity === 'error')
}

function failures(objects: CorpusObject[]): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const o of objects) {
    const errors = errorsOf(o)
    if (errors.length > 0) out[o.id] = errors.map((e) => `${e.path.join('.')}: ${e.message}`)
  }
  return out
}

// The Gateway API objects of e2e/test/cluster/examples.test.ts KNOWN_REJECTED (its Secrets are not
// Gateway API objects), with the reason the API server gives.
const KNOWN_REJECTED: Record<string, { path: string; message: RegExp; type: string }[]> = {
  'broken/10-gateways.yaml: Gateway/misconfigured': [
    {
      path: 'spec.listeners',
      message: /Combination of port, protocol and hostname must be unique/,
      type: 'Invalid',
    },
  ],
  'broken/40-routes-rules.yaml: HTTPRoute/ingress-style-path': [
    {
      path: 'spec.rules.0.matches.0.path.type',
      message: /Unsupported value: "Prefix"/,
      type: 'NotSupported',
    },
  ],
  'broken/40-routes-rules.yaml: HTTPRoute/all-rules-unsupported': [
    { path: 'spec.rules.0.matches.0.path.type', message: /"ImplementationSpecific"/, type: 'NotSupported' },
    { path: 'spec.rules.1.matches.0.path.type', message: /"Prefix"/, type: 'NotSupported' },
  ],
  'broken/40-routes-rules.yaml: HTTPRoute/redirect-and-rewrite': [
    {
      path: 'spec.rules.0.filters',
      message: /either httpRouteFilterRequestRedirect or .*, but not both/,
      type: 'Invalid',
    },
  ],
}

describe('conformance manifests', () => {
  const objects = conformanceObjects()

  test('are read', () => {
    expect(objects.length).toBeGreaterThan(300)
  })

  test('every Gateway API object validates without errors', () => {
    expect(failures(objects)).toEqual({})
  })
})

describe('examples/', () => {
  const objects = exampleObjects()
  const broken = objects.filter((o) => o.id.startsWith('broken/'))

  test('are read', () => {
    expect(objects.length).toBeGreaterThan(40)
    expect(broken.length).toBeGreaterThan(10)
  })

  test('every object outside broken/ validates without errors', () => {
    expect(failures(objects.filter((o) => !broken.includes(o)))).toEqual({})
  })

  test('broken/ is refused exactly where the API server refuses it', () => {
    expect(Object.keys(failures(broken)).sort()).toEqual(Object.keys(KNOWN_REJECTED).sort())
  })

  test.each(Object.entries(KNOWN_REJECTED))('%s: for the same reason', (id, expected) => {
    const object = broken.find((o) => o.id === id)
    expect(object).toBeDefined()
    const errors = errorsOf(object!)
    expect(errors.map((e) => ({ path: e.path.join('.'), type: e.type }))).toEqual(
      expected.map(({ path, type }) => ({ path, type })),
    )
    for (const [i, e] of expected.entries()) expect(errors[i]?.message).toMatch(e.message)
  })
})
