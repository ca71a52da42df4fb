// A listener's routing table: every (hostname, match) → route, rule, backends in the order the
// spec's precedence gives them, without a request. From the order follow two things no condition
// says: a rule whose every match is covered by higher-precedence matches never gets traffic
// (shadowed), and two routes with identical matches on one hostname are decided only by
// creationTimestamp (or, without one, by name): a tie the older route wins silently.
import type { Analyzer } from '../analysis/analyzer.ts'
import { list } from '../analysis/store.ts'
import type { ListenerVerdict } from '../analysis/verdicts.ts'
import type { RouteRule } from '../types/gateway.ts'
import type { Contender } from './candidates.ts'
import { type AttachedRoute, attachedRoute } from './candidates.ts'
import {
  conditionsCover,
  describeGrpcMatch,
  describeHttpMatch,
  type GrpcMatch,
  grpcMatches,
  grpcMatchKey,
  type HttpMatch,
  httpMatches,
  httpMatchKey,
  prefixMatches,
} from './matches.ts'
import { comparePrecedence } from './precedence.ts'

export interface TableEntry {
  /** The hostname the entry applies to after intersection with the listener's; '' = any. */
  hostname: string
  /** The match in words. */
  match: string
  route: { kind: string; namespace: string; name: string }
  rule: number
  ruleName?: string
  matchIndex: number
  backends: { kind: string; namespace: string; name: string; port?: number; weight: number }[]
  /** A higher entry that takes every request this one matches. */
  shadowedBy?: { route: TableEntry['route']; rule: number; hostname: string }
  /** A higher entry with exactly the same match in another route: only the tie-break decides. */
  tiedWith?: { route: TableEntry['route']; rule: number; decidedBy: 'creationTimestamp' | 'namespace/name' }
}

/** A row of the table before it is put in words: its match parsed, and what covers or ties it. */
export interface TableRow extends Contender {
  /** A higher row of another rule that takes every request this one matches. */
  shadowedBy?: TableRow
  /** A higher row of another route with exactly the same match: only the tie-break decides. */
  tiedWith?: { row: TableRow; decidedBy: 'creationTimestamp' | 'namespace/name' }
}

/** Hostname groups most specific first: exact (longer first), wildcards (longer first), then any. */
function hostnameOrder(a: string, b: string): number {
  const rank = (h: string) => (h === '' ? 0 : h.startsWith('*.') ? 1 : 2)
  return rank(b) - rank(a) || b.length - a.length || (a < b ? -1 : a > b ? 1 : 0)
}

function rowsOf(a: AttachedRoute): TableRow[] {
  const rows: TableRow[] = []
  const hostnames = a.hostnames.length ? a.hostnames : ['']
  const isHttp = a.route.kind === 'HTTPRoute'
  list<RouteRule>(a.route.spec?.rules).forEach((rule, i) => {
    if (a.dropped.has(i)) return
    const matches: (HttpMatch | GrpcMatch)[] = isHttp
      ? httpMatches(rule?.matches)
      : grpcMatches(rule?.matches)
    const keys = matches.map((m) => (isHttp ? httpMatchKey(m as HttpMatch) : grpcMatchKey(m as GrpcMatch)))
    for (const hostname of hostnames) {
      matches.forEach((m, j) => {
        rows.push({
          attached: a,
          rule: i,
          match: j,
          ...(isHttp ? { http: m as HttpMatch } : { grpc: m as GrpcMatch }),
          hostname,
          key: keys[j]!,
        })
      })
    }
  })
  return rows
}

/** A row's match in words. */
export function describeRow(row: TableRow): string {
  return row.http ? describeHttpMatch(row.http) : describeGrpcMatch(row.grpc!)
}

/**
 * What tableRows keeps of a listener between calls (`keep`): each attached route's rows, and each
 * hostname group's rows in precedence order with their marks. Marks only ever join rows of one
 * hostname, so after a change only the groups whose rows changed are ordered and marked again: on
 * one shared listener with 4,500 routes, rebuilding the whole table was most of each change's frame.
 */
interface TableMemo {
  routes: Map<string, { route: object; verdict: object; rows: TableRow[] }>
  groups: Map<string, { members: TableRow[]; ordered: TableRow[] }>
}

const memos = new WeakMap<ListenerVerdict, TableMemo>()

/**
 * Listeners with fewer routes are not kept: building their table again is cheap, and the findings
 * about them are kept whole until one of their routes changes (analysis/listener-warnings.ts).
 * Keeping every listener's rows cost the dashboard's worker 32 MB at 10,000 routes.
 */
