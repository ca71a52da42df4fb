// A request traced through the analysed world: the listener it reaches, the route and rule that win,
// the filters' effect and the backends with their shares, and every other candidate with the step
// that made it lose. The world is the Analyzer's: only Accepted parents carry traffic.
import type { Analyzer } from '../analysis/analyzer.ts'
import type { SectionRef } from '../analysis/parents.ts'
import { list, nsName } from '../analysis/store.ts'
import type { ObjectRef } from '../analysis/verdicts.ts'
import { CANNOT_CHECK, RouteReason } from '../conditions.ts'
import { routeKindFacts } from '../route-kinds.ts'
import type { Service } from '../types/core.ts'
import type { RouteRule } from '../types/gateway.ts'
import { type Contender, contenders, type Excluded, type RouteRefOut, routesAt } from './candidates.ts'
import { applyFilters, type FilterEffect, type Forwarded, type TracedMirror } from './filters.ts'
import { chooseListener, listenerLabel } from './listeners.ts'
import { describeGrpcMatch, describeHttpMatch } from './matches.ts'
import { decide, lossReason, sortByPrecedence } from './precedence.ts'
import { describeRequest, type Header, requestHostname, type TraceRequest } from './request.ts'
import { httpContenders, listenerRoutes } from './rule-index.ts'

export interface TraceTarget {
  kind: 'Gateway' | 'Service'
  namespace: string
  name: string
}

/** A Gateway or Service that does not exist: the trace cannot start. */
export class TraceTargetError extends Error {}

export interface TracedBackend {
  kind: string
  namespace: string
  name: string
  port?: number
  /** The effective weight: 0 for a backend that does not resolve (its share gets a 500). */
  weight: number
  /** The weight as written (1 when unset). */
  configuredWeight: number
  /** Fraction of the rule's requests it receives, 0..1. */
  share: number
  resolved: boolean
  /** Why it does not resolve, or that it could not be checked. */
  note?: string
}

export interface TraceCandidate extends RouteRefOut {
  rule: number | null
  ruleName?: string
  /** The step that excluded it or made it lose (a precedence step, 'no match', 'not Accepted' …). */
  step: string
  reason: string
}

export interface TracedListener {
  /** `namespace/name` of the Gateway. */
  gateway: string
  owner: ObjectRef
  name: string
  port: number
  protocol: string
  hostname?: string
}

export interface TraceResult {
  request: TraceRequest
  target: TraceTarget
  listener: TracedListener | null
  /** For mesh: the Service port the request reaches. */
  servicePort?: { name?: string; port: number }
  route: RouteRefOut | null
  rule: { index: number; name?: string; match?: string } | null
  outcome: 'backend' | 'redirect' | 'not-found' | 'error'
  /** What the client sees: 200, a redirect's code, 404 or 500; null for TLS, TCP and UDP. */
  status: number | null
  backends: TracedBackend[]
  /** Share of the rule's requests answered 500 because their backend does not resolve. */
  errorShare: number
  /** The request as the backend receives it, after filters (HTTP and gRPC). */
  forwarded: Forwarded | null
  redirect: { location: string; statusCode: number } | null
  filters: FilterEffect[]
  mirrors: TracedMirror[]
  responseHeaders: Header[]
  responseRemoved: string[]
  /** Every other route and rule that was considered, and why it did not take the request. */
  candidates: TraceCandidate[]
  /** Listeners of the Gateway that did not take the request, and why. */
  otherListeners: { owner: ObjectRef; name: string; reason: string }[]
  /** The path in words, one step a line. */
  steps: string[]
}

const LAYER4 = new Set(['tls', 'tcp', 'udp'])

function empty(request: TraceRequest, target: TraceTarget): TraceResult {
  return {
    request,
    target,
    listener: null,
    route: null,
    rule: null,
    outcome: 'not-found',
    status: LAYER4.has(request.protocol) ? null : 404,
    backends: [],
    errorShare: 0,
    forwarded: null,
    redirect: null,
    filters: [],
    mirrors: [],
    responseHeaders: [],
    responseRemoved: [],
    candidates: [],
    otherListeners: [],
    steps: [`Request: ${describeRequest(request)}.`],
  }
}

