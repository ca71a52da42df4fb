// The nesting limit every entry point shares: files (CLI, folder source), the REST API's YAML text
// and its JSON objects, the browser's editor. Both walks below use an explicit stack, because input
// deep enough to matter is input deep enough to exhaust the call stack of a recursive walk (the YAML
// composer, the validator and JSON.stringify all recurse).
import type { CST } from 'yaml'
import type { FieldPath } from './types.ts'

/**
 * Levels of nesting allowed in one object, counting the object itself as level 1 and a scalar as
 * the level below its collection. Kubernetes objects reach about 15 (an HTTPRoute's
 * `spec.rules[].filters[].requestHeaderModifier.set[].name` is 8); far deeper input is an attack
 * on a parser, not a manifest.
 */
export const DEFAULT_MAX_DEPTH = 64

export function depthMessage(limit: number): string {
  return `nesting deeper than ${limit} levels`
}

/**
 * The offset of the first node of a parsed YAML document (CST) that lies deeper than `limit`
 * levels, or undefined. Runs before the document is composed, so the composer never sees it.
 */
export function cstTooDeep(document: CST.Document, limit: number): number | undefined {
  if (!document.value) return undefined
  const stack: [CST.Token, number][] = [[document.value, 1]]
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!
    if (depth > limit) return token.offset
    if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      for (const item of token.items) {
        const key = 'key' in item ? item.key : undefined
        if (key) stack.push([key, depth + 1])
        if (item.value) stack.push([item.value, depth + 1])
      }
    }
  }
  return undefined
}

/**
 * The field path of the first value in `value` that lies deeper than `limit` levels (the object
 * being level 1), or undefined. For objects that arrive already parsed (a JSON request body).
 */
export function valueTooDeep(value: unknown, limit: number): FieldPath | undefined {
  const stack: [unknown, (string | number)[]][] = [[value, []]]
  while (stack.length > 0) {
    const [current, path] = stack.pop()!
    if (path.length + 1 > limit) return path
    if (Array.isArray(current)) {
      for (let index = 0; index < current.length; index++) stack.push([current[index], [...path, index]])
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) stack.push([item, [...path, key]])
    }
  }
  return undefined
}
