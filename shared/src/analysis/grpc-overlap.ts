// Which HTTPRoute on a listener shares a hostname with each GRPCRoute there (the spec lets an
// implementation reject one of the two). Comparing every pair cost O(HTTPRoutes × GRPCRoutes) per
// listener, which one shared Gateway with thousands of routes turns into seconds; the HTTPRoutes'
// hostnames are indexed once instead (exact ones by name, wildcards in a list).
import { wildcardMatches } from '../hostnames.ts'
import type { Route } from '../types/gateway.ts'
import { list } from './store.ts'

const isWildcard = (h: string) => h.startsWith('*.')

function hostnamesOf(route: Route): string[] {
  return list<unknown>(route.spec?.hostnames).filter((h): h is string => typeof h === 'string')
}

/**
 * For each GRPCRoute, the first HTTPRoute (in the order given) with a hostname in common — a route
 * without hostnames has every one — or undefined.
 */
export function overlappingHttpRoutes(http: readonly Route[], grpc: readonly Route[]): (Route | undefined)[] {
  if (http.length === 0) return grpc.map(() => undefined)
  /** The first HTTPRoute that takes any hostname. */
  let any = Number.POSITIVE_INFINITY
  const exact = new Map<string, number>()
  const wildcards: { suffix: string; pattern: string; at: number }[] = []
  http.forEach((route, at) => {
    const hostnames = hostnamesOf(route)
    if (hostnames.length === 0 || hostnames.some((h) => h === '')) any = Math.min(any, at)
    for (const h of hostnames) {
      const lower = h.toLowerCase()
      if (lower === '') continue
      if (isWildcard(lower)) wildcards.push({ suffix: lower.slice(1), pattern: lower, at })
      else if (!exact.has(lower)) exact.set(lower, at)
    }
  })
  return grpc.map((route) => {
    const hostnames = hostnamesOf(route)
    if (hostnames.length === 0 || hostnames.some((h) => h === '')) return http[0]
    let first = any
    for (const h of hostnames) {
      const lower = h.toLowerCase()
      if (!isWildcard(lower)) {
        first = Math.min(first, exact.get(lower) ?? first)
        for (const w of wildcards) if (w.at < first && wildcardMatches(w.pattern, lower)) first = w.at
      } else {
        const suffix = lower.slice(1)
        for (const [name, at] of exact) if (at < first && wildcardMatches(lower, name)) first = at
        for (const w of wildcards)
          if (w.at < first && (w.suffix.endsWith(suffix) || suffix.endsWith(w.suffix))) first = w.at
      }
    }
    return http[first]
  })
}
