// The YAML editor's JSON Schema: the real Gateway API CRDs for the shape monaco-yaml gets, and a
// made-up CRD for each keyword the conversion changes.
import { describe, expect, it } from 'vitest'
import {
  type CrdLike,
  crdJsonSchema,
  type EditorJsonSchema,
  type JsonSchema,
  schemaUri,
} from '../../src/index.ts'
import { CHANNELS, crdFor, loadCrds } from '../validation/crds.ts'
import { crdWith } from '../validation/synthetic.ts'

function httpRouteCrd(): CrdLike {
  const found = crdFor('gateway.networking.k8s.io/v1', 'HTTPRoute')
  if (!found) throw new Error('HTTPRoute CRD not found')
  return found.crd
}

/** Every [path, key, value] in a JSON value. */
function* entries(value: unknown, path = ''): Generator<[string, string, unknown]> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* entries(item, `${path}[${i}]`)
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      yield [path, key, item]
      yield* entries(item, `${path}.${key}`)
    }
  }
}

const spec = (schema: EditorJsonSchema): EditorJsonSchema => schema.properties?.spec ?? {}

describe('crdJsonSchema on the Gateway API HTTPRoute v1', () => {
  const schema = crdJsonSchema(httpRouteCrd(), 'v1')

  it('keeps descriptions as hover docs', () => {
    const rule = spec(schema).properties?.rules?.items
    expect(rule?.properties?.backendRefs?.description).toMatch(/backend/i)
    expect(rule?.properties?.backendRefs?.items?.properties?.weight?.description).toMatch(/weight/i)
    expect(spec(schema).description).toBeTruthy()
  })

  it('fixes apiVersion and kind to this version and kind', () => {
    expect(schema.properties?.apiVersion?.enum).toEqual(['gateway.networking.k8s.io/v1'])
    expect(schema.properties?.kind?.enum).toEqual(['HTTPRoute'])
    expect(schema.required).toEqual(expect.arrayContaining(['apiVersion', 'kind', 'metadata']))
    expect(schema.$id).toBe('gatemap://schemas/gateway.networking.k8s.io/v1/HTTPRoute.json')
  })

  it('describes metadata, which the CRD leaves a bare object', () => {
    const metadata = schema.properties?.metadata
    for (const field of ['name', 'namespace', 'labels', 'annotations']) {
      expect(metadata?.properties?.[field]?.description, field).toBeTruthy()
    }
    expect(metadata?.properties?.labels?.additionalProperties).toEqual({ type: 'string' })
  })

  it('flags unknown fields where the CRD lists the properties', () => {
    expect(spec(schema).additionalProperties).toBe(false)
    expect(schema.additionalProperties).toBe(false)
  })

  it('keeps the CRD’s constraints', () => {
    const weight = spec(schema).properties?.rules?.items?.properties?.backendRefs?.items?.properties?.weight
    expect(weight).toMatchObject({ type: 'integer', minimum: 0, maximum: 1000000, default: 1 })
    expect(spec(schema).properties?.hostnames).toMatchObject({ type: 'array', maxItems: 16 })
    expect(spec(schema).properties?.hostnames?.items).toMatchObject({ type: 'string', maxLength: 253 })
  })

  it('leaves only patterns that RegExp compiles', () => {
    const patterns = [...entries(schema)].filter(([, key]) => key === 'pattern').map(([, , value]) => value)
    expect(patterns.length).toBeGreaterThan(5)
    for (const pattern of patterns) expect(() => new RegExp(String(pattern))).not.toThrow()
  })

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema)
  })

  it('throws naming the CRD and the version it does not serve', () => {
    expect(() => crdJsonSchema(httpRouteCrd(), 'v9')).toThrow(
      /httproutes\.gateway\.networking\.k8s\.io does not serve version v9/,
    )
  })
})

describe('crdJsonSchema on every Gateway API CRD', () => {
  const all = CHANNELS.flatMap((channel) =>
    loadCrds(channel).flatMap((crd) =>
      crd.spec.versions.filter((v) => v.served).map((v) => ({ channel, crd, version: v.name })),
    ),
  )

  it.each(all.map((x) => ({ ...x, name: `${x.channel} ${x.crd.spec.names.kind} ${x.version}` })))(
    '$name converts with no x-kubernetes- key and no unknown format',
    ({ crd, version }) => {
      const schema = crdJsonSchema(crd, version)
      for (const [path, key, value] of entries(schema)) {
        expect(key.startsWith('x-kubernetes-'), `${path}.${key}`).toBe(false)
        if (key === 'format') expect(['date-time', 'ipv4', 'ipv6']).toContain(value)
      }
    },
  )
})

