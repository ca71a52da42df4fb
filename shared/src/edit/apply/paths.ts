// Field paths as server-side apply counts them: a field of a map, an item of a map list named by its
// key fields, an item of a set named by its value, or (rarely, for lists nobody typed) an index.
// Items are named by identity, not position, so a path means the same item after others move.
import { isObject, type JsonObject } from '../../validation/json.ts'

export type PathElement = { field: string } | { key: JsonObject } | { value: unknown } | { index: number }

export type FieldPath = readonly PathElement[]

/** JSON with object keys sorted, so two spellings of the same key or value compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (isObject(value)) {
    const keys = Object.keys(value).sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** One element in the FieldsV1 spelling: `f:name`, `k:{"name":"http"}`, `v:"x"`, `i:0`. */
export function elementKey(element: PathElement): string {
  if ('field' in element) return `f:${element.field}`
  if ('key' in element) return `k:${canonicalJson(element.key)}`
  if ('value' in element) return `v:${canonicalJson(element.value)}`
  return `i:${element.index}`
}

/** A path as one string, usable as a Set or Map key. */
export function pathKey(path: FieldPath): string {
  return JSON.stringify(path.map(elementKey))
}

/** True when `path` is `prefix` or lies under it. */
export function isWithin(path: FieldPath, prefix: FieldPath): boolean {
  if (path.length < prefix.length) return false
  return prefix.every((element, i) => elementKey(element) === elementKey(path[i] as PathElement))
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/

function scalarText(value: unknown): string {
  return typeof value === 'string' ? value : canonicalJson(value)
}

/**
 * A path for people, in the style Kubernetes prints: `spec.rules`, `metadata.labels[team]`,
 * `spec.listeners[name=https].port`, `metadata.finalizers[example.com/keep]`.
 */
export function formatPath(path: FieldPath): string {
  let out = ''
  for (const element of path) {
    if ('field' in element) {
      out += IDENTIFIER.test(element.field)
        ? `${out === '' ? '' : '.'}${element.field}`
        : `[${element.field}]`
    } else if ('key' in element) {
      const parts = Object.keys(element.key)
        .sort()
        .map((k) => `${k}=${scalarText(element.key[k])}`)
      out += `[${parts.join(',')}]`
    } else if ('value' in element) {
      out += `[${scalarText(element.value)}]`
    } else {
      out += `[${element.index}]`
    }
  }
  return out
}
