// CEL evaluation details, defaulting, and bad inputs that must become findings, never exceptions.
import { describe, expect, test } from 'vitest'
import {
  CEL_SKIPPED_MESSAGE,
  type JsonSchema,
  locateFindings,
  parseManifests,
  type ValidationRule,
  validateObject,
} from '../../src/index.ts'
import { crdFor } from './crds.ts'
import { crdWith, widget } from './synthetic.ts'

const spec = (rules: ValidationRule[], properties: Record<string, JsonSchema> = {}): JsonSchema => ({
  type: 'object',
  properties: {
    name: { type: 'string', default: 'dflt' },
    n: { type: 'integer' },
    ratio: { type: 'number' },
    namespace: { type: 'string' },
    'x-y': { type: 'string' },
    tags: { type: 'array', items: { type: 'string', maxLength: 3 } },
    code: { type: 'string', pattern: '^[a-z]+$' },
    ...properties,
  },
  'x-kubernetes-validations': rules,
})

function cel(rules: ValidationRule[], value: Record<string, unknown>, old?: Record<string, unknown>) {
  const result = validateObject(crdWith(spec(rules)), widget(value), {
    oldObject: old === undefined ? undefined : widget(old),
  })
  return result.findings.filter((f) => f.source === 'cel')
}

describe('rule evaluation', () => {
  test('self is the node; integers are ints, numbers doubles; defaults are visible', () => {
    expect(
      cel([{ rule: "self.n == 1 && self.ratio == 0.5 && self.name == 'dflt'" }], { n: 1, ratio: 0.5 }),
    ).toEqual([])
    expect(cel([{ rule: 'self.n == 2', message: 'n must be 2' }], { n: 1 })).toMatchObject([
      { path: ['spec'], message: 'n must be 2', severity: 'error', type: 'Invalid', rule: 'self.n == 2' },
    ])
  })

  test('escaped property names, as Kubernetes exposes them', () => {
    expect(
      cel([{ rule: "self.__namespace__ == 'a' && self.x__dash__y == 'b'" }], { namespace: 'a', 'x-y': 'b' }),
    ).toEqual([])
  })

  test('without a message the rule itself is shown', () => {
    expect(cel([{ rule: 'self.n > 5' }], { n: 1 })[0]?.message).toBe('failed rule: self.n > 5')
  })

  test('messageExpression, fieldPath and reason', () => {
    const [finding] = cel(
      [
        {
          rule: 'self.n > 5',
          messageExpression: "'n is ' + string(self.n)",
          fieldPath: '.n',
          reason: 'FieldValueForbidden',
        },
      ],
      { n: 1 },
    )
    expect(finding).toMatchObject({ path: ['spec', 'n'], message: 'n is 1', type: 'Forbidden' })
  })

  test('a runtime error is a finding naming the rule', () => {
    const [finding] = cel([{ rule: 'self.code == "x"', message: 'code check' }], {})
    expect(finding?.message).toMatch(/code.*evaluating rule: code check/)
  })

  test('transition rules run only with an old object', () => {
    const rule = [{ rule: 'self.n == oldSelf.n', message: 'immutable' }]
    expect(cel(rule, { n: 1 })).toEqual([])
    expect(cel(rule, { n: 1 }, { n: 1 })).toEqual([])
    expect(cel(rule, { n: 2 }, { n: 1 })).toMatchObject([{ message: 'immutable' }])
  })

  test('Kubernetes functions: isIP and format.dns1123Label', () => {
    expect(
      cel(
        [
          {
            rule: "isIP('192.0.2.1') && isIP('2001:db8::1') && !isIP('::ffff:192.0.2.1') && !isIP('01.2.3.4')",
          },
        ],
        {},
      ),
    ).toEqual([])
    expect(cel([{ rule: "format.dns1123Label().validate('Bad_').size() == 1" }], {})).toEqual([])
    expect(cel([{ rule: "format.dns1123Label().validate('good').size() == 0" }], {})).toEqual([])
    // A Kubernetes optional never equals null (cel-go), so this is false even for a valid label.
    expect(cel([{ rule: "format.dns1123Label().validate('good') == null" }], {})).toHaveLength(1)
  })
})