describe('crdJsonSchema keyword by keyword', () => {
  const rows: { name: string; in: JsonSchema; out: EditorJsonSchema }[] = [
    {
      name: 'int-or-string becomes a union of integer and string',
      in: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
      out: { type: ['integer', 'string'] },
    },
    {
      name: 'nullable allows null',
      in: { type: 'string', nullable: true, enum: ['a', 'b'] },
      out: { type: ['string', 'null'], enum: ['a', 'b', null] },
    },
    {
      name: 'preserve-unknown-fields allows any property',
      in: {
        type: 'object',
        'x-kubernetes-preserve-unknown-fields': true,
        properties: { a: { type: 'string' } },
      },
      out: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true },
    },
    {
      name: 'listed properties close the object, recursively',
      in: { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'string' } } } } },
      out: {
        type: 'object',
        properties: {
          a: { type: 'object', properties: { b: { type: 'string' } }, additionalProperties: false },
        },
        additionalProperties: false,
      },
    },
    {
      name: 'a map keeps its value schema',
      in: { type: 'object', additionalProperties: { type: 'string', maxLength: 4 } },
      out: { type: 'object', additionalProperties: { type: 'string', maxLength: 4 } },
    },
    {
      name: 'a pattern RegExp cannot compile is dropped, a good one kept',
      in: {
        type: 'object',
        properties: {
          bad: { type: 'string', pattern: '^(?<x)$' },
          good: { type: 'string', pattern: '^a+$' },
        },
      },
      out: {
        type: 'object',
        properties: { bad: { type: 'string' }, good: { type: 'string', pattern: '^a+$' } },
        additionalProperties: false,
      },
    },
    {
      name: 'formats JSON Schema does not know are dropped',
      in: {
        type: 'object',
        properties: {
          n: { type: 'integer', format: 'int32' },
          t: { type: 'string', format: 'date-time' },
          ip: { type: 'string', format: 'ipv4' },
        },
      },
      out: {
        type: 'object',
        properties: {
          n: { type: 'integer' },
          t: { type: 'string', format: 'date-time' },
          ip: { type: 'string', format: 'ipv4' },
        },
        additionalProperties: false,
      },
    },
    {
      name: 'exclusive bounds become draft-07 numbers',
      in: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 10 },
      out: { type: 'number', exclusiveMinimum: 0, maximum: 10 },
    },
    {
      name: 'other x-kubernetes keys and combinators are dropped',
      in: {
        type: 'array',
        minItems: 1,
        maxItems: 3,
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['name'],
        'x-kubernetes-validations': [{ rule: 'self.size() > 0' }],
        items: {
          type: 'object',
          required: ['name'],
          'x-kubernetes-map-type': 'atomic',
          oneOf: [{ required: ['a'] }, { required: ['b'] }],
          properties: { name: { type: 'string', default: 'x', minLength: 1 } },
        },
      },
      out: {
        type: 'array',
        minItems: 1,
        maxItems: 3,
        items: {
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string', default: 'x', minLength: 1 } },
          additionalProperties: false,
        },
      },
    },
  ]

  it.each(rows)('$name', (row) => {
    expect(spec(crdJsonSchema(crdWith(row.in), 'v1'))).toEqual(row.out)
  })

  it('gives no namespace to a cluster-scoped kind', () => {
    const crd = crdWith({ type: 'object' })
    const clusterScoped: CrdLike = { ...crd, spec: { ...crd.spec, scope: 'Cluster' } }
    const metadata = crdJsonSchema(clusterScoped, 'v1').properties?.metadata
    expect(metadata?.properties?.name).toBeDefined()
    expect(metadata?.properties?.namespace).toBeUndefined()
  })

  it('throws for a version the CRD lists but does not serve', () => {
    expect(() => crdJsonSchema(crdWith({}), 'v2')).toThrow(/widgets\.example\.com does not serve version v2/)
  })

  it('throws for a served version without a schema', () => {
    expect(() => crdJsonSchema(crdWith({}), 'v3')).toThrow(/widgets\.example\.com has no openAPIV3Schema/)
  })
})

describe('schemaUri', () => {
  it('is stable per group, version and kind', () => {
    expect(schemaUri('gateway.networking.k8s.io', 'HTTPRoute', 'v1')).toBe(
      'gatemap://schemas/gateway.networking.k8s.io/v1/HTTPRoute.json',
    )
    expect(schemaUri('', 'Service', 'v1')).toBe('gatemap://schemas/core/v1/Service.json')
  })
})
