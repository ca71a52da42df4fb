// What a trace reads of one listener, kept until the Analyzer changes: the routes attached there and
// those aimed at it but not Accepted, and the HTTPRoute rules indexed by the path each match asks
// for. With 10,000 routes on one listener a trace then judges only the rules whose path can match
// the request, not every rule; the other rules are judged (and their reasons worded) only when a
// caller reads the trace's candidates.
import type { Analyzer } from '../analysis/analyzer.ts'
import { sectionId } from '../analysis/analyzer.ts'
import type { SectionRef } from '../analysis/parents.ts'
import { list } from '../analysis/store.ts'
import { routeKindFacts } from '../route-kinds.ts'
import type { RouteRule } from '../types/gateway.ts'
import {
  type AttachedRoute,
  type Contender,
  compareKeys,
  type Excluded,
  hostnameKey,
  parsedMatches,
  routesAt,
} from './candidates.ts'
import { type HttpMatch, httpMatches, httpMatchKey, httpMismatch } from './matches.ts'
import type { HttpRequest } from './request.ts'

interface Entry {
  attached: AttachedRoute
  rule: number
  match: number
  http: HttpMatch
}

/** Dropped rules are indexed too and passed over when found: telling which they are judges every rule. */
interface HttpRuleIndex {
  exact: Map<string, Entry[]>
  /** Keyed by the prefix as prefixMatches compares it (one trailing `/` dropped). */
  prefix: Map<string, Entry[]>
  /** RegularExpression paths cannot be looked up: every one is tried. */
  regex: Entry[]
}

export interface ListenerRoutes {
  attached: AttachedRoute[]
  rejected: Excluded[]
  /** Built by the first HTTP trace on the listener. */
  http?: HttpRuleIndex
}

const cache = new WeakMap<Analyzer, { revision: number; sections: Map<string, ListenerRoutes> }>()

/** routesAt, remembered for the Analyzer's current revision. Callers must not change what it returns. */
export function listenerRoutes(
  analyzer: Analyzer,
  section: SectionRef,
  listenerHostname: string | undefined,
): ListenerRoutes {
  let held = cache.get(analyzer)
  if (!held || held.revision !== analyzer.revision) {
    held = { revision: analyzer.revision, sections: new Map() }
    cache.set(analyzer, held)
  }
  const id = `${sectionId(section)}\u0000${listenerHostname ?? ''}`
  let routes = held.sections.get(id)
  if (!routes) {
    routes = routesAt(analyzer, section, listenerHostname)
    held.sections.set(id, routes)
  }
  return routes
}

function add(map: Map<string, Entry[]>, key: string, entry: Entry): void {
  const at = map.get(key)
  if (at) at.push(entry)
  else map.set(key, [entry])
}

function prefixKey(value: string): string {
  return value.length > 1 && value.endsWith('/') ? value.slice(0, -1) : value
}

function buildHttpIndex(attached: readonly AttachedRoute[]): HttpRuleIndex {
  const index: HttpRuleIndex = { exact: new Map(), prefix: new Map(), regex: [] }
  for (const a of attached) {
    if (a.route.kind !== 'HTTPRoute') continue
    list<RouteRule>(a.route.spec?.rules).forEach((rule, i) => {
      parsedMatches(rule, httpMatches).forEach((http, match) => {
        const entry: Entry = { attached: a, rule: i, match, http }
        if (http.path.type === 'Exact') add(index.exact, http.path.value, entry)
        else if (http.path.type === 'PathPrefix') add(index.prefix, prefixKey(http.path.value), entry)
        else index.regex.push(entry)
      })
    })
  }
  return index
}

/** The prefix keys that can match `path`: `/`, the path itself and every part of it ending before a `/`. */
function prefixesOf(path: string): Set<string> {
  const keys = new Set(['/', path])
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) keys.add(path.slice(0, i))
  return keys
}

/**
 * The HTTPRoute rules on the listener that match the request, each with its best match — the same
 * Contenders `contenders` finds, without judging rules whose path cannot match.
 */
export function httpContenders(
  routes: ListenerRoutes,
  request: HttpRequest,
  host: string | undefined,
): Contender[] {
  routes.http ??= buildHttpIndex(routes.attached)
  const { exact, prefix, regex } = routes.http
  const found: Entry[] = [...(exact.get(request.path) ?? [])]
  for (const key of prefixesOf(request.path)) found.push(...(prefix.get(key) ?? []))
  found.push(...regex)
  const hosts = new Map<AttachedRoute, ReturnType<typeof hostnameKey>>()
  const best = new Map<AttachedRoute, Map<number, Entry & { key: number[] }>>()
  for (const e of found) {
    if (!hosts.has(e.attached)) {
      const a = e.attached
      hosts.set(
        a,
        routeKindFacts(a.route.kind)?.hostnames
          ? hostnameKey(a.hostnames, host)
          : { key: [0, 0], hostname: '' },
      )
    }
    if (!hosts.get(e.attached) || e.attached.dropped.get(e.rule)) continue
    if (httpMismatch(e.http, request) !== undefined) continue
    const key = httpMatchKey(e.http)
    let rules = best.get(e.attached)
    if (!rules) {
      rules = new Map()
      best.set(e.attached, rules)
    }
    const held = rules.get(e.rule)
    // As in contenders: the better key wins, and among equal keys the earlier match.
    const c = held ? compareKeys(key, held.key) : 1
    if (!held || c > 0 || (c === 0 && e.match < held.match)) rules.set(e.rule, { ...e, key })
  }
  const out: Contender[] = []
  for (const [attached, rules] of best) {
    const hk = hosts.get(attached)!
    for (const [rule, e] of rules) {
      out.push({
        attached,
        rule,
        match: e.match,
        http: e.http,
        hostname: hk.hostname,
        key: [...hk.key, ...e.key],
      })
    }
  }
  return out
}