export function traceRequest(analyzer: Analyzer, target: TraceTarget, request: TraceRequest): TraceResult {
  analyzer.refresh()
  return target.kind === 'Service'
    ? traceMesh(analyzer, target, request)
    : traceGateway(analyzer, target, request)
}

function traceGateway(analyzer: Analyzer, target: TraceTarget, request: TraceRequest): TraceResult {
  const gateway = analyzer.gateway(target.namespace, target.name)
  if (!gateway)
    throw new TraceTargetError(`Gateway ${target.namespace}/${target.name} is not among the inputs`)
  const result = empty(request, target)
  const choice = chooseListener(gateway, request)
  result.otherListeners = choice.losers.map((l) => ({
    owner: l.listener.owner,
    name: l.listener.name,
    reason: l.reason,
  }))
  const l = choice.listener
  if (!l) {
    result.steps.push(`No listener of Gateway ${target.namespace}/${target.name} takes it: ${choice.reason}.`)
    result.steps.push(notFoundWords(request))
    return result
  }
  result.listener = {
    gateway: `${target.namespace}/${target.name}`,
    owner: l.owner,
    name: l.name,
    port: l.port,
    protocol: l.protocol,
    ...(l.hostname ? { hostname: l.hostname } : {}),
  }
  result.steps.push(
    `Listener: ${listenerLabel(l)} (${l.protocol} port ${l.port}${l.hostname ? `, hostname ${l.hostname}` : ', any hostname'}).`,
  )
  const section: SectionRef = { owner: l.owner, section: l.name }
  const routes = listenerRoutes(analyzer, section, l.hostname)
  const host = requestHostname(request)
  const everyRule = () => {
    const { matching, excluded } = contenders(routes.attached, request, host)
    return { matching, excluded: [...routes.rejected, ...excluded] }
  }
  const matching = request.protocol === 'http' ? httpContenders(routes, request, host) : everyRule().matching
  return finish(result, matching, everyRule, l.port, request)
}

function traceMesh(analyzer: Analyzer, target: TraceTarget, request: TraceRequest): TraceResult {
  const service: Service | undefined = analyzer.store.services.get(nsName(target.namespace, target.name))
  if (!service)
    throw new TraceTargetError(`Service ${target.namespace}/${target.name} is not among the inputs`)
  const result = empty(request, target)
  const ports = list<{ name?: string; port: number }>(service.spec?.ports)
  const port = ports.find((p) => p.port === request.port)
  if (ports.length > 0 && !port) {
    result.steps.push(
      `Service ${target.namespace}/${target.name} has no port ${request.port} (it has ${ports.map((p) => p.port).join(', ')}).`,
    )
    result.steps.push(notFoundWords(request))
    return result
  }
  result.servicePort = { ...(port?.name ? { name: port.name } : {}), port: request.port }
  const owner: ObjectRef = { group: '', kind: 'Service', namespace: target.namespace, name: target.name }
  const sections = port ? [port.name ?? String(port.port)] : ['*']
  const attached = sections.flatMap((s) => routesAt(analyzer, { owner, section: s }, undefined).attached)
  result.steps.push(
    `Service ${target.namespace}/${target.name} port ${request.port}${port?.name ? ` (${port.name})` : ''}: ${attached.length} mesh route${attached.length === 1 ? '' : 's'} attached.`,
  )
  if (attached.length === 0) {
    // Without a route, mesh traffic goes to the Service as it would without the Gateway API.
    result.outcome = 'backend'
    result.status = LAYER4.has(request.protocol) ? null : 200
    result.backends = [
      {
        kind: 'Service',
        namespace: target.namespace,
        name: target.name,
        port: request.port,
        weight: 1,
        configuredWeight: 1,
        share: 1,
        resolved: true,
      },
    ]
    result.steps.push('No route is attached to this port, so the request goes to the Service itself.')
    return result
  }
  // GEP-1294: on one Service port only one route kind applies, GRPCRoute > HTTPRoute > TLSRoute > TCPRoute.
  const rank = (kind: string) => routeKindFacts(kind)?.meshRank ?? 99
  const top = Math.min(...attached.map((a) => rank(a.route.kind)))
  const excludedKinds: Excluded[] = attached
    .filter((a) => rank(a.route.kind) !== top)
    .map((a) => ({
      ref: a.ref,
      rule: null,
      step: 'kind',
      reason: `on one Service port only one route kind applies (GRPCRoute, then HTTPRoute, TLSRoute, TCPRoute), and a ${attached.find((b) => rank(b.route.kind) === top)?.route.kind} is attached here`,
    }))
  const used = attached.filter((a) => rank(a.route.kind) === top).map((a) => ({ ...a, hostnames: [] }))
  // Hostnames are ignored for Service parents.
  const { matching, excluded } = contenders(used, request, undefined)
  const everyRule = () => ({ matching: [...matching], excluded: [...excludedKinds, ...excluded] })
  return finish(result, matching, everyRule, request.port, request)
}

