// Hostname matching as the Gateway API defines it: a wildcard is a leading `*.` standing for one
// or more labels, and never for the bare parent domain.

function isWildcard(hostname: string): boolean {
  return hostname.startsWith('*.')
}

/** Does the (possibly wildcard) pattern match this precise hostname? */
export function wildcardMatches(pattern: string, hostname: string): boolean {
  const p = pattern.toLowerCase()
  const h = hostname.toLowerCase()
  if (!isWildcard(p)) return p === h
  const suffix = p.slice(1) // ".example.com"
  return h.length > suffix.length && h.endsWith(suffix) && !isWildcard(h)
}

/**
 * Do two hostnames (listener and route, in either order) have a hostname in common? Unset means any
 * hostname.
 */
export function hostnamesIntersect(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return true
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  if (x === y) return true
  const xw = isWildcard(x)
  const yw = isWildcard(y)
  if (xw && yw) return x.endsWith(y.slice(1)) || y.endsWith(x.slice(1))
  if (xw) return wildcardMatches(x, y)
  if (yw) return wildcardMatches(y, x)
  return false
}

/** The route hostnames that intersect a listener's hostname (all of them if the route has none). */
export function intersectingHostnames(
  listenerHostname: string | undefined,
  routeHostnames: readonly string[],
) {
  return routeHostnames.filter((h) => hostnamesIntersect(listenerHostname, h))
}
