// The engine under every form: a Shape lists the fields a form knows; `readShape` projects an object
// onto them and `writeShape` puts a changed projection back onto the original. Writing goes down
// only where the projection differs from what reading the original gives, so everything else —
// unknown keys, their order, values the form cannot represent (a port written as a string) — is
// the original's own value, untouched.

import { isPlainObject } from '../../loader/parse.ts'

/** How a leaf is read: values of another type read as unset (and are kept as they are on write). */
export type Leaf = 'string' | 'number' | 'boolean' | 'strings' | 'record' | 'any'

export type Shape = Leaf | { fields: Readonly<Record<string, Shape>> } | { items: Shape }

/** A list item in a form: `origin` is its index in the list it was read from, absent for new items. */
export type Item<T> = T & { origin?: number }

const ABSENT = Symbol('absent')
type Written = unknown | typeof ABSENT

function readLeaf(leaf: Leaf, value: unknown): unknown {
  switch (leaf) {
    case 'string':
      return typeof value === 'string' ? value : undefined
    case 'number':
      return typeof value === 'number' ? value : undefined
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? [...value] : undefined
    case 'record':
      return isPlainObject(value) && Object.values(value).every((v) => typeof v === 'string')
        ? { ...value }
        : undefined
    case 'any':
      // A copy, so a form can never alias (and a careless edit never mutate) the original.
      return value === undefined ? undefined : structuredClone(value)
  }
}

/** The form's view of a value: only the known fields; undefined where the value is unset. */
export function readShape(shape: Shape, value: unknown): unknown {
  if (typeof shape === 'string') return readLeaf(shape, value)
  if ('items' in shape) {
    if (!Array.isArray(value)) return undefined
    return value.map((item, origin) => ({ ...readItem(shape.items, item), origin }))
  }
  // null reads as unset, like Kubernetes treats it; a scalar where an object belongs reads as empty
  // so the form still shows that something is there.
  if (value === undefined || value === null) return undefined
  if (!isPlainObject(value)) return {}
  const out: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(shape.fields)) {
    const read = readShape(child, value[key])
    if (read !== undefined) out[key] = read
  }
  return out
}

/** A list item always reads as an object, so positions in the form line up with the original. */
function readItem(shape: Shape, value: unknown): Record<string, unknown> {
  const read = readShape(shape, value)
  return isPlainObject(read) ? read : {}
}

/**
 * The original with the form's values written in. Unchanged parts are the original's own values
 * (same references); changed keys keep their position, new keys go after the existing ones in the
 * shape's order, keys the form unset are removed, list items follow their `origin`.
 */
export function writeShape(shape: Shape, original: unknown, form: unknown): unknown {
  const written = write(shape, original, form)
  return written === ABSENT ? undefined : written
}

function write(shape: Shape, original: unknown, form: unknown): Written {
  if (sameValue(readShape(shape, original), form)) return original === undefined ? ABSENT : original
  if (form === undefined) return ABSENT
  if (typeof shape === 'string') return structuredClone(form)
  if ('items' in shape) {
    const list = Array.isArray(original) ? original : []
    const next = (form as unknown[]).map((entry) => writeItem(shape.items, list, entry))
    return Array.isArray(original) && next.length === list.length && next.every((v, i) => v === list[i])
      ? original
      : next
  }
  // Keys the shape does not list are not the form's, even if a form object carries them.
  const base = isPlainObject(original) ? original : {}
  const values = isPlainObject(form) ? form : {}
  const out: Record<string, unknown> = { ...base }
  let changed = base !== original
  for (const [key, child] of Object.entries(shape.fields)) {
    const next = write(child, base[key], values[key])
    if (next === ABSENT) {
      if (key in out) changed = true
      delete out[key]
    } else if (next !== base[key] || !(key in base)) {
      changed = true
      out[key] = next
    }
  }
  return changed ? out : original
}

function writeItem(shape: Shape, list: readonly unknown[], entry: unknown): unknown {
  const { origin, ...values } = isPlainObject(entry) ? entry : {}
  const source = typeof origin === 'number' && origin >= 0 && origin < list.length ? list[origin] : undefined
  if (source !== undefined && sameValue(readItem(shape, source), values)) return source
  const next = write(shape, source, values)
  return next === ABSENT ? {} : next
}

/** Deep equality for JSON-like values; a key set to undefined counts as absent. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    return a.every((v, i) => sameValue(v, b[i]))
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const key of keys) if (!sameValue(a[key], b[key])) return false
  return true
}