function notFoundWords(request: TraceRequest): string {
  if (request.protocol === 'grpc') return 'Outcome: not found — the client gets UNIMPLEMENTED (HTTP 404).'
  if (LAYER4.has(request.protocol)) return 'Outcome: not found — the connection is refused or reset.'
  return 'Outcome: not found — 404.'
}

function candidateOf(e: Excluded): TraceCandidate {
  return {
    ...e.ref,
    rule: e.rule,
    ...(e.ruleName ? { ruleName: e.ruleName } : {}),
    step: e.step,
    reason: e.reason,
  }
}

/** Every rule that was considered: those matching and those excluded, with why. */
type EveryRule = () => { matching: Contender[]; excluded: Excluded[] }

function candidatesOf(everyRule: EveryRule): TraceCandidate[] {
  const { matching, excluded } = everyRule()
  sortByPrecedence(matching)
  const [winner, ...losers] = matching
  return [
    ...losers.map((c): TraceCandidate => {
      const d = decide(winner!, c)
      const name = list<RouteRule>(c.attached.route.spec?.rules)[c.rule]?.name
      return {
        ...c.attached.ref,
        rule: c.rule,
        ...(typeof name === 'string' ? { ruleName: name } : {}),
        step: d.step,
        reason: lossReason(winner!, d),
      }
    }),
    ...excluded.map(candidateOf),
  ]
}

/**
 * The candidates are judged and worded when first read: on a crowded listener that is thousands of
 * rules, most of which a caller asking only where the request goes never looks at. Enumerable, so
 * JSON and object spread see a plain array in the same place.
 */
function candidatesWhenRead(result: TraceResult, everyRule: EveryRule): void {
  let held: TraceCandidate[] | undefined
  Object.defineProperty(result, 'candidates', {
    enumerable: true,
    configurable: true,
    get: () => {
      held ??= candidatesOf(everyRule)
      return held
    },
    set: (value: TraceCandidate[]) => {
      held = value
    },
  })
}

