// metadata.managedFields as the API server writes it: per field manager and operation, a FieldsV1
// tree naming the fields that manager set. A node `{}` is a field it owns; a node with children is
// only a way through, unless one of the children is `.` (the node itself is owned too).
import { isObject } from '../../validation/json.ts'
import { type FieldPath, formatPath, type PathElement, pathKey } from './paths.ts'

/** The members of one field set: every path its manager owns, by `pathKey`. */
export class FieldSet {
  private readonly members = new Map<string, FieldPath>()

  static of(paths: Iterable<FieldPath>): FieldSet {
    const set = new FieldSet()
    for (const path of paths) set.add(path)
    return set
  }

  add(path: FieldPath): void {
    this.members.set(pathKey(path), path)
  }

  has(path: FieldPath): boolean {
    return this.members.has(pathKey(path))
  }

  /** Whether the set owns `path` itself or anything under it. */
  touches(path: FieldPath): boolean {
    if (this.has(path)) return true
    const prefix = pathKey(path).slice(0, -1)
    for (const key of this.members.keys()) if (key.startsWith(`${prefix},`)) return true
    return false
  }

  paths(): FieldPath[] {
    return [...this.members.values()]
  }

  get size(): number {
    return this.members.size
  }
}

export class FieldsV1Error extends Error {
  constructor(where: string, message: string) {
    super(`${where}: ${message}`)
    this.name = 'FieldsV1Error'
  }
}

/** One FieldsV1 key → a path element; `where` names the place for the error. */
export function parseElement(key: string, where: string): PathElement {
  const colon = key.indexOf(':')
  const tag = colon < 0 ? key : key.slice(0, colon)
  const rest = key.slice(colon + 1)
  if (colon < 0)
    throw new FieldsV1Error(where, `key ${JSON.stringify(key)} has no "f:", "k:", "v:" or "i:" prefix`)
  switch (tag) {
    case 'f':
      if (rest === '') throw new FieldsV1Error(where, 'a field key "f:" names no field')
      return { field: rest }
    case 'i': {
      if (!/^(0|[1-9][0-9]*)$/.test(rest))
        throw new FieldsV1Error(where, `index ${JSON.stringify(rest)} is not a number`)
      return { index: Number(rest) }
    }
    case 'k':
    case 'v': {
      let value: unknown
      try {
        value = JSON.parse(rest)
      } catch {
        throw new FieldsV1Error(where, `${tag === 'k' ? 'key' : 'value'} ${JSON.stringify(rest)} is not JSON`)
      }
      if (tag === 'v') return { value }
      if (!isObject(value)) throw new FieldsV1Error(where, `key ${JSON.stringify(rest)} is not a JSON object`)
      return { key: value }
    }
    default:
      throw new FieldsV1Error(where, `key ${JSON.stringify(key)} has an unknown prefix "${tag}:"`)
  }
}

/** A FieldsV1 tree → its members. Errors name the place in the tree, after `where`. */
export function parseFieldsV1(tree: unknown, where = 'fieldsV1'): FieldSet {
  const set = new FieldSet()
  const walk = (node: unknown, path: PathElement[]) => {
    const here = path.length === 0 ? where : `${where} at ${formatPath(path)}`
    if (!isObject(node)) throw new FieldsV1Error(here, 'expected an object')
    const keys = Object.keys(node)
    if (keys.length === 0) {
      if (path.length > 0) set.add(path)
      return
    }
    for (const key of keys) {
      if (key === '.') {
        if (path.length > 0) set.add(path)
        continue
      }
      walk(node[key], [...path, parseElement(key, here)])
    }
  }
  walk(tree, [])
  return set
}

/** One entry of metadata.managedFields, as far as ownership needs it. */
export interface ManagedFieldsEntry {
  manager: string
  operation: string
  subresource?: string
  fields: FieldSet
}

/**
 * metadata.managedFields → entries with parsed field sets. Entries of subresources (status) are kept
 * with their subresource; an entry without fieldsV1 owns nothing. Errors name the entry.
 */
export function readManagedFields(managedFields: unknown): ManagedFieldsEntry[] {
  if (managedFields === undefined) return []
  if (!Array.isArray(managedFields)) {
    throw new FieldsV1Error('metadata.managedFields', 'expected a list')
  }
  return managedFields.map((entry, i) => {
    const where = `metadata.managedFields[${i}]`
    if (!isObject(entry)) throw new FieldsV1Error(where, 'expected an object')
    if (typeof entry.manager !== 'string') throw new FieldsV1Error(`${where}.manager`, 'expected a string')
    if (entry.fieldsType !== undefined && entry.fieldsType !== 'FieldsV1') {
      throw new FieldsV1Error(`${where}.fieldsType`, `${JSON.stringify(entry.fieldsType)} is not FieldsV1`)
    }
    return {
      manager: entry.manager,
      operation: typeof entry.operation === 'string' ? entry.operation : '',
      ...(typeof entry.subresource === 'string' && entry.subresource !== ''
        ? { subresource: entry.subresource }
        : {}),
      fields:
        entry.fieldsV1 === undefined ? new FieldSet() : parseFieldsV1(entry.fieldsV1, `${where}.fieldsV1`),
    }
  })
}
