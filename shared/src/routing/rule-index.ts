// What a trace reads of one listener, kept per Analyzer revision: the routes attached there and
// those aimed at it but not Accepted, and the HTTPRoute rules indexed by the path each match asks
// for. With 10,000 routes on one listener a trace then judges only the rules whose path can match
// the request, not every rule; the other rules are judged (and their reasons worded) only when a
// caller reads the trace's candidates. After a change only the routes the Analyzer re-judged are
// read again, so the first trace after an edit on a crowded listener does not rebuild it all.
import type { Analyzer } from '../analysis/analyzer.ts'
import { sectionId } from '../analysis/analyzer.ts'
import type { SectionRef } from '../analysis/parents.ts'
import { list } from '../analysis/store.ts'
import { routeKindFacts } from '../route-kinds.ts'
import type { RouteRule } from '../types/gateway.ts'
import {
  type AttachedRoute,
  attachedRoute,
  type Contender,
  compareKeys,
  type Excluded,
  hostnameKey,
  parsedMatches,
  rejectedRoutes,
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

interface Held {
  section: SectionRef
  listenerHostname: string | undefined
  routes: ListenerRoutes
}

const cache = new WeakMap<Analyzer, { revision: number; sections: Map<string, Held> }>()

/** Drops what is kept for `analyzer`, so the next trace rebuilds it (the tests and benchmarks compare the two). */
export function forgetListenerRoutes(analyzer: Analyzer): void {
  cache.delete(analyzer)
}

/**
 * Past this share of a listener's routes re-judged, building its index again costs about what
 * updating it does, and cannot go wrong.
 */
const REBUILD_SHARE = 0.25

/**
 * routesAt, remembered for the Analyzer's current revision. After a change, a listener's routes
 * and index are updated for the routes the Analyzer re-judged; rebuilt when it cannot tell which.
 * Callers must not change what it returns.
 */
export function listenerRoutes(
  analyzer: Analyzer,
  section: SectionRef,
  listenerHostname: string | undefined,
): ListenerRoutes {
  analyzer.refresh()
  let held = cache.get(analyzer)
  if (!held || held.revision !== analyzer.revision) {
    const changed = held && analyzer.rejudgedSince(held.revision)
    const sections = new Map<string, Held>()
    if (held && changed) {
      for (const [id, h] of held.sections) {
        if (changed.size <= REBUILD_SHARE * Math.max(h.routes.attached.length, 1))
          sections.set(id, { ...h, routes: updated(analyzer, h, changed) })
      }
    }
    held = { revision: analyzer.revision, sections }
    cache.set(analyzer, held)
  }
  const id = `${sectionId(section)}\u0000${listenerHostname ?? ''}`
  let h = held.sections.get(id)
  if (!h) {
    h = { section, listenerHostname, routes: routesAt(analyzer, section, listenerHostname) }
    held.sections.set(id, h)
  }
  return h.routes
}

/**
 * The listener's routes after `changed` were re-judged: the others kept as they were (with their
 * index entries), the changed ones read again. A re-judged route comes last in the Analyzer's
 * attachment order, as it does in the index's lists, so both read as a rebuild's would.
 */
function updated(analyzer: Analyzer, held: Held, changed: ReadonlySet<string>): ListenerRoutes {
  const old = held.routes
  if (changed.size === 0) return old
  const attached = old.attached.filter((a) => !changed.has(a.key))
  const added: AttachedRoute[] = []
  for (const key of analyzer.attachedTo(held.section)) {
    if (!changed.has(key)) continue
    const a = attachedRoute(analyzer, key, held.listenerHostname)
    if (a) added.push(a)
  }
  attached.push(...added)
  const out: ListenerRoutes = { attached, rejected: rejectedRoutes(analyzer, held.section) }
  if (old.http) {
    const gone = new Set(old.attached.filter((a) => changed.has(a.key)))
    // The index moves to the new revision: only a trace (which reads it at once) uses it.
    out.http = updatedIndex(old.http, gone, added)
    old.http = undefined
  }
  return out
}

function prefixKey(value: string): string {
  return value.length > 1 && value.endsWith('/') ? value.slice(0, -1) : value
}

type Place = { list: 'exact' | 'prefix'; key: string } | { list: 'regex' }

/** Every match of the route's rules with where the index keeps it. */
function entriesOf(a: AttachedRoute): { entry: Entry; place: Place }[] {
  if (a.route.kind !== 'HTTPRoute') return []
  return list<RouteRule>(a.route.spec?.rules).flatMap((rule, i) =>
    parsedMatches(rule, httpMatches).map((http, match) => {
      const place: Place =
        http.path.type === 'Exact'
          ? { list: 'exact', key: http.path.value }
          : http.path.type === 'PathPrefix'
            ? { list: 'prefix', key: prefixKey(http.path.value) }
            : { list: 'regex' }
      return { entry: { attached: a, rule: i, match, http }, place }
    }),
  )
}

function buildHttpIndex(attached: readonly AttachedRoute[]): HttpRuleIndex {
  const index: HttpRuleIndex = { exact: new Map(), prefix: new Map(), regex: [] }
  for (const a of attached) {
    for (const { entry, place } of entriesOf(a)) {
      if (place.list === 'regex') {
        index.regex.push(entry)
        continue
      }
      const at = index[place.list].get(place.key)
      if (at) at.push(entry)
      else index[place.list].set(place.key, [entry])
    }
  }
  return index
}

/** `index` without the entries of `gone` and with those of `added` last; changed in place. */
function updatedIndex(
  index: HttpRuleIndex,
  gone: ReadonlySet<AttachedRoute>,
  added: readonly AttachedRoute[],
): HttpRuleIndex {
  let regexGone = false
  // The old route's own rules say which lists hold its entries.
  for (const a of gone) {
    for (const { place } of entriesOf(a)) {
      if (place.list === 'regex') {
        regexGone = true
        continue
      }
      const map = index[place.list]
      const left = map.get(place.key)?.filter((e) => !gone.has(e.attached))
      if (left && left.length > 0) map.set(place.key, left)
      else map.delete(place.key)
    }
  }
  if (regexGone) index.regex = index.regex.filter((e) => !gone.has(e.attached))
  for (const a of added) {
    for (const { entry, place } of entriesOf(a)) {
      if (place.list === 'regex') index.regex.push(entry)
      else {
        const at = index[place.list].get(place.key)
        if (at) at.push(entry)
        else index[place.list].set(place.key, [entry])
      }
    }
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
