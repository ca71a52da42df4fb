// Runs every x-kubernetes-validations rule at its schema node, the way apiextensions-apiserver's CEL
// validator walks an object: rules of a node see it as `self` (and its old value as `oldSelf`, which
// only a map key, a property or an x-kubernetes-list-type=map entry can be matched with), null and
// absent values are not visited, and a rule that is not `true` yields one finding.
import { isCelError } from '@bufbuild/cel'
import type { FieldPath } from '../loader/types.ts'
import { type CompiledRule, compiledRules } from './cel-compile.ts'
import { CelValues } from './cel-values.ts'
import { isObject, jsonEqual } from './json.ts'
import type { FieldErrorType, JsonSchema, ValidationFinding } from './types.ts'

interface Run {
  findings: ValidationFinding[]
  values: CelValues
  oldValues: CelValues
}

const NO_OLD = Symbol('no old value')
type Old = unknown | typeof NO_OLD

/** CEL findings for `value`; pass `oldValue` to run transition rules too. */
export function validateCel(value: unknown, schema: JsonSchema, oldValue: Old = NO_OLD): ValidationFinding[] {
  const run: Run = { findings: [], values: new CelValues(), oldValues: new CelValues() }
  walk(run, value, schema, [], oldValue)
  return run.findings
}

export { NO_OLD }

function walk(run: Run, value: unknown, schema: JsonSchema, path: FieldPath, old: Old): void {
  if (value === null || value === undefined) return
  evaluateRules(run, value, schema, path, old)
  for (const sub of schema.allOf ?? []) evaluateRules(run, value, sub, path, old)
  if (Array.isArray(value)) {
    const items = schema.items
    if (items === undefined) return
    for (const [i, item] of value.entries())
      walk(run, item, items, [...path, i], correlateItem(schema, item, old))
  } else if (isObject(value)) {
    const additional =
      typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined
    const oldObject = isObject(old) ? old : undefined
    for (const [key, child] of Object.entries(value)) {
      const childSchema = schema.properties?.[key] ?? additional
      if (childSchema === undefined) continue
      const oldChild = oldObject !== undefined && key in oldObject ? oldObject[key] : NO_OLD
      walk(run, child, childSchema, [...path, key], oldChild)
    }
  }
}

/** The old entry of a map list with the same keys; other lists have no stable identity for items. */
function correlateItem(schema: JsonSchema, item: unknown, old: Old): Old {
  if (schema['x-kubernetes-list-type'] !== 'map' || !Array.isArray(old) || !isObject(item)) return NO_OLD
  const keys = schema['x-kubernetes-list-map-keys'] ?? []
  const match = old.find((o) => isObject(o) && keys.every((k) => jsonEqual(o[k], item[k])))
  return match === undefined ? NO_OLD : match
}

const REASON_TYPES: Record<string, FieldErrorType> = {
  FieldValueForbidden: 'Forbidden',
  FieldValueRequired: 'Required',
  FieldValueDuplicate: 'Duplicate',
  FieldValueInvalid: 'Invalid',
}

function evaluateRules(run: Run, value: unknown, schema: JsonSchema, path: FieldPath, old: Old): void {
  const rules = compiledRules(schema)
  if (rules.length === 0) return
  const bindings: Record<string, unknown> = { self: run.values.of(value, schema) }
  if (old !== NO_OLD) bindings.oldSelf = run.oldValues.of(old, schema)
  for (const compiled of rules) {
    const finding = (message: string, type: FieldErrorType = 'Invalid', at: FieldPath = path) =>
      run.findings.push({
        path: at,
        message,
        source: 'cel',
        severity: 'error',
        type,
        rule: compiled.rule.rule,
      })
    if (compiled.error !== undefined || compiled.program === undefined) {
      finding(compiled.error ?? 'rule compile error')
      continue
    }
    if (compiled.usesOldSelf && old === NO_OLD) continue
    const result = compiled.program(bindings)
    if (result === true) continue
    if (isCelError(result)) {
      finding(`${result.message} evaluating rule: ${ruleName(compiled)}`)
      continue
    }
    if (typeof result !== 'boolean') {
      finding(`rule returned ${typeof result}, not a bool: ${ruleName(compiled)}`)
      continue
    }
    const at = compiled.rule.fieldPath ? [...path, ...parseRuleFieldPath(compiled.rule.fieldPath)] : path
    finding(message(compiled, bindings), REASON_TYPES[compiled.rule.reason ?? ''] ?? 'Invalid', at)
  }
}

function ruleName(compiled: CompiledRule): string {
  return (compiled.rule.message ?? compiled.rule.rule).trim()
}

/** messageExpression when it yields a non-empty string, else message, else the rule itself. */
function message(compiled: CompiledRule, bindings: Record<string, unknown>): string {
  if (compiled.messageProgram !== undefined) {
    const text = compiled.messageProgram(bindings)
    if (typeof text === 'string' && text.trim() !== '' && !text.includes('\n')) return text
  }
  const fixed = compiled.rule.message?.trim()
  return fixed ? fixed : `failed rule: ${compiled.rule.rule.trim()}`
}

/** A rule's fieldPath (`.spec.foo`, `.labels['a.b']`) as path segments below the rule's node. */
export function parseRuleFieldPath(text: string): FieldPath {
  const out: string[] = []
  const token = /\.([^.[\]]+)|\['((?:[^'\\]|\\.)*)'\]/g
  let match: RegExpExecArray | null = token.exec(text)
  while (match !== null) {
    out.push(match[1] ?? (match[2] ?? '').replace(/\\(.)/g, '$1'))
    match = token.exec(text)
  }
  return out
}
