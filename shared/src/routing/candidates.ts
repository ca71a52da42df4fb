// The routes that could take a request on one listener (or mesh Service port), each rule judged:
// excluded (route not Accepted there, rule dropped, hostname, kind), not matching (the field that
// differs), or matching with its precedence key. Ordering them is precedence.ts's job.
import type { Analyzer } from '../analysis/analyzer.ts'
import { sectionId } from '../analysis/analyzer.ts'
import type { SectionRef } from '../analysis/parents.ts'
import { droppedRules, type RouteVerdict } from '../analysis/routes.ts'
import { list } from '../analysis/store.ts'
import { wildcardMatches } from '../hostnames.ts'
import { ROUTE_KIND_FACTS, routeKindFacts } from '../route-kinds.ts'
import type { Route, RouteRule } from '../types/gateway.ts'
import {
  type GrpcMatch,
  grpcMatches,
  grpcMatchKey,
  grpcMismatch,
  type HttpMatch,
  httpMatches,
  httpMatchKey,
  httpMismatch,
} from './matches.ts'
import type { TraceRequest } from './request.ts'

export interface RouteRefOut {
  kind: string
  namespace: string
  name: string
}

/** A route Accepted where the request arrives, with what the trace needs of it. */
export interface AttachedRoute {
  key: string
  route: Route
  verdict: RouteVerdict
  ref: RouteRefOut
  /** The hostnames that apply on this listener (after intersection); [] = any. */
  hostnames: string[]
  /** Rules dropped for unsupported values (they never receive traffic), with why. */
  readonly dropped: ReadonlyMap<number, string>
}

/** One rule that matches the request, with the key precedence orders by. */
export interface Contender {
  attached: AttachedRoute
  rule: number
  /** The match (index within the rule) that gives the rule its best key. */
  match: number
  http?: HttpMatch
  grpc?: GrpcMatch
  /** The matching route hostname ('' when the route applies to any hostname). */
  hostname: string
  key: number[]
}

export interface Excluded {
  ref: RouteRefOut
  rule: number | null
  ruleName?: string
  step: string
  reason: string
}

export function routeRefOf(route: Route): RouteRefOut {
  return { kind: route.kind, namespace: route.metadata.namespace ?? '', name: route.metadata.name }
}

/** The route hostnames that apply on a listener: those intersecting its hostname; [] means any. */
export function effectiveHostnames(route: Route, listenerHostname: string | undefined): string[] {
  const own = list<string>(route.spec?.hostnames).filter((h) => typeof h === 'string')
  if (own.length === 0) return listenerHostname ? [listenerHostname] : []
  if (!listenerHostname) return own
  return own.flatMap((h) => {
    const hl = h.toLowerCase()
    const ll = listenerHostname.toLowerCase()
    if (hl === ll) return [h]
    // The narrower of the two is what both accept.
    if (hl.startsWith('*.') && wildcardMatches(hl, ll)) return [listenerHostname]
    if (ll.startsWith('*.') && wildcardMatches(ll, hl)) return [h]
    if (hl.startsWith('*.') && ll.startsWith('*.')) {
      if (hl.endsWith(ll.slice(1))) return [h]
      if (ll.endsWith(hl.slice(1))) return [listenerHostname]
    }
    return []
  })
}

/**
 * How the best of `hostnames` matches `host`: [characters of a matching non-wildcard hostname,
 * characters of a matching hostname]; undefined when none matches. `[]` (any) gives [0, 0].
 */
export function hostnameKey(
  hostnames: readonly string[],
  host: string | undefined,
): { key: [number, number]; hostname: string } | undefined {
  if (hostnames.length === 0) return { key: [0, 0], hostname: '' }
  if (host === undefined) return undefined
  let best: { key: [number, number]; hostname: string } | undefined
  for (const h of hostnames) {
    const lower = h.toLowerCase()
    const key: [number, number] | undefined = !lower.startsWith('*.')
      ? lower === host
        ? [lower.length, lower.length]
        : undefined
      : wildcardMatches(lower, host)
        ? [0, lower.length]
        : undefined
    if (key && (!best || key[0] > best.key[0] || (key[0] === best.key[0] && key[1] > best.key[1]))) {
      best = { key, hostname: h }
    }
  }
  return best
}

/** The route `key` as a trace on a listener with `listenerHostname` reads it; undefined when it has no verdict. */
export function attachedRoute(
  analyzer: Analyzer,
  key: string,
  listenerHostname: string | undefined,
): AttachedRoute | undefined {
  const route = analyzer.store.routes.get(key)
  if (!route) return undefined
  const verdict = analyzer.route(route.kind, route.metadata.namespace ?? '', route.metadata.name)
  if (!verdict) return undefined
  return {
    key,
    route,
    verdict,
    ref: routeRefOf(route),
    hostnames: routeKindFacts(route.kind)?.hostnames ? effectiveHostnames(route, listenerHostname) : [],
    dropped: droppedRules(verdict),
  }
}

/** Routes aimed at the section but not Accepted there, with why. */
export function rejectedRoutes(analyzer: Analyzer, section: SectionRef): Excluded[] {
  const rejected: Excluded[] = []
  const id = sectionId(section)
  for (const key of analyzer.rejectedAt(section)) {
    const route = analyzer.store.routes.get(key)
    const v = route && analyzer.route(route.kind, route.metadata.namespace ?? '', route.metadata.name)
    const p = v?.parents.find(
      (x) => x.accepted.status !== 'True' && x.intended.some((s) => sectionId(s) === id),
    )
    if (!v || !p) continue
    rejected.push({
      ref: { kind: v.kind, namespace: v.ref.namespace ?? '', name: v.ref.name },
      rule: null,
      step: 'not Accepted',
      reason: `not Accepted here (${p.accepted.reason}): ${p.accepted.message}`,
    })
  }
  return rejected
}

