// OpenAPI v3 value validation of a custom resource as kube-apiserver does it (kube-openapi's
// validator driven by apiextensions-apiserver), reporting Kubernetes field error types so callers can
// tell which errors keep the API server from running CEL rules.
import type { FieldPath } from '../loader/types.ts'
import { compilePattern, formatProblem } from './formats.ts'
import { codePointLength, isObject, jsonEqual, jsonType } from './json.ts'
import { listTypeFindings } from './lists.ts'
import { formatFieldPath, showValue } from './path.ts'
import type { FieldErrorType, JsonSchema, ValidationFinding } from './types.ts'

interface Walk {
  findings: ValidationFinding[]
  /** Inside allOf/anyOf/oneOf/not: value checks only, no unknown-field or list-type checks. */
  branch: boolean
  /** Top-level fields checked elsewhere (metadata) or ignored by the endpoint (status). */
  skipRootFields: ReadonlySet<string>
}

export interface SchemaOptions {
  skipRootFields?: Iterable<string>
}

/** Every schema finding for `value`: errors, and warnings for fields the schema does not know. */
export function validateSchema(
  value: unknown,
  schema: JsonSchema,
  options: SchemaOptions = {},
): ValidationFinding[] {
  const walk: Walk = { findings: [], branch: false, skipRootFields: new Set(options.skipRootFields) }
  check(walk, value, schema, [])
  return walk.findings
}

function add(
  walk: Walk,
  path: FieldPath,
  type: FieldErrorType,
  message: string,
  severity: 'error' | 'warning' = 'error',
) {
  walk.findings.push({ path, message, source: 'schema', severity, type })
}

function typeMatches(type: string, value: unknown): boolean {
  const actual = jsonType(value)
  return actual === type || (type === 'number' && actual === 'integer')
}

function check(walk: Walk, value: unknown, schema: JsonSchema, path: FieldPath): void {
  if (value === null) {
    // A nullable null passes every other check; a non-nullable one is a type error.
    if (schema.nullable !== true && schema.type !== undefined) {
      add(walk, path, 'TypeInvalid', `must be of type ${schema.type}, not null`)
    }
    return
  }
  if (schema['x-kubernetes-int-or-string'] === true) {
    if (jsonType(value) !== 'integer' && typeof value !== 'string') {
      add(walk, path, 'TypeInvalid', `must be an integer or a string, not ${jsonType(value)}`)
      return
    }
  } else if (schema.type !== undefined && !typeMatches(schema.type, value)) {
    add(walk, path, 'TypeInvalid', `must be of type ${schema.type}, not ${jsonType(value)}`)
    return
  }
  if (schema.enum !== undefined && !schema.enum.some((allowed) => jsonEqual(allowed, value))) {
    const supported = schema.enum.map((v) => JSON.stringify(v)).join(', ')
    add(walk, path, 'NotSupported', `Unsupported value: ${showValue(value)}: supported values: ${supported}`)
  }
  if (typeof value === 'string') checkString(walk, value, schema, path)
  else if (typeof value === 'number') checkNumber(walk, value, schema, path)
  else if (Array.isArray(value)) checkArray(walk, value, schema, path)
  else if (isObject(value)) checkObject(walk, value, schema, path)
  checkComposition(walk, value, schema, path)
}

function checkString(walk: Walk, value: string, schema: JsonSchema, path: FieldPath): void {
  const length = schema.minLength !== undefined || schema.maxLength !== undefined ? codePointLength(value) : 0
  if (schema.maxLength !== undefined && length > schema.maxLength) {
    add(walk, path, 'TooLong', `Too long: may not be more than ${schema.maxLength} characters`)
  }
  if (schema.minLength !== undefined && length < schema.minLength) {
    add(walk, path, 'Invalid', `should be at least ${schema.minLength} chars long`)
  }
  if (schema.pattern !== undefined && !compilePattern(schema.pattern).test(value)) {
    add(walk, path, 'Invalid', `Invalid value: ${showValue(value)}: should match '${schema.pattern}'`)
  }
  const problem = schema.format === undefined ? undefined : formatProblem(schema.format, value)
  // kube-openapi reports a format mismatch as a type error, which also keeps CEL rules from running.
  if (problem !== undefined) add(walk, path, 'TypeInvalid', `Invalid value: ${showValue(value)}: ${problem}`)
}

