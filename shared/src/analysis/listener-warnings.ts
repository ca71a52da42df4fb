// Findings about what shares a listener, which no condition says: only the oldest of several TCP or
// UDP routes on one listener gets traffic; an HTTPRoute and a GRPCRoute sharing a hostname may
// collide; a rule whose matches higher-precedence rules take (ShadowedRule) or that ties with
// another route's (PrecedenceTie, routing/findings.ts).
import { namespacedName } from '../refs.ts'
import { listenerFindings } from '../routing/findings.ts'
import type { Route } from '../types/gateway.ts'
import type { Analyzer } from './analyzer.ts'
import { overlappingHttpRoutes } from './grpc-overlap.ts'
import type { Finding, ListenerVerdict } from './verdicts.ts'

function sharedListenerWarnings(l: ListenerVerdict, routes: readonly Route[]): Finding[] {
  const out: Finding[] = []
  if (routes.length < 2) return out
  for (const kind of ['TCPRoute', 'UDPRoute'] as const) {
    const same = routes.filter((r) => r.kind === kind)
    if (same.length < 2) continue
    same.sort(
      (a, b) =>
        (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
        namespacedName(a.metadata).localeCompare(namespacedName(b.metadata)),
    )
    const [winner, ...losers] = same
    for (const loser of losers) {
      out.push({
        severity: 'warning',
        code: 'TrafficShadowed',
        subject: `listener ${l.owner.kind} ${namespacedName(l.owner)}/${l.name}`,
        object: {
          group: 'gateway.networking.k8s.io',
          kind,
          namespace: loser.metadata.namespace ?? '',
          name: loser.metadata.name,
        },
        message: `Listener ${l.name} of ${l.owner.kind} ${namespacedName(l.owner)} has several ${kind}s attached; all are Accepted, but only the oldest (${namespacedName(winner!.metadata)}) receives traffic. No condition says so.`,
        fix: `Give this ${kind} its own listener (sectionName or port).`,
        checks: [],
      })
    }
  }
  const grpc = routes.filter((r) => r.kind === 'GRPCRoute')
  const clashes = overlappingHttpRoutes(
    routes.filter((r) => r.kind === 'HTTPRoute'),
    grpc,
  )
  grpc.forEach((route, i) => {
    const clash = clashes[i]
    if (clash) {
      out.push({
        severity: 'warning',
        code: 'HTTPRouteGRPCRouteOverlap',
        subject: `listener ${l.owner.kind} ${namespacedName(l.owner)}/${l.name}`,
        object: {
          group: 'gateway.networking.k8s.io',
          kind: 'GRPCRoute',
          namespace: route.metadata.namespace ?? '',
          name: route.metadata.name,
        },
        message: `GRPCRoute and HTTPRoute ${namespacedName(clash.metadata)} share a hostname on listener ${l.name}; the spec lets an implementation reject one of them, and traffic may go to either.`,
        fix: 'Give the gRPC service its own hostname.',
        checks: [],
      })
    }
  })
  return out
}

/**
 * The routes attached to a listener, in the Analyzer's order. A route's object is replaced whenever
 * it changes, and a change of what decides where it attaches (a Namespace's labels, a Gateway)
 * changes this list or the listener's own verdict: the same routes on the same listener verdict give
 * the same findings.
 */
function attachedRoutes(analyzer: Analyzer, l: ListenerVerdict): Route[] {
  const routes: Route[] = []
  for (const key of analyzer.attachedTo({ owner: l.owner, section: l.name })) {
    const route = analyzer.store.routes.get(key)
    if (route !== undefined) routes.push(route)
  }
  return routes
}

interface OfListener {
  routes: Route[]
  shared: Finding[]
  routing: Finding[]
}

/**
 * Kept per listener verdict: the dashboard asks for every listener's findings after each change,
 * and building the routing table of a listener with many routes costs far more than seeing that
 * none of them changed (issue 17: at 5,000 accepted routes, most of each change's frame).
 */
const kept = new WeakMap<ListenerVerdict, OfListener>()

function ofListener(analyzer: Analyzer, l: ListenerVerdict, keep: boolean): OfListener {
  const routes = attachedRoutes(analyzer, l)
  const known = keep ? kept.get(l) : undefined
  if (
    known !== undefined &&
    known.routes.length === routes.length &&
    known.routes.every((r, i) => r === routes[i])
  )
    return known
  const fresh = {
    routes,
    shared: sharedListenerWarnings(l, routes),
    routing: listenerFindings(analyzer, l, keep),
  }
  if (keep) kept.set(l, fresh)
  return fresh
}

/**
 * Every listener's findings of these kinds: first what the routes sharing it cause, then its routing
 * table's. `keep: false` builds each afresh and keeps nothing (a one-off reader).
 */
export function listenerWarnings(analyzer: Analyzer, keep: boolean): Finding[] {
  const all: OfListener[] = []
  for (const g of analyzer.gateways) for (const l of g.listeners) all.push(ofListener(analyzer, l, keep))
  for (const s of analyzer.listenerSets) for (const l of s.listeners) all.push(ofListener(analyzer, l, keep))
  return [...all.flatMap((o) => o.shared), ...all.flatMap((o) => o.routing)]
}
