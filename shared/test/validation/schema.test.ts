// One table row per OpenAPI keyword: a value that passes, one that fails, and the exact path and
// Kubernetes error type reported.
import { describe, expect, test } from 'vitest'
import { type FieldPath, type JsonSchema, validateObject } from '../../src/index.ts'
import { crdWith, widget } from './synthetic.ts'

const obj = (properties: Record<string, JsonSchema>, extra: JsonSchema = {}): JsonSchema => ({
  type: 'object',
  properties,
  ...extra,
})

interface Row {
  name: string
  schema: JsonSchema
  pass: unknown
  fail: unknown
  path: FieldPath
  type: string
  severity?: 'error' | 'warning'
}

const ROWS: Row[] = [
  {
    name: 'type string',
    schema: obj({ a: { type: 'string' } }),
    pass: { a: 'x' },
    fail: { a: 1 },
    path: ['spec', 'a'],
    type: 'TypeInvalid',
  },
  {
    name: 'type integer',
    schema: obj({ a: { type: 'integer' } }),
    pass: { a: 2 },
    fail: { a: 2.5 },
    path: ['spec', 'a'],
    type: 'TypeInvalid',
  },
  {
    name: 'type number',
    schema: obj({ a: { type: 'number' } }),
    pass: { a: 2.5 },
    fail: { a: '2' },
    path: ['spec', 'a'],
    type: 'TypeInvalid',
  },
  {
    name: 'type boolean',
    schema: obj({ a: { type: 'boolean' } }),
    pass: { a: true },
    fail: { a: 'true' },
    path: ['spec', 'a'],
    type: 'TypeInvalid',
  },
  {
    name: 'type array',
    schema: obj({ a: { type: 'array', items: { type: 'string' } } }),
    pass: { a: ['x'] },
    fail: { a: [1] },
    path: ['spec', 'a', 0],
    type: 'TypeInvalid',
  },
  {
    name: 'nullable',
    schema: obj({ a: { type: 'string', nullable: true }, b: { type: 'array', items: { type: 'string' } } }),
    pass: { a: null },
    fail: { b: [null] },
    path: ['spec', 'b', 0],
    type: 'TypeInvalid',
  },
  {
    name: 'required',
    schema: obj({ a: { type: 'string' } }, { required: ['a'] }),
    pass: { a: 'x' },
    fail: {},
    path: ['spec', 'a'],
    type: 'Required',
  },
  {
    name: 'enum',
    schema: obj({ a: { type: 'string', enum: ['x', 'y'] } }),
    pass: { a: 'y' },
    fail: { a: 'z' },
    path: ['spec', 'a'],
    type: 'NotSupported',
  },
  {
    name: 'pattern',
    schema: obj({ a: { type: 'string', pattern: '^[a-z]+$' } }),
    pass: { a: 'abc' },
    fail: { a: 'aBc' },
    path: ['spec', 'a'],
    type: 'Invalid',
  },
  {
    name: 'pattern (?i)',
    schema: obj({ a: { type: 'string', pattern: '^(?i)[a-z]+$' } }),
    pass: { a: 'aBc' },
    fail: { a: 'a1' },
    path: ['spec', 'a'],
    type: 'Invalid',
  },
  {
    name: 'minLength',
    schema: obj({ a: { type: 'string', minLength: 2 } }),
    pass: { a: 'ab' },
    fail: { a: 'a' },
    path: ['spec', 'a'],
    type: 'Invalid',
  },
  // Four code points, eight UTF-16 units: Kubernetes counts code points.
  {
    name: 'maxLength in code points',
    schema: obj({ a: { type: 'string', maxLength: 4 } }),
    pass: { a: '😀😀😀😀' },
    fail: { a: '😀😀😀😀😀' },
    path: ['spec', 'a'],
    type: 'TooLong',
  },
  {
    name: 'minimum',
    schema: obj({ a: { type: 'integer', minimum: 1 } }),
    pass: { a: 1 },
    fail: { a: 0 },
    path: ['spec', 'a'],
    type: 'Invalid',
  },
  {
    name: 'maximum',
    schema: obj({ a: { type: 'integer', maximum: 65535 } }),
    pass: { a: 65535 },
    fail: { a: 65536 },
    path: ['spec', 'a'],
    type: 'Invalid',
  },
  {
    name: 'exclusiveMinimum',
    schema: obj({ a: { type: 'number', minimum: 0, exclusiveMinimum: true } }),
    pass: { a: 0.1 },
    fail: { a: 0 },
    path: ['spec', 'a'],
    type: 'Invalid',
  },
  {
    name: 'exclusiveMaximum',
    schema: obj({ a: { type: 'number', maximum: 1, exclusiveMaximum: true } }),
    pass: { a: 0.9 },
    fail: { a: 1 },
    path: ['spec', 'a'],
    type: 'Invalid',
  },
  {
    name: 'minItems',
    schema: obj({ a: { type: 'array', minItems: 1, items: { type: 'string' } } }),
    pass: { a: ['x'] },
    fail: { a: [] },
    path: ['spec', 'a'],
    type: 'Invalid',
  },
  {
    name: 'maxItems',
    schema: obj({ a: { type: 'array', maxItems: 1, items: { type: 'string' } } }),
    pass: { a: ['x'] },
    fail: { a: ['x', 'y'] },
    path: ['spec', 'a'],
    type: 'TooMany',
  },
  {
    name: 'minProperties',
    schema: obj({ a: { type: 'object', minProperties: 1, additionalProperties: { type: 'string' } } }),
    pass: { a: { k: 'v' } },
    fail: { a: {} },
    path: ['spec', 'a'],
    type: 'Invalid',
  },
  {
    name: 'maxProperties',
    schema: obj({ a: { type: 'object', maxProperties: 1, additionalProperties: { type: 'string' } } }),
    pass: { a: { k: 'v' } },
    fail: { a: { k: 'v', l: 'w' } },
    path: ['spec', 'a'],
    type: 'TooMany',
  },
  {
    name: 'additionalProperties schema',
    schema: obj({ a: { type: 'object', additionalProperties: { type: 'integer' } } }),
    pass: { a: { k: 1 } },
    fail: { a: { k: 'x' } },
    path: ['spec', 'a', 'k'],
    type: 'TypeInvalid',
  },
  {
    name: 'format ipv4',
    schema: obj({ a: { type: 'string', format: 'ipv4' } }),
    pass: { a: '192.0.2.1' },
    fail: { a: '192.0.2' },
    path: ['spec', 'a'],
    type: 'TypeInvalid',
  },
  {
    name: 'format ipv6',
    schema: obj({ a: { type: 'string', format: 'ipv6' } }),
    pass: { a: '2001:db8::1' },
    fail: { a: '192.0.2.1' },
    path: ['spec', 'a'],
    type: 'TypeInvalid',
  },
  {
    name: 'format date-time',
    schema: obj({ a: { type: 'string', format: 'date-time' } }),
    pass: { a: '2024-01-02T03:04:05Z' },
    fail: { a: '2024-13-02T03:04:05Z' },
    path: ['spec', 'a'],
    type: 'TypeInvalid',
  },
  {
    name: 'int-or-string',
    schema: obj({ a: { 'x-kubernetes-int-or-string': true } }),
    pass: { a: '50%' },
    fail: { a: true },
    path: ['spec', 'a'],
    type: 'TypeInvalid',
  },
  {
    name: 'anyOf',
    schema: obj({ a: { type: 'string', anyOf: [{ format: 'ipv4' }, { format: 'ipv6' }] } }),
    pass: { a: '::1' },
    fail: { a: 'host' },
    path: ['spec', 'a'],
    type: 'Invalid',
  },
  {
    name: 'oneOf',
    schema: obj({ a: { type: 'integer', oneOf: [{ minimum: 5 }, { maximum: 1 }] } }),
    pass: { a: 7 },
    fail: { a: 3 },
    path: ['spec', 'a'],
    type: 'Invalid',
  },
  {
    name: 'not',
    schema: obj({ a: { type: 'string', not: { enum: ['x'] } } }),
    pass: { a: 'y' },
    fail: { a: 'x' },
    path: ['spec', 'a'],
    type: 'Invalid',
  },
  {
    name: 'list-type set',
    schema: obj({ a: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } } }),
    pass: { a: ['x', 'y'] },
    fail: { a: ['x', 'y', 'x'] },
    path: ['spec', 'a', 2],
    type: 'Duplicate',
  },
  {
    name: 'list-type map',
    schema: obj({
      a: {
        type: 'array',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['name', 'port'],
        items: obj({ name: { type: 'string' }, port: { type: 'integer' }, x: { type: 'string' } }),
      },
    }),
    pass: {
      a: [
        { name: 'a', port: 1 },
        { name: 'a', port: 2 },
      ],
    },
    fail: {
      a: [
        { name: 'a', port: 1, x: 'p' },
        { name: 'a', port: 1, x: 'q' },
      ],
    },
    path: ['spec', 'a', 1],
    type: 'Duplicate',
  },
  {
    name: 'unknown field (warning)',
    schema: obj({ a: { type: 'string' } }),
    pass: { a: 'x' },
    fail: { a: 'x', b: 1 },
    path: ['spec', 'b'],
    type: 'Invalid',
    severity: 'warning',
  },
  {
    name: 'preserve-unknown-fields',
    schema: obj({
      a: {
        type: 'object',
        'x-kubernetes-preserve-unknown-fields': true,
        properties: { n: { type: 'integer' } },
      },
    }),
    pass: { a: { n: 1, anything: { goes: true } } },
    fail: { a: { n: 'one' } },
    path: ['spec', 'a', 'n'],
    type: 'TypeInvalid',
  },
]

