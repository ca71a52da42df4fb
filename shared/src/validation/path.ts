// Field paths in the form Kubernetes prints them: `spec.rules[0].matches`, `metadata.labels[app]`.
import type { FieldPath } from '../loader/types.ts'

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/

export function formatFieldPath(path: FieldPath): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`
    else out += `[${segment}]`
  }
  return out
}

/** JSON for a value in a message, shortened so a large object cannot flood it. */
export function showValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}
