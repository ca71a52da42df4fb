// What a route's rules match, as short strings for a graph node and the search box: HTTP paths
// (with the match type where it is not the default prefix) and methods, gRPC service/method,
// nothing for the L4 kinds whose rules match no request fields.
import { list } from '../analysis/store.ts'

interface PathMatch {
  type?: string
  value?: string
}

function httpMatch(match: Record<string, unknown>): string {
  const path = (match.path ?? {}) as PathMatch
  const type = path.type ?? 'PathPrefix'
  const value = path.value ?? '/'
  const shown = type === 'Exact' ? `=${value}` : type === 'RegularExpression' ? `~${value}` : value
  return typeof match.method === 'string' ? `${match.method} ${shown}` : shown
}

function grpcMatch(match: Record<string, unknown>): string {
  const method = (match.method ?? {}) as { service?: string; method?: string }
  return `${method.service ?? '*'}/${method.method ?? '*'}`
}

/** One entry per distinct match across the rules, in spec order. A rule without matches matches all. */
export function ruleMatches(kind: string, spec: { rules?: unknown } | undefined): string[] {
  if (kind !== 'HTTPRoute' && kind !== 'GRPCRoute') return []
  const seen = new Set<string>()
  for (const rule of list<{ matches?: unknown }>(spec?.rules)) {
    const matches = list<Record<string, unknown>>(rule.matches)
    if (matches.length === 0) seen.add(kind === 'HTTPRoute' ? '/' : '*/*')
    for (const m of matches) seen.add(kind === 'HTTPRoute' ? httpMatch(m) : grpcMatch(m))
  }
  return [...seen]
}
