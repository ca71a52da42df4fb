// Where an editor marks a CEL finding. The API server reports a rule's violation at the rule's
// node (or its `fieldPath`), which for a rule on an object is the object's key line; when the rule
// is plainly about one of the object's fields, the person is shown that field's line instead.
import type { FieldPath } from '../loader/types.ts'
import type { ValidationFinding } from './types.ts'

const FIELD = /\bself\.([A-Za-z_][A-Za-z0-9_]*)/g

/** The fields of `self` a piece of rule text reads. */
function fieldsRead(text: string): Set<string> {
  return new Set([...text.matchAll(FIELD)].map((m) => m[1] as string))
}

/**
 * The part of a rule that fails when the rule does: of `condition ? check : true` the check (the
 * condition only says when it applies), of `!(condition) || check` likewise; undefined for a rule
 * without that shape.
 */
function consequent(rule: string): string | undefined {
  const text = rule.trim()
  let depth = 0
  let question = -1
  let colon = -1
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '(' || c === '[' || c === '{') depth++
    else if (c === ')' || c === ']' || c === '}') depth--
    else if (c === "'" || c === '"') {
      // Skip a string literal: its characters are not operators.
      const close = text.indexOf(c, i + 1)
      i = close < 0 ? text.length : close
    } else if (depth === 0 && c === '?' && question < 0) question = i
    else if (depth === 0 && c === ':' && question >= 0 && colon < 0) colon = i
  }
  if (question >= 0 && colon > question && /^(true|\(\s*true\s*\))$/.test(text.slice(colon + 1).trim()))
    return text.slice(question + 1, colon)
  return /^!\s*\(([\s\S]*)\)\s*\|\|([\s\S]*)$/.exec(text)?.[2]
}

/** The first word of a message names the field it is about ("value must be …", "filter.x must …"). */
function subject(message: string): string | undefined {
  const first = /^\s*([A-Za-z_][A-Za-z0-9_.]*)/.exec(message)?.[1]
  return first?.split('.').pop()
}

function valueAt(object: unknown, path: FieldPath): unknown {
  let value = object
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string | number, unknown>)[segment]
  }
  return value
}

/**
 * The path to mark for a finding of `object`: for a CEL rule on an object, the one field of that
 * object the rule is about when that is unambiguous — the field its message starts with; else, for
 * a conditional rule, the only field present that its check reads (none present: a field is
 * missing, so the object itself); else the only field present that the rule reads. Every other
 * finding is marked where it is reported.
 */
export function findingFocus(finding: ValidationFinding, object: unknown): FieldPath {
  const { path, rule } = finding
  if (finding.source !== 'cel' || rule === undefined) return path
  const value = valueAt(object, path)
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return path
  const present = (keys: Iterable<string>) => [...keys].filter((key) => key in value)
  const read = fieldsRead(rule)
  const named = subject(finding.message)
  if (named !== undefined && read.has(named) && named in value) return [...path, named]
  const failing = consequent(rule)
  const candidates = present(failing === undefined ? read : fieldsRead(failing))
  return candidates.length === 1 ? [...path, candidates[0] as string] : path
}