function checkNumber(walk: Walk, value: number, schema: JsonSchema, path: FieldPath): void {
  const { minimum, maximum } = schema
  if (maximum !== undefined && (schema.exclusiveMaximum === true ? value >= maximum : value > maximum)) {
    const how = schema.exclusiveMaximum === true ? 'less than' : 'less than or equal to'
    add(walk, path, 'Invalid', `Invalid value: ${value}: should be ${how} ${maximum}`)
  }
  if (minimum !== undefined && (schema.exclusiveMinimum === true ? value <= minimum : value < minimum)) {
    const how = schema.exclusiveMinimum === true ? 'greater than' : 'greater than or equal to'
    add(walk, path, 'Invalid', `Invalid value: ${value}: should be ${how} ${minimum}`)
  }
}

function checkArray(walk: Walk, value: readonly unknown[], schema: JsonSchema, path: FieldPath): void {
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    add(walk, path, 'TooMany', `Too many: ${value.length}: must have at most ${schema.maxItems} items`)
  }
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    add(walk, path, 'Invalid', `should have at least ${schema.minItems} items`)
  }
  if (schema.items !== undefined) {
    for (const [i, item] of value.entries()) check(walk, item, schema.items, [...path, i])
  }
  if (!walk.branch) walk.findings.push(...listTypeFindings(value, schema, path))
}

function checkObject(walk: Walk, value: Record<string, unknown>, schema: JsonSchema, path: FieldPath): void {
  const root = path.length === 0
  const keys = Object.keys(value).filter((k) => !(root && walk.skipRootFields.has(k)))
  for (const name of schema.required ?? []) {
    if (!(name in value) && !(root && walk.skipRootFields.has(name)))
      add(walk, [...path, name], 'Required', 'Required value')
  }
  if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) {
    add(walk, path, 'TooMany', `Too many: ${keys.length}: must have at most ${schema.maxProperties} items`)
  }
  if (schema.minProperties !== undefined && keys.length < schema.minProperties) {
    add(walk, path, 'Invalid', `should have at least ${schema.minProperties} properties`)
  }
  const additional = schema.additionalProperties
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true
  for (const key of keys) {
    const child = value[key]
    const prop = schema.properties?.[key]
    if (prop !== undefined) check(walk, child, prop, [...path, key])
    else if (typeof additional === 'object') check(walk, child, additional, [...path, key])
    else if (additional === false) add(walk, [...path, key], 'Forbidden', 'Forbidden: field not allowed')
    else if (!walk.branch && !preserve && !(root && (key === 'apiVersion' || key === 'kind'))) {
      // The API server prunes unknown fields, or refuses them under strict field validation.
      add(walk, [...path, key], 'Invalid', `unknown field "${formatFieldPath([...path, key])}"`, 'warning')
    }
  }
}

/** Errors of `value` against one branch schema, without touching the main walk. */
function branchErrors(walk: Walk, value: unknown, schema: JsonSchema, path: FieldPath): ValidationFinding[] {
  const sub: Walk = { findings: [], branch: true, skipRootFields: walk.skipRootFields }
  check(sub, value, schema, path)
  return sub.findings.filter((f) => f.severity === 'error')
}

function fewest(results: ValidationFinding[][]): ValidationFinding[] {
  return results.reduce((best, r) => (r.length < best.length ? r : best), results[0] ?? [])
}

function checkComposition(walk: Walk, value: unknown, schema: JsonSchema, path: FieldPath): void {
  for (const sub of schema.allOf ?? []) {
    const errors = branchErrors(walk, value, sub, path)
    walk.findings.push(...errors)
    if (errors.length > 0) add(walk, path, 'Invalid', 'must validate all the schemas (allOf)')
  }
  if (schema.anyOf !== undefined) {
    const results = schema.anyOf.map((sub) => branchErrors(walk, value, sub, path))
    if (!results.some((r) => r.length === 0)) {
      add(walk, path, 'Invalid', 'must validate at least one schema (anyOf)')
      walk.findings.push(...fewest(results))
    }
  }
  if (schema.oneOf !== undefined) {
    const results = schema.oneOf.map((sub) => branchErrors(walk, value, sub, path))
    const passing = results.filter((r) => r.length === 0).length
    if (passing !== 1) {
      const found = passing === 0 ? 'Found none valid' : `Found ${passing} valid alternatives`
      add(walk, path, 'Invalid', `must validate one and only one schema (oneOf). ${found}`)
      if (passing === 0) walk.findings.push(...fewest(results))
    }
  }
  if (schema.not !== undefined && branchErrors(walk, value, schema.not, path).length === 0) {
    add(walk, path, 'Invalid', 'must not validate the schema (not)')
  }
}