describe.each(ROWS)('$name', (row) => {
  const crd = crdWith(row.schema)
  test('passes', () => {
    expect(validateObject(crd, widget(row.pass)).findings).toEqual([])
  })
  test('fails at the exact path', () => {
    const findings = validateObject(crd, widget(row.fail)).findings.filter((f) => f.source !== 'cel')
    expect(findings.map((f) => ({ path: f.path, type: f.type, severity: f.severity }))).toContainEqual({
      path: row.path,
      type: row.type,
      severity: row.severity ?? 'error',
    })
    expect(findings.every((f) => f.source === 'schema')).toBe(true)
  })
})

describe('metadata', () => {
  const crd = crdWith(obj({}))
  test.each([
    [{ name: 'Bad_Name', namespace: 'ns' }, ['metadata', 'name']],
    [{ name: 'a'.repeat(254), namespace: 'ns' }, ['metadata', 'name']],
    [{ name: 'ok', namespace: 'Not.A.Label' }, ['metadata', 'namespace']],
    [{ namespace: 'ns' }, ['metadata', 'name']],
  ])('%j is refused at %j', (metadata, path) => {
    const findings = validateObject(crd, widget({}, { metadata })).findings
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.path)).toContainEqual(path)
  })

  test('generateName stands in for name; dotted names are subdomains', () => {
    expect(validateObject(crd, widget({}, { metadata: { generateName: 'w-' } })).findings).toEqual([])
    expect(validateObject(crd, widget({}, { metadata: { name: 'a.b-c' } })).findings).toEqual([])
  })
})

test('status is ignored with a status subresource unless the status subresource is written', () => {
  const crd = crdWith(obj({}))
  const object = widget({}, { status: { phase: 'Running' } })
  expect(validateObject(crd, object).findings).toEqual([])
  const errors = validateObject(crd, object, { subresource: 'status' }).findings.filter(
    (f) => f.severity === 'error',
  )
  expect(errors.map((f) => f.path)).toEqual([['status', 'phase']])
})