function finish(
  result: TraceResult,
  matching: Contender[],
  everyRule: EveryRule,
  listenerPort: number,
  request: TraceRequest,
): TraceResult {
  sortByPrecedence(matching)
  const [winner, ...losers] = matching
  candidatesWhenRead(result, everyRule)
  if (!winner) {
    result.steps.push('No Accepted route rule matches the request.')
    result.steps.push(notFoundWords(request))
    return result
  }
  const rules = list<RouteRule>(winner.attached.route.spec?.rules)
  const rule = rules[winner.rule] ?? {}
  result.route = winner.attached.ref
  const matchWords = winner.http
    ? describeHttpMatch(winner.http)
    : winner.grpc
      ? describeGrpcMatch(winner.grpc)
      : undefined
  result.rule = {
    index: winner.rule,
    ...(typeof rule.name === 'string' ? { name: rule.name } : {}),
    ...(matchWords ? { match: matchWords } : {}),
  }
  const w = winner.attached.ref
  result.steps.push(
    `Route: ${w.kind} ${w.namespace}/${w.name} rule ${winner.rule}${typeof rule.name === 'string' ? ` (${rule.name})` : ''}${matchWords ? `, match ${matchWords}` : ''}${winner.hostname ? `, hostname ${winner.hostname}` : ''}${losers.length ? ` — wins over ${losers.length} other matching rule${losers.length === 1 ? '' : 's'}` : ''}.`,
  )
  if (request.protocol === 'http' || request.protocol === 'grpc') {
    const base: Forwarded =
      request.protocol === 'http'
        ? { host: request.authority, path: request.path, query: request.query, headers: request.headers }
        : {
            ...(request.host ? { host: request.host } : {}),
            path: `/${request.service}/${request.method}`,
            query: '',
            headers: request.headers,
          }
    const filtered = applyFilters(rule.filters, base, {
      scheme: request.protocol === 'http' ? request.scheme : 'http',
      listenerPort,
      ...(winner.http?.path.type === 'PathPrefix' ? { matchedPrefix: winner.http.path.value } : {}),
      routeNamespace: w.namespace,
    })
    result.filters = filtered.effects
    result.mirrors = filtered.mirrors
    result.responseHeaders = filtered.responseHeaders
    result.responseRemoved = filtered.responseRemoved
    for (const e of filtered.effects) result.steps.push(`Filter ${e.index} (${e.type}): ${e.effect}.`)
    if (filtered.redirect) {
      result.outcome = 'redirect'
      result.status = filtered.redirect.statusCode
      result.redirect = filtered.redirect
      result.steps.push(
        `Outcome: redirect ${filtered.redirect.statusCode}, Location: ${filtered.redirect.location}.`,
      )
      return result
    }
    result.forwarded = filtered.forwarded
  }
  backends(result, winner)
  return result
}

function backends(result: TraceResult, winner: Contender): void {
  const verdicts = winner.attached.verdict.backends.filter((b) => b.rule === winner.rule)
  const traced = verdicts.map((b): TracedBackend => {
    const resolved = b.reason === RouteReason.ResolvedRefs || b.reason === CANNOT_CHECK
    return {
      kind: b.ref.kind,
      namespace: b.ref.namespace,
      name: b.ref.name,
      ...(b.ref.port !== undefined ? { port: b.ref.port } : {}),
      weight: resolved ? b.weight : 0,
      configuredWeight: b.weight,
      share: 0,
      resolved,
      ...(resolved && b.reason !== CANNOT_CHECK ? {} : { note: b.message }),
    }
  })
  const total = traced.reduce((s, b) => s + b.configuredWeight, 0)
  const served = traced.reduce((s, b) => s + b.weight, 0)
  for (const b of traced) b.share = total > 0 ? b.weight / total : 0
  result.backends = traced
  result.errorShare = total > 0 ? (total - served) / total : traced.length > 0 ? 1 : 0
  const http = !LAYER4.has(result.request.protocol)
  if (served > 0) {
    result.outcome = 'backend'
    result.status = http ? 200 : null
    for (const b of traced) {
      result.steps.push(
        `Backend ${b.kind} ${b.namespace}/${b.name}${b.port !== undefined ? `:${b.port}` : ''}: weight ${b.configuredWeight}, ${b.resolved ? `${pct(b.share)} of requests` : `does not resolve, so its ${pct(b.configuredWeight / total)} get 500 (${b.note})`}.`,
      )
    }
    result.steps.push(
      `Outcome: ${result.errorShare > 0 ? `${pct(1 - result.errorShare)} reach a backend (200), ${pct(result.errorShare)} get 500` : 'reaches a backend (200)'}.`,
    )
    return
  }
  result.outcome = 'error'
  result.status = http ? 500 : null
  const why =
    traced.length === 0
      ? 'the rule has no backendRefs'
      : traced.every((b) => !b.resolved)
        ? `no backendRef resolves (${traced.map((b) => b.note).join(' ')})`
        : 'every backendRef has weight 0'
  result.steps.push(
    `Outcome: error — ${why}, so the ${http ? 'client gets 500' : 'connection is refused or reset'}.`,
  )
}

function pct(share: number): string {
  return `${Math.round(share * 1000) / 10}%`
}
