// Three-way merge for rebasing an editor's draft on the object as it is now, so a conflict on apply
// keeps every edit that does not touch what someone else changed.
import type { FieldPath } from '../loader/types.ts'
import { isObject, type JsonObject, jsonEqual } from '../validation/json.ts'
import { formatFieldPath } from '../validation/path.ts'
import { SERVER_METADATA } from './templates.ts'

/** One place both sides changed differently. `undefined` means the field is absent on that side. */
export interface MergeConflict {
  /** Where, as Kubernetes prints paths: `spec.rules[0].backendRefs[1].weight`. */
  path: string
  base: unknown
  mine: unknown
  theirs: unknown
}

export interface RebaseResult {
  merged: unknown
  conflicts: MergeConflict[]
}

// The server owns these (one list, with the editors' editableObject): the rebased draft must carry
// the latest resourceVersion so the next apply is checked against it, and nobody edits status,
// generation or managedFields by hand.

const ABSENT: unique symbol = Symbol('absent')
type Slot = unknown | typeof ABSENT

/**
 * Rebases a draft: `base` is the object the draft started from (null for a new object), `mine` the
 * draft, `theirs` the object as it is now. `merged` is theirs with the draft's changes (base → mine)
 * applied wherever theirs did not change the same place.
 *
 * Where both changed the same place differently, the conflict is listed and `merged` keeps MY value
 * there, so the person sees their own edit next to theirs and decides. Objects merge key by key;
 * arrays whose items are all objects with distinct `name`s merge by name; other arrays merge by index
 * when all three have the same length, and are one value otherwise. Identical changes on both sides
 * are not conflicts; a deletion against an unchanged value is a deletion. `status` and the
 * server-managed metadata fields always come from theirs and never conflict.
 *
 * Paths of list items give the item's index in `merged` (in theirs when my side deleted it).
 */
export function rebaseDraft(base: unknown, mine: unknown, theirs: unknown): RebaseResult {
  const conflicts: MergeConflict[] = []
  const baseSlot = base === null || base === undefined ? ABSENT : pinTheirs(base, theirs)
  const merged = merge(baseSlot, pinTheirs(mine, theirs), theirs, [], conflicts)
  // Results share subtrees with the inputs; a copy keeps later edits of the draft from reaching them.
  return { merged: merged === ABSENT ? undefined : structuredClone(merged), conflicts }
}

/** `value` with theirs' status and server-managed metadata, so the merge sees no change there. */
function pinTheirs(value: unknown, theirs: unknown): unknown {
  if (!isObject(value) || !isObject(theirs)) return value
  const out: JsonObject = { ...value }
  setOrDelete(out, 'status', theirs.status)
  const theirMeta = theirs.metadata
  if (isObject(theirMeta)) {
    const meta: JsonObject = isObject(out.metadata) ? { ...out.metadata } : {}
    for (const key of SERVER_METADATA) setOrDelete(meta, key, theirMeta[key])
    out.metadata = meta
  }
  return out
}

function setOrDelete(object: JsonObject, key: string, value: unknown): void {
  if (value === undefined) delete object[key]
  else object[key] = value
}

function present(slot: Slot): unknown {
  return slot === ABSENT ? undefined : slot
}

function same(a: Slot, b: Slot): boolean {
  if (a === ABSENT || b === ABSENT) return a === b
  return jsonEqual(a, b)
}

function merge(base: Slot, mine: Slot, theirs: Slot, path: FieldPath, conflicts: MergeConflict[]): Slot {
  if (same(mine, theirs)) return theirs
  if (same(base, mine)) return theirs
  if (same(base, theirs)) return mine
  // Both changed, differently. Descend where the parts can be told apart; otherwise it is a conflict.
  if (isObject(mine) && isObject(theirs) && (base === ABSENT || isObject(base))) {
    return mergeObjects(base === ABSENT ? {} : base, mine, theirs, path, conflicts)
  }
  if (Array.isArray(mine) && Array.isArray(theirs) && (base === ABSENT || Array.isArray(base))) {
    const baseItems = base === ABSENT ? [] : base
    const merged = mergeArrays(baseItems, mine, theirs, path, conflicts)
    if (merged !== undefined) return merged
  }
  conflicts.push({
    path: formatFieldPath(path),
    base: present(base),
    mine: present(mine),
    theirs: present(theirs),
  })
  return mine
}

function slotOf(object: JsonObject, key: string): Slot {
  return Object.hasOwn(object, key) ? object[key] : ABSENT
}

function mergeObjects(
  base: JsonObject,
  mine: JsonObject,
  theirs: JsonObject,
  path: FieldPath,
  conflicts: MergeConflict[],
): JsonObject {
  const out: JsonObject = {}
  // Theirs' key order first, then keys only I have in my order: the result reads like their object.
  const keys = [...Object.keys(theirs), ...Object.keys(mine).filter((k) => !Object.hasOwn(theirs, k))]
  for (const key of keys) {
    const value = merge(slotOf(base, key), slotOf(mine, key), slotOf(theirs, key), [...path, key], conflicts)
    if (value !== ABSENT) out[key] = value
  }
  return out
}

/** The merged array, or undefined when the array has to be taken as one value. */
function mergeArrays(
  base: unknown[],
  mine: unknown[],
  theirs: unknown[],
  path: FieldPath,
  conflicts: MergeConflict[],
): unknown[] | undefined {
  const baseByName = byName(base)
  const mineByName = byName(mine)
  const theirsByName = byName(theirs)
  if (baseByName && mineByName && theirsByName) {
    const names = [...theirsByName.keys(), ...[...mineByName.keys()].filter((n) => !theirsByName.has(n))]
    const theirIndex = new Map(theirs.map((item, i) => [(item as JsonObject).name as string, i]))
    const out: unknown[] = []
    for (const name of names) {
      const mineItem = mineByName.get(name) ?? ABSENT
      const index = mineItem === ABSENT ? (theirIndex.get(name) ?? out.length) : out.length
      const value = merge(
        baseByName.get(name) ?? ABSENT,
        mineItem,
        theirsByName.get(name) ?? ABSENT,
        [...path, index],
        conflicts,
      )
      if (value !== ABSENT) out.push(value)
    }
    return out
  }
  if (base.length === mine.length && base.length === theirs.length) {
    return base.map((item, i) => merge(item, mine[i], theirs[i], [...path, i], conflicts))
  }
  return undefined
}

/** Items by their `name`, when every item is an object with a distinct string name. */
function byName(items: unknown[]): Map<string, JsonObject> | undefined {
  const out = new Map<string, JsonObject>()
  for (const item of items) {
    if (!isObject(item) || typeof item.name !== 'string' || out.has(item.name)) return undefined
    out.set(item.name, item)
  }
  return out
}