describe('the API server order', () => {
  const failing = [{ rule: 'false', message: 'always' }]

  test('a blocking schema error (TooLong) skips every rule, with a note', () => {
    const findings = validateObject(crdWith(spec(failing)), widget({ tags: ['toolong'] })).findings
    expect(findings.map((f) => [f.type, f.source, f.severity])).toEqual([
      ['TooLong', 'schema', 'error'],
      ['Invalid', 'cel', 'warning'],
    ])
    expect(findings[1]?.message).toBe(CEL_SKIPPED_MESSAGE)
  })

  test('a non-blocking schema error (pattern) still runs the rules', () => {
    const findings = validateObject(crdWith(spec(failing)), widget({ code: 'A' })).findings
    expect(findings.map((f) => f.source)).toEqual(['schema', 'cel'])
  })
})

describe('defaults', () => {
  const schema: JsonSchema = {
    type: 'object',
    properties: {
      list: {
        type: 'array',
        items: { type: 'object', properties: { kind: { type: 'string', default: 'Service' } } },
      },
      map: {
        type: 'object',
        additionalProperties: { type: 'object', properties: { w: { type: 'integer', default: 1 } } },
      },
      nested: { type: 'object', default: {}, properties: { inner: { type: 'string', default: 'x' } } },
      gone: { type: 'string' },
    },
  }

  test('apply in items, map values and inside inserted defaults; the input is left alone', () => {
    const input = { list: [{}], map: { a: {} }, gone: null }
    const before = structuredClone(input)
    const { defaulted } = validateObject(crdWith(schema), widget(input))
    expect((defaulted as { spec: unknown }).spec).toEqual({
      list: [{ kind: 'Service' }],
      map: { a: { w: 1 } },
      nested: { inner: 'x' },
    })
    expect(input).toEqual(before)
  })
})

describe('bad inputs are findings, never exceptions', () => {
  const crd = crdWith(spec([]))

  test.each([
    [
      'a version without a schema',
      crd,
      widget({}, { apiVersion: 'example.com/v3' }),
      /no openAPIV3Schema for version v3/,
    ],
    [
      'a version not served',
      crd,
      widget({}, { apiVersion: 'example.com/v2' }),
      /does not serve version v2 \(served: v1, v3\)/,
    ],
    ['another group', crd, widget({}, { apiVersion: 'other.io/v1' }), /not in group example.com/],
    ['another kind', crd, widget({}, { kind: 'Gadget' }), /must be Widget/],
    ['no apiVersion', crd, { kind: 'Widget' }, /apiVersion/],
    ['null', crd, null, /must be a JSON object, not null/],
    ['an array', crd, [], /not an array/],
    ['a string', crd, 'spec: {}', /not string/],
    ['a CRD that is not one', { hello: 1 }, widget({}), /the CRD has no spec/],
    ['a CRD of null', null, widget({}), /the CRD has no spec/],
  ])('%s', (_, badCrd, object, message) => {
    const result = validateObject(badCrd, object)
    expect(result.valid).toBe(false)
    expect(result.findings).toHaveLength(1)
    expect(result.findings[0]?.message).toMatch(message)
  })

  test.each([
    ['a syntax error', 'self.n ==', /rule compile error: syntax error/],
    ['an unknown function', 'frobnicate(self.n)', /unknown function frobnicate\(\)/],
    [
      'a Kubernetes function Gatemap lacks',
      "isCIDR('10.0.0.0/8')",
      /Kubernetes CEL function isCIDR\(\) is not implemented/,
    ],
  ])('a rule with %s', (_, rule, message) => {
    const findings = cel([{ rule }], { n: 1 })
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ severity: 'error', rule })
    expect(findings[0]?.message).toMatch(message)
  })
})

test('findings map to lines and columns of the source text', () => {
  const text = [
    'apiVersion: gateway.networking.k8s.io/v1',
    'kind: HTTPRoute',
    'metadata:',
    '  name: r',
    'spec:',
    '  rules:',
    '  - matches:',
    '    - path: {type: Prefix, value: /}',
    '',
  ].join('\n')
  const [loaded] = parseManifests(text, 'r.yaml', { defaultNamespace: 'ns' }).objects
  const crd = crdFor('gateway.networking.k8s.io/v1', 'HTTPRoute')?.crd
  const errors = validateObject(crd, loaded!.object).findings.filter((f) => f.severity === 'error')
  expect(locateFindings(loaded!, errors)).toMatchObject([
    { path: ['spec', 'rules', 0, 'matches', 0, 'path', 'type'], file: 'r.yaml', line: 8, column: 14 },
  ])
})
