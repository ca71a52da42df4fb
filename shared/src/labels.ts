// Kubernetes LabelSelector matching (matchLabels AND every matchExpression).
import type { LabelSelector } from './types/meta.ts'

export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Record<string, string>,
): boolean {
  if (!selector) return false
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false
  }
  for (const req of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, req.key)
    const value = labels[req.key]
    const values = req.values ?? []
    switch (req.operator) {
      case 'In':
        if (!has || !values.includes(value as string)) return false
        break
      case 'NotIn':
        if (has && values.includes(value as string)) return false
        break
      case 'Exists':
        if (!has) return false
        break
      case 'DoesNotExist':
        if (has) return false
        break
      default:
        return false
    }
  }
  return true
}

/** `team=a, env in (prod)`: a selector as kubectl would print it. */
export function describeSelector(selector: LabelSelector | undefined): string {
  if (!selector) return '(no selector)'
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`)
  for (const req of selector.matchExpressions ?? []) {
    if (req.operator === 'Exists') parts.push(req.key)
    else if (req.operator === 'DoesNotExist') parts.push(`!${req.key}`)
    else parts.push(`${req.key} ${req.operator === 'In' ? 'in' : 'notin'} (${(req.values ?? []).join(',')})`)
  }
  return parts.length ? parts.join(', ') : '(empty selector: matches everything)'
}
