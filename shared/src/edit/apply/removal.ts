// Removing what an apply cannot. Leaving a field out of an applied configuration only gives up
// Gatemap's claim on it; a field another manager also set stays. So a field the person deleted that
// is still there after the apply is removed by a JSON patch, conditional on the resourceVersion the
// apply left (a change in between is a conflict, not a silent loss).
import { isObject, jsonEqual } from '../../validation/json.ts'
import type { FieldPath } from './paths.ts'

export type JsonPatchOperation = { op: 'test'; path: string; value: unknown } | { op: 'remove'; path: string }

/** The place of `path` in `object` as JSON pointer tokens, or undefined when it is not there. */
export function locate(object: unknown, path: FieldPath): (string | number)[] | undefined {
  const tokens: (string | number)[] = []
  let node = object
  for (const element of path) {
    if ('field' in element) {
      if (!isObject(node) || !Object.hasOwn(node, element.field)) return undefined
      tokens.push(element.field)
      node = node[element.field]
      continue
    }
    if (!Array.isArray(node)) return undefined
    let index: number
    if ('index' in element) index = element.index < node.length ? element.index : -1
    else if ('value' in element) index = node.findIndex((item) => jsonEqual(item, element.value))
    else {
      const key = element.key
      index = node.findIndex(
        (item) => isObject(item) && Object.keys(key).every((k) => jsonEqual(item[k], key[k])),
      )
    }
    if (index < 0) return undefined
    tokens.push(index)
    node = node[index]
  }
  return tokens
}

function pointer(tokens: readonly (string | number)[]): string {
  return tokens.map((t) => `/${String(t).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('')
}

/** Later places first, so removing one list item never moves another still to be removed. */
function compareDescending(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string | number
    const y = b[i] as string | number
    if (x === y) continue
    if (typeof x === 'number' && typeof y === 'number') return y - x
    return String(y) < String(x) ? -1 : 1
  }
  return b.length - a.length
}

/** The located places of `paths` in `object`, outermost only, in removal order. */
function places(object: unknown, paths: readonly FieldPath[]): (string | number)[][] {
  const found = paths.map((p) => locate(object, p)).filter((t): t is (string | number)[] => t !== undefined)
  const outer = found.filter(
    (t) => !found.some((o) => o !== t && o.length < t.length && o.every((x, i) => x === t[i])),
  )
  return outer.sort(compareDescending)
}

/**
 * The JSON patch removing every `paths` entry still in `object` (undefined when none is), guarded by
 * a test of `resourceVersion` when given.
 */
export function removalPatch(
  object: unknown,
  paths: readonly FieldPath[],
  resourceVersion?: string,
): JsonPatchOperation[] | undefined {
  const found = places(object, paths)
  if (found.length === 0) return undefined
  return [
    ...(resourceVersion === undefined
      ? []
      : [{ op: 'test' as const, path: '/metadata/resourceVersion', value: resourceVersion }]),
    ...found.map((tokens) => ({ op: 'remove' as const, path: pointer(tokens) })),
  ]
}

/** A copy of `object` without `paths`: what the removal patch would leave, for a dry run's answer. */
export function withoutPaths<T>(object: T, paths: readonly FieldPath[]): T {
  const copy = structuredClone(object)
  for (const tokens of places(copy, paths)) {
    let parent: unknown = copy
    for (const token of tokens.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[token]
    const last = tokens[tokens.length - 1] as string | number
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1)
    else if (isObject(parent)) delete parent[last as string]
  }
  return copy
}
