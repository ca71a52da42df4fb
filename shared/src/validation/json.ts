// Small helpers for JSON values as they arrive from YAML or JSON.

export type JsonObject = Record<string, unknown>

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The JSON Schema type name of a value, with integers told apart from other numbers. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  if (typeof value === 'bigint') return 'integer'
  return typeof value
}

export function deepClone<T>(value: T): T {
  return value === undefined ? value : structuredClone(value)
}

/** Structural equality of JSON values (key order ignored), as used for set and map list keys. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]))
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a)
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && jsonEqual(a[k], b[k]))
  }
  return false
}

/** Kubernetes counts string lengths in Unicode code points, not UTF-16 units. */
export function codePointLength(s: string): number {
  let n = 0
  for (const _ of s) n++
  return n
}