const KEEP_FROM_ROUTES = 64

const sameRows = (a: readonly TableRow[], b: readonly TableRow[]) =>
  a.length === b.length && a.every((row, i) => row === b[i])

/** Each attached HTTPRoute's and GRPCRoute's rows, kind by kind, in the Analyzer's order of routes. */
function attachedRows(
  analyzer: Analyzer,
  listener: ListenerVerdict,
  keys: readonly string[],
  memo: TableMemo | undefined,
): Record<'HTTPRoute' | 'GRPCRoute', TableRow[]> {
  const out: Record<'HTTPRoute' | 'GRPCRoute', TableRow[]> = { HTTPRoute: [], GRPCRoute: [] }
  const routes: TableMemo['routes'] = new Map()
  for (const key of keys) {
    const route = analyzer.store.routes.get(key)
    if (route?.kind !== 'HTTPRoute' && route?.kind !== 'GRPCRoute') continue
    const verdict = analyzer.route(route.kind, route.metadata.namespace ?? '', route.metadata.name)
    if (!verdict) continue
    const known = memo?.routes.get(key)
    let rows = known?.route === route && known.verdict === verdict ? known.rows : undefined
    if (rows === undefined) {
      const attached = attachedRoute(analyzer, key, listener.hostname)
      rows = attached ? rowsOf(attached) : []
    }
    routes.set(key, { route, verdict, rows })
    out[route.kind].push(...rows)
  }
  if (memo) memo.routes = routes
  return out
}

/**
 * The routes' HTTPRoute and GRPCRoute rows on a listener, in precedence order, shadows and ties
 * marked. `keep`: on a listener with many routes, the rows are kept for the next call on the same
 * listener verdict, and shared with it; only findings that read them at once should ask for that.
 */
export function tableRows(analyzer: Analyzer, listener: ListenerVerdict, keep = false): TableRow[] {
  const keys = analyzer.attachedTo({ owner: listener.owner, section: listener.name })
  const kept = keep && keys.length >= KEEP_FROM_ROUTES
  if (keep && !kept) memos.delete(listener)
  let memo = kept ? memos.get(listener) : undefined
  if (kept && memo === undefined) {
    memo = { routes: new Map(), groups: new Map() }
    memos.set(listener, memo)
  }
  const byKind = attachedRows(analyzer, listener, keys, memo)
  const groupsNow: TableMemo['groups'] = new Map()
  const out: TableRow[] = []
  for (const kind of ['HTTPRoute', 'GRPCRoute'] as const) {
    const groups = new Map<string, TableRow[]>()
    for (const r of byKind[kind]) {
      const key = r.hostname.toLowerCase()
      const g = groups.get(key)
      if (g) g.push(r)
      else groups.set(key, [r])
    }
    for (const hostname of [...groups.keys()].sort(hostnameOrder)) {
      const members = groups.get(hostname)!
      const id = `${kind} ${hostname}`
      const known = memo?.groups.get(id)
      let ordered = known && sameRows(known.members, members) ? known.ordered : undefined
      if (ordered === undefined) {
        // Kept rows carry the marks of this group's last ordering.
        for (const r of members) {
          r.shadowedBy = undefined
          r.tiedWith = undefined
        }
        ordered = [...members].sort(comparePrecedence)
        markCovered(ordered)
      }
      if (memo) groupsNow.set(id, { members, ordered })
      out.push(...ordered)
    }
  }
  if (memo) memo.groups = groupsNow
  return out
}

function entryOf(row: TableRow): TableEntry {
  const { attached: a, rule: i } = row
  const rule = list<RouteRule>(a.route.spec?.rules)[i]
  const entry: TableEntry = {
    hostname: row.hostname,
    match: describeRow(row),
    route: a.ref,
    rule: i,
    ...(typeof rule?.name === 'string' ? { ruleName: rule.name } : {}),
    matchIndex: row.match,
    backends: a.verdict.backends
      .filter((b) => b.rule === i)
      .map((b) => ({
        kind: b.ref.kind,
        namespace: b.ref.namespace,
        name: b.ref.name,
        ...(b.ref.port !== undefined ? { port: b.ref.port } : {}),
        weight: b.weight,
      })),
  }
  const tie = row.tiedWith
  if (tie) entry.tiedWith = { route: tie.row.attached.ref, rule: tie.row.rule, decidedBy: tie.decidedBy }
  const cover = row.shadowedBy
  if (cover) entry.shadowedBy = { route: cover.attached.ref, rule: cover.rule, hostname: cover.hostname }
  return entry
}

