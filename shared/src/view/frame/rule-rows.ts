// Every rule of a route in words, for the details panel: its name, and each match with every field
// it tests (path, method, headers, query parameters; gRPC service, method and headers), so a
// person can tell why a request reaches one backend and not another. L4 kinds match nothing.

type Spec = Record<string, unknown>

const list = (value: unknown): Spec[] => (Array.isArray(value) ? (value as Spec[]) : [])
const str = (value: unknown): string => (value === undefined || value === null ? '' : String(value))

/** A header or query parameter test: `name: value`, `name ~ regex` for RegularExpression. */
function valueTests(label: string, tests: unknown): string[] {
  return list(tests).map(
    (t) => `${label} ${str(t.name)}${t.type === 'RegularExpression' ? ' ~ ' : ': '}${str(t.value)}`,
  )
}

function httpMatch(match: Spec): string {
  const path = (match.path ?? {}) as Spec
  const type = str(path.type) || 'PathPrefix'
  const parts = [`path ${type} ${str(path.value) || '/'}`]
  if (typeof match.method === 'string') parts.push(`method ${match.method}`)
  parts.push(...valueTests('header', match.headers), ...valueTests('query', match.queryParams))
  return parts.join(', ')
}

function grpcMatch(match: Spec): string {
  const method = (match.method ?? {}) as Spec
  const parts: string[] = []
  if (method.service !== undefined || method.method !== undefined) {
    const type = str(method.type) || 'Exact'
    parts.push(
      `${type === 'RegularExpression' ? 'regex ' : ''}${str(method.service) || '*'}/${str(method.method) || '*'}`,
    )
  }
  parts.push(...valueTests('header', match.headers))
  return parts.join(', ') || 'every call'
}

/** One [label, text] row per rule; matches of one rule are joined with "or". */
export function ruleRows(kind: string, spec: Spec): Array<[string, string]> {
  if (kind !== 'HTTPRoute' && kind !== 'GRPCRoute') return []
  return list(spec.rules).map((rule, i) => {
    const label = `Rule ${i}${rule.name ? ` (${str(rule.name)})` : ''}`
    const matches = list(rule.matches)
    const text =
      matches.length === 0
        ? kind === 'HTTPRoute'
          ? 'every request (path prefix /)'
          : 'every call'
        : matches.map(kind === 'HTTPRoute' ? httpMatch : grpcMatch).join(' or ')
    return [label, text]
  })
}
