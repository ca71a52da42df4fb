// x-kubernetes-list-type "set" and "map": the API server refuses duplicate set items and duplicate
// map keys (structurallisttype.ValidateListSetsAndMaps), reported as Duplicate on the later item.
import type { FieldPath } from '../loader/types.ts'
import { isObject, jsonEqual } from './json.ts'
import type { JsonSchema, ValidationFinding } from './types.ts'

export function listTypeFindings(
  list: readonly unknown[],
  schema: JsonSchema,
  path: FieldPath,
): ValidationFinding[] {
  const type = schema['x-kubernetes-list-type']
  if (type !== 'set' && type !== 'map') return []
  const keys = schema['x-kubernetes-list-map-keys'] ?? []
  // Map lists are compared by their key fields only; a missing key counts as its own value (absent).
  const identity = (item: unknown): unknown =>
    type === 'set' ? item : isObject(item) ? keys.map((k) => item[k]) : item
  const findings: ValidationFinding[] = []
  const seen: unknown[] = []
  for (const [i, item] of list.entries()) {
    const id = identity(item)
    if (seen.some((other) => jsonEqual(other, id))) {
      const what =
        type === 'set'
          ? `duplicate entry ${JSON.stringify(item)} in a set`
          : `duplicate entry with ${keys.map((k, j) => `${k}=${JSON.stringify((id as unknown[])[j])}`).join(', ')}`
      findings.push({
        path: [...path, i],
        message: what,
        source: 'schema',
        severity: 'error',
        type: 'Duplicate',
      })
    } else {
      seen.push(id)
    }
  }
  return findings
}