/** The HTTPRoute and GRPCRoute entries of a listener, in precedence order, shadows and ties marked. */
export function routingTable(analyzer: Analyzer, listener: ListenerVerdict): TableEntry[] {
  return tableRows(analyzer, listener).map(entryOf)
}

const UNCONDITIONAL_SCAN = 256

/** Marks rows covered by an earlier row of another rule (the group is in precedence order). */
function markCovered(group: TableRow[]): void {
  const byPath = new Map<string, TableRow[]>()
  const exact = new Map<string, TableRow>()
  for (const row of group) {
    const signature = signatureOf(row)
    const twin = exact.get(signature)
    if (twin && twin.attached !== row.attached) {
      const decidedBy =
        (twin.attached.route.metadata.creationTimestamp ?? '') !==
        (row.attached.route.metadata.creationTimestamp ?? '')
          ? 'creationTimestamp'
          : 'namespace/name'
      row.tiedWith = { row: twin, decidedBy }
    }
    if (!twin) exact.set(signature, row)
    const cover = coveringRow(row, byPath)
    if (cover) row.shadowedBy = cover
    const key = pathKey(row)
    const rowsAtKey = byPath.get(key)
    if (rowsAtKey) rowsAtKey.push(row)
    else byPath.set(key, [row])
  }
}

function signatureOf(row: TableRow): string {
  const v = (list: { name: string; type: string; value: string }[], fold: boolean) =>
    list
      .map((x) => `${fold ? x.name.toLowerCase() : x.name}=${x.type}:${x.value}`)
      .sort()
      .join('&')
  if (row.http) {
    const m = row.http
    return `${m.path.type}:${m.path.value}|${m.method ?? ''}|${v(m.headers, true)}|${v(m.queryParams, false)}`
  }
  const m = row.grpc!
  return `${m.type}:${m.service ?? ''}/${m.method ?? ''}|${v(m.headers, true)}`
}

function pathKey(row: TableRow): string {
  if (!row.http) return 'grpc'
  const p = row.http.path
  const value = p.type === 'PathPrefix' && p.value.length > 1 ? p.value.replace(/\/$/, '') : p.value
  return `${p.type}:${value}`
}

/** The keys under which a row's covering rows are: its own Exact path, and each element prefix of its path. */
function coveringKeys(row: TableRow): string[] {
  if (!row.http) return ['grpc']
  const p = row.http.path
  if (p.type === 'RegularExpression') return []
  const keys = p.type === 'Exact' ? [`Exact:${p.value}`] : []
  const parts = p.value.split('/').filter((s) => s !== '')
  keys.push('PathPrefix:/')
  for (let i = 1; i <= parts.length; i++) keys.push(`PathPrefix:/${parts.slice(0, i).join('/')}`)
  return keys
}

function coveringRow(row: TableRow, byPath: Map<string, TableRow[]>): TableRow | undefined {
  for (const key of coveringKeys(row)) {
    const candidates = byPath.get(key)
    if (!candidates) continue
    let scanned = 0
    for (const c of candidates) {
      if (c.attached === row.attached && c.rule === row.rule) continue
      if (covers(c, row)) return c
      // Bounded: a long list of conditional matches at one path is rare; missing a shadow there is
      // better than a quadratic table.
      if (++scanned > UNCONDITIONAL_SCAN) break
    }
  }
  return undefined
}

/** Every request `row` matches, `c` matches too. */
function covers(c: TableRow, row: TableRow): boolean {
  if (c.http && row.http) {
    const a = c.http
    const b = row.http
    if (a.path.type === 'Exact') {
      if (b.path.type !== 'Exact' || a.path.value !== b.path.value) return false
    } else if (a.path.type === 'PathPrefix') {
      if (b.path.type === 'RegularExpression' || !prefixMatches(a.path.value, b.path.value)) return false
    } else return false
    if (a.method !== undefined && a.method !== b.method) return false
    return conditionsCover(a.headers, b.headers, true) && conditionsCover(a.queryParams, b.queryParams, false)
  }
  if (c.grpc && row.grpc) {
    const a = c.grpc
    const b = row.grpc
    if (a.type !== 'Exact' && (a.service !== undefined || a.method !== undefined)) return false
    if (a.service !== undefined && (b.type !== 'Exact' || a.service !== b.service)) return false
    if (a.method !== undefined && (b.type !== 'Exact' || a.method !== b.method)) return false
    return conditionsCover(a.headers, b.headers, true)
  }
  return false
}
