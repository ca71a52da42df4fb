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
  memo: CelMemo | undefined
}

/** A finding of one schema node's rules, with its path below that node. */
interface Remembered {
  below: FieldPath
  message: string
  type: FieldErrorType
  rule: string | undefined
}

/**
 * The findings of a schema node's rules by the node's value, for a run over many objects. A rule
 * sees only `self` (the value at its node; no clock, no outside state), so the same value at the
 * same schema node gives the same findings: across thousands of routes most matches, filters and
 * paths repeat, and the interpreter costs microseconds per rule. Transition rules (an old value) are
 * never remembered. Values whose text is over KEY_BUDGET characters are not either: they are
 * rarely repeated and their keys would cost memory.
 */
export class CelMemo {
  readonly bySchema = new Map<JsonSchema, Map<string, Remembered[]>>()
  hits = 0
  misses = 0
}

const KEY_BUDGET = 512

const NO_OLD = Symbol('no old value')
type Old = unknown | typeof NO_OLD

/** CEL findings for `value`; pass `oldValue` to run transition rules too. */
export function validateCel(
  value: unknown,
  schema: JsonSchema,
  oldValue: Old = NO_OLD,
  memo?: CelMemo,
): ValidationFinding[] {
  const run: Run = { findings: [], values: new CelValues(), oldValues: new CelValues(), memo }
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
  const key = run.memo !== undefined && old === NO_OLD ? memoKey(value) : undefined
  if (key === undefined) {
    runRules(run, rules, value, schema, path, old)
    return
  }
  const memo = run.memo!
  let byValue = memo.bySchema.get(schema)
  if (byValue === undefined) {
    byValue = new Map()
    memo.bySchema.set(schema, byValue)
  }
  let remembered = byValue.get(key)
  if (remembered === undefined) {
    memo.misses++
    const start = run.findings.length
    runRules(run, rules, value, schema, path, old)
    remembered = run.findings.slice(start).map((f) => ({
      below: f.path.slice(path.length),
      message: f.message,
      type: f.type,
      rule: f.rule,
    }))
    byValue.set(key, remembered)
    return
  }
  memo.hits++
  for (const r of remembered) {
    run.findings.push({
      path: [...path, ...r.below],
      message: r.message,
      source: 'cel',
      severity: 'error',
      type: r.type,
      rule: r.rule,
    })
  }
}

/**
 * The value as text, exactly enough to tell apart any two values CEL could tell apart (NaN and the
 * infinities stay distinct from null, unlike in JSON), or undefined once it grows past KEY_BUDGET.
 */
function memoKey(value: unknown): string | undefined {
  const parts: string[] = []
  let length = 0
  const add = (text: string): boolean => {
    parts.push(text)
    length += text.length
    return length <= KEY_BUDGET
  }
  const visit = (v: unknown): boolean => {
    switch (typeof v) {
      case 'string':
        return add(JSON.stringify(v))
      case 'number':
        return add(Number.isFinite(v) ? `${v}` : `#${v}`)
      case 'boolean':
        return add(v ? 't' : 'f')
      case 'object':
        if (v === null) return add('n')
        if (Array.isArray(v)) {
          if (!add('[')) return false
          for (const item of v) if (!visit(item) || !add(',')) return false
          return add(']')
        }
        if (!add('{')) return false
        for (const [k, child] of Object.entries(v)) {
          if (child === undefined) continue
          if (!add(JSON.stringify(k)) || !visit(child) || !add(',')) return false
        }
        return add('}')
      default:
        // Not JSON (undefined, bigint, a function): never remembered.
        return false
    }
  }
  return visit(value) ? parts.join('') : undefined
}

function runRules(
  run: Run,
  rules: readonly CompiledRule[],
  value: unknown,
  schema: JsonSchema,
  path: FieldPath,
  old: Old,
): void {
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