/** Routes Accepted on the section, and routes aimed at it but not Accepted there (with why). */
export function routesAt(
  analyzer: Analyzer,
  section: SectionRef,
  listenerHostname: string | undefined,
  withRejected = true,
): { attached: AttachedRoute[]; rejected: Excluded[] } {
  const attached: AttachedRoute[] = []
  for (const key of analyzer.attachedTo(section)) {
    const a = attachedRoute(analyzer, key, listenerHostname)
    if (a) attached.push(a)
  }
  return { attached, rejected: withRejected ? rejectedRoutes(analyzer, section) : [] }
}

/** Rules of `routes` that match the request, and why every other rule does not. */
export function contenders(
  routes: readonly AttachedRoute[],
  request: TraceRequest,
  host: string | undefined,
): { matching: Contender[]; excluded: Excluded[] } {
  const matching: Contender[] = []
  const excluded: Excluded[] = []
  const wantKinds = kindsFor(request)
  for (const a of routes) {
    const rules = list<RouteRule>(a.route.spec?.rules)
    const exclude = (rule: number | null, step: string, reason: string) => {
      const name = rule === null ? undefined : rules[rule]?.name
      excluded.push({
        ref: a.ref,
        rule,
        ...(typeof name === 'string' ? { ruleName: name } : {}),
        step,
        reason,
      })
    }
    if (!wantKinds.includes(a.route.kind)) {
      exclude(null, 'kind', `a ${a.route.kind} does not route ${describeProtocol(request)}`)
      continue
    }
    const hostKey = routeKindFacts(a.route.kind)?.hostnames ? hostnameKey(a.hostnames, host) : undefined
    if (routeKindFacts(a.route.kind)?.hostnames && !hostKey) {
      exclude(
        null,
        'hostname',
        `its hostnames here (${a.hostnames.join(', ')}) do not match ${host ?? 'a request without a hostname'}`,
      )
      continue
    }
    const hk = hostKey ?? { key: [0, 0] as [number, number], hostname: '' }
    rules.forEach((rule, i) => {
      const dropped = a.dropped.get(i)
      if (dropped) {
        exclude(i, 'rule dropped', `the rule is dropped and never receives traffic: ${dropped}`)
        return
      }
      const best = bestMatch(a.route.kind, rule, request)
      if (typeof best === 'string') {
        exclude(i, 'no match', best)
        return
      }
      matching.push({ attached: a, rule: i, ...best, hostname: hk.hostname, key: [...hk.key, ...best.key] })
    })
  }
  return { matching, excluded }
}

function kindsFor(request: TraceRequest): string[] {
  return ROUTE_KIND_FACTS.filter((f) => f.traceProtocol === request.protocol).map((f) => f.kind)
}

function describeProtocol(request: TraceRequest): string {
  return request.protocol === 'http'
    ? 'HTTP requests (a GRPCRoute routes gRPC calls: use --grpc)'
    : `${request.protocol.toUpperCase()} traffic`
}

// A rule object is replaced, never changed in place, when its route changes: it can key its parsed matches.
const matchCache = new WeakMap<object, unknown[]>()

export function parsedMatches<T>(rule: RouteRule, parse: (raw: unknown) => T[]): T[] {
  if (!rule || typeof rule !== 'object') return parse(undefined)
  const hit = matchCache.get(rule)
  if (hit) return hit as T[]
  const parsed = parse(rule.matches)
  matchCache.set(rule, parsed)
  return parsed
}

type Best = { match: number; key: number[]; http?: HttpMatch; grpc?: GrpcMatch }

/** The rule's best matching match, or why none matches. */
function bestMatch(kind: string, rule: RouteRule, request: TraceRequest): Best | string {
  if (kind === 'HTTPRoute' && request.protocol === 'http') {
    const matches = parsedMatches(rule, httpMatches)
    let best: Best | undefined
    const misses: string[] = []
    matches.forEach((m, j) => {
      const miss = httpMismatch(m, request)
      if (miss) misses.push(miss)
      else {
        const key = httpMatchKey(m)
        if (!best || compareKeys(key, best.key) > 0) best = { match: j, key, http: m }
      }
    })
    return best ?? noMatch(misses)
  }
  if (kind === 'GRPCRoute' && request.protocol === 'grpc') {
    const matches = parsedMatches(rule, grpcMatches)
    let best: Best | undefined
    const misses: string[] = []
    matches.forEach((m, j) => {
      const miss = grpcMismatch(m, request)
      if (miss) misses.push(miss)
      else {
        const key = grpcMatchKey(m)
        if (!best || compareKeys(key, best.key) > 0) best = { match: j, key, grpc: m }
      }
    })
    return best ?? noMatch(misses)
  }
  // TLS, TCP and UDP rules have no matches: the route (by SNI or port) decides.
  return { match: 0, key: [] }
}

function noMatch(misses: string[]): string {
  return misses.length === 1
    ? misses[0]!
    : `none of its ${misses.length} matches matches: ${misses.join('; ')}`
}

/** Larger is better; -1 when b is better. */
export function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}
