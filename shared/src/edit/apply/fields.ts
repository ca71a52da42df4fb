// Walking an object field by field the way server-side apply owns it (see shape.ts): the fields a
// value sets, what changed between two values, and a value cut down to a set of fields.
import { isObject, type JsonObject, jsonEqual } from '../../validation/json.ts'
import type { FieldSet } from './fields-v1.ts'
import { canonicalJson, type FieldPath, type PathElement } from './paths.ts'
import { fits, resolve, type Shape } from './shape.ts'

/** A list item's name in a path: its key fields for a map list (its index if it has none). */
export function itemElement(item: unknown, keys: readonly string[], index: number): PathElement {
  if (!isObject(item) || keys.length === 0) return { index }
  const key: JsonObject = {}
  for (const k of keys) if (item[k] !== undefined) key[k] = item[k]
  return Object.keys(key).length === 0 ? { index } : { key }
}

function isContainer(shape: Shape, value: unknown): boolean {
  return shape.type !== 'atomic' && shape.type !== 'deduced' && fits(shape, value)
}

/**
 * Every field `value` sets, as apply would record it: the leaves, plus a container left empty
 * (`labels: {}`, `listeners: []`), which is itself a value someone set.
 */
export function fieldsOf(value: unknown, shape: Shape, path: FieldPath = []): FieldPath[] {
  const out: FieldPath[] = []
  const walk = (node: unknown, nodeShape: Shape, at: FieldPath) => {
    const s = resolve(nodeShape, node)
    if (!isContainer(s, node)) {
      out.push(at)
      return
    }
    if (s.type === 'map') {
      const entries = Object.entries(node as JsonObject)
      // An empty object at the top is no field at all.
      if (entries.length === 0 && at.length > 0) out.push(at)
      for (const [name, child] of entries) walk(child, s.child(name), [...at, { field: name }])
      return
    }
    const items = node as unknown[]
    if (items.length === 0) out.push(at)
    items.forEach((item, i) => {
      if (s.type === 'set') out.push([...at, { value: item }])
      else if (s.type === 'list-map') walk(item, s.item, [...at, itemElement(item, s.keys, i)])
    })
  }
  walk(value, shape, path)
  return out
}

export interface FieldChanges {
  /** Fields the edited value sets that the base did not, or set differently. */
  changed: FieldPath[]
  /** Fields the base set that the edited value no longer has: the outermost one removed. */
  removed: FieldPath[]
}

const ABSENT: unique symbol = Symbol('absent')

function itemsByElement(items: unknown[], s: Shape): Map<string, { element: PathElement; item: unknown }> {
  const out = new Map<string, { element: PathElement; item: unknown }>()
  items.forEach((item, i) => {
    const element: PathElement =
      s.type === 'set' ? { value: item } : itemElement(item, s.type === 'list-map' ? s.keys : [], i)
    out.set(canonicalJson(element), { element, item })
  })
  return out
}

/** What changed from `base` to `edited`, field by field as apply owns them. */
export function changesBetween(base: unknown, edited: unknown, shape: Shape): FieldChanges {
  const changes: FieldChanges = { changed: [], removed: [] }
  const walk = (before: unknown, after: unknown, nodeShape: Shape, at: FieldPath) => {
    if (after === ABSENT) {
      if (before !== ABSENT) changes.removed.push(at)
      return
    }
    if (before === ABSENT) {
      changes.changed.push(...fieldsOf(after, nodeShape, at))
      return
    }
    const s = resolve(nodeShape, after)
    const sameShape = resolve(nodeShape, before).type === s.type
    if (!sameShape || !isContainer(s, after) || !isContainer(s, before)) {
      if (!jsonEqual(before, after)) changes.changed.push(at)
      return
    }
    if (s.type === 'map') {
      const b = before as JsonObject
      const a = after as JsonObject
      const names = new Set([...Object.keys(b), ...Object.keys(a)])
      for (const name of names) {
        walk(
          Object.hasOwn(b, name) ? b[name] : ABSENT,
          Object.hasOwn(a, name) ? a[name] : ABSENT,
          s.child(name),
          [...at, { field: name }],
        )
      }
      return
    }
    const b = itemsByElement(before as unknown[], s)
    const a = itemsByElement(after as unknown[], s)
    for (const [id, { element, item }] of b) {
      if (!a.has(id)) changes.removed.push([...at, element])
      else if (s.type === 'list-map') walk(item, a.get(id)?.item, s.item, [...at, element])
    }
    for (const [id, { element, item }] of a) {
      if (b.has(id)) continue
      if (s.type === 'set') changes.changed.push([...at, element])
      else if (s.type === 'list-map') changes.changed.push(...fieldsOf(item, s.item, [...at, element]))
    }
  }
  walk(base, edited, shape, [])
  return changes
}

/**
 * `value` cut down to the fields in `keep`: a kept leaf whole, a container with its kept fields, a
 * map-list item with its key fields (apply needs them to find the item). Undefined when nothing of
 * `value` is kept.
 */
export function pick(value: unknown, shape: Shape, keep: FieldSet, path: FieldPath = []): unknown {
  const walk = (node: unknown, nodeShape: Shape, at: FieldPath): unknown => {
    const s = resolve(nodeShape, node)
    if (!isContainer(s, node)) return keep.has(at) ? node : ABSENT
    if (s.type === 'map') {
      const out: JsonObject = {}
      for (const [name, child] of Object.entries(node as JsonObject)) {
        const kept = walk(child, s.child(name), [...at, { field: name }])
        if (kept !== ABSENT) out[name] = kept
      }
      return Object.keys(out).length > 0 || keep.has(at) ? out : ABSENT
    }
    const out: unknown[] = []
    ;(node as unknown[]).forEach((item, i) => {
      if (s.type === 'set') {
        if (keep.has([...at, { value: item }])) out.push(item)
        return
      }
      if (s.type !== 'list-map') return
      const element = itemElement(item, s.keys, i)
      const kept = walk(item, s.item, [...at, element])
      if (kept === ABSENT) return
      if (isObject(item) && isObject(kept) && 'key' in element) out.push({ ...element.key, ...kept })
      else out.push(kept)
    })
    return out.length > 0 || keep.has(at) ? out : ABSENT
  }
  const result = walk(value, shape, path)
  return result === ABSENT ? undefined : result
}
