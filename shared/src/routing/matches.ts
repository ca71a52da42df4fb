// Whether one rule match of an HTTPRoute or GRPCRoute matches a request, why not, and its precedence
// key (httproute_types.go, HTTPRouteRule.Matches; grpcroute_types.go, GRPCRouteRule.Matches).
import { list } from '../analysis/store.ts'
import type { GrpcRequest, Header, HttpRequest } from './request.ts'

export interface ValueMatch {
  name: string
  type: 'Exact' | 'RegularExpression'
  value: string
}

export interface HttpMatch {
  path: { type: 'Exact' | 'PathPrefix' | 'RegularExpression'; value: string }
  method?: string
  headers: ValueMatch[]
  queryParams: ValueMatch[]
}

export interface GrpcMatch {
  type: 'Exact' | 'RegularExpression'
  service?: string
  method?: string
  headers: ValueMatch[]
}

/** Only the first entry of a name counts (header names compared without case). */
function valueMatches(raw: unknown, foldCase: boolean): ValueMatch[] {
  const seen = new Set<string>()
  const out: ValueMatch[] = []
  for (const v of list<Record<string, unknown>>(raw)) {
    if (!v || typeof v.name !== 'string') continue
    const key = foldCase ? v.name.toLowerCase() : v.name
    if (seen.has(key)) continue
    seen.add(key)
    out.push({
      name: v.name,
      type: v.type === 'RegularExpression' ? 'RegularExpression' : 'Exact',
      value: String(v.value ?? ''),
    })
  }
  return out
}

/** A rule's matches with the CRD's defaults: no matches is one PathPrefix `/` match. */
export function httpMatches(rawMatches: unknown): HttpMatch[] {
  const raws = list<Record<string, unknown>>(rawMatches)
  if (raws.length === 0) return [{ path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] }]
  return raws.map((m) => {
    const path = (m?.path ?? {}) as { type?: string; value?: string }
    const type = path.type === 'Exact' || path.type === 'RegularExpression' ? path.type : 'PathPrefix'
    const match: HttpMatch = {
      path: { type, value: typeof path.value === 'string' ? path.value : '/' },
      headers: valueMatches(m?.headers, true),
      queryParams: valueMatches(m?.queryParams, false),
    }
    if (typeof m?.method === 'string') match.method = m.method
    return match
  })
}

/** No matches means every gRPC request. */
export function grpcMatches(rawMatches: unknown): GrpcMatch[] {
  const raws = list<Record<string, unknown>>(rawMatches)
  if (raws.length === 0) return [{ type: 'Exact', headers: [] }]
  return raws.map((m) => {
    const method = (m?.method ?? {}) as { type?: string; service?: string; method?: string }
    const match: GrpcMatch = {
      type: method.type === 'RegularExpression' ? 'RegularExpression' : 'Exact',
      headers: valueMatches(m?.headers, true),
    }
    if (typeof method.service === 'string') match.service = method.service
    if (typeof method.method === 'string') match.method = method.method
    return match
  })
}

const regexCache = new Map<string, RegExp | null>()

/** RE2 and JavaScript agree on the patterns routes use; a pattern JavaScript cannot read matches nothing. */
function fullMatch(pattern: string, value: string): boolean {
  let re = regexCache.get(pattern)
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${pattern})$`)
    } catch {
      re = null
    }
    regexCache.set(pattern, re)
  }
  return re?.test(value) ?? false
}

/** PathPrefix matches element by element; a trailing `/` in the prefix is ignored. */
export function prefixMatches(prefix: string, path: string): boolean {
  const p = prefix.length > 1 && prefix.endsWith('/') ? prefix.slice(0, -1) : prefix
  if (p === '/') return true
  return path === p || path.startsWith(`${p}/`)
}

function headerValue(headers: readonly Header[], name: string): string | undefined {
  const lower = name.toLowerCase()
  const values = headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v)
  return values.length ? values.join(',') : undefined
}

function queryValue(query: string, name: string): string | undefined {
  for (const pair of query.split('&')) {
    if (pair === '') continue
    const eq = pair.indexOf('=')
    const key = safeDecode(eq < 0 ? pair : pair.slice(0, eq))
    if (key === name) return safeDecode(eq < 0 ? '' : pair.slice(eq + 1))
  }
  return undefined
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replaceAll('+', ' '))
  } catch {
    return s
  }
}

function valueMismatch(what: string, m: ValueMatch, actual: string | undefined): string | undefined {
  if (actual === undefined) return `${what} ${m.name} is absent`
  const ok = m.type === 'Exact' ? actual === m.value : fullMatch(m.value, actual)
  return ok
    ? undefined
    : `${what} ${m.name} is ${JSON.stringify(actual)}, not ${m.type === 'Exact' ? JSON.stringify(m.value) : `matching /${m.value}/`}`
}

/** undefined when the match matches; else the first field that does not, in words. */
export function httpMismatch(m: HttpMatch, request: HttpRequest): string | undefined {
  const { type, value } = m.path
  const pathOk =
    type === 'Exact'
      ? request.path === value
      : type === 'PathPrefix'
        ? prefixMatches(value, request.path)
        : fullMatch(value, request.path)
  if (!pathOk) return `path ${request.path} does not match ${type} ${value}`
  if (m.method !== undefined && m.method !== request.method)
    return `method ${request.method} is not ${m.method}`
  for (const h of m.headers) {
    const miss = valueMismatch('header', h, headerValue(request.headers, h.name))
    if (miss) return miss
  }
  for (const q of m.queryParams) {
    const miss = valueMismatch('query param', q, queryValue(request.query, q.name))
    if (miss) return miss
  }
  return undefined
}

export function grpcMismatch(m: GrpcMatch, request: GrpcRequest): string | undefined {
  const test = (pattern: string | undefined, actual: string) =>
    pattern === undefined || (m.type === 'Exact' ? pattern === actual : fullMatch(pattern, actual))
  if (!test(m.service, request.service))
    return `service ${request.service} does not match ${m.type} ${m.service}`
  if (!test(m.method, request.method)) return `method ${request.method} does not match ${m.type} ${m.method}`
  for (const h of m.headers) {
    const miss = valueMismatch('header', h, headerValue(request.headers, h.name))
    if (miss) return miss
  }
  return undefined
}

/**
 * The match's place in the precedence order, compared left to right, larger first: Exact path,
 * PathPrefix length (a RegularExpression's precedence is implementation-specific; Gatemap puts it
 * after every prefix), method, header matches, query param matches.
 */
export function httpMatchKey(m: HttpMatch): number[] {
  const prefix =
    m.path.type === 'PathPrefix' ? (m.path.value.length > 1 ? m.path.value.replace(/\/$/, '').length : 1) : 0
  return [
    m.path.type === 'Exact' ? 1 : 0,
    m.path.type === 'Exact' ? 0 : m.path.type === 'PathPrefix' ? prefix : -1,
    m.method !== undefined ? 1 : 0,
    m.headers.length,
    m.queryParams.length,
  ]
}

/** Characters in a matching service, then method (a pattern counts no characters), then headers. */
export function grpcMatchKey(m: GrpcMatch): number[] {
  const chars = (s: string | undefined) => (m.type === 'Exact' && s !== undefined ? s.length : 0)
  return [chars(m.service), chars(m.method), m.headers.length]
}

export function describeHttpMatch(m: HttpMatch): string {
  const parts = [`${m.path.type} ${m.path.value}`]
  if (m.method) parts.push(`method ${m.method}`)
  for (const h of m.headers) parts.push(`header ${h.name}${h.type === 'Exact' ? '=' : '~'}${h.value}`)
  for (const q of m.queryParams) parts.push(`query ${q.name}${q.type === 'Exact' ? '=' : '~'}${q.value}`)
  return parts.join(', ')
}

export function describeGrpcMatch(m: GrpcMatch): string {
  const parts = [
    m.service || m.method
      ? `${m.type === 'Exact' ? '' : 'regex '}${m.service ?? '*'}/${m.method ?? '*'}`
      : 'every method',
  ]
  for (const h of m.headers) parts.push(`header ${h.name}${h.type === 'Exact' ? '=' : '~'}${h.value}`)
  return parts.join(', ')
}

/** Do two matches ask for exactly the same requests (same conditions, in any order)? */
export function sameConditions(a: ValueMatch[], b: ValueMatch[], foldCase: boolean): boolean {
  if (a.length !== b.length) return false
  const key = (v: ValueMatch) => `${foldCase ? v.name.toLowerCase() : v.name}\u0000${v.type}\u0000${v.value}`
  const set = new Set(a.map(key))
  return b.every((v) => set.has(key(v)))
}

/** Every condition of `cover` is also one of `match`'s: whatever `match` matches, `cover` matches too. */
export function conditionsCover(cover: ValueMatch[], match: ValueMatch[], foldCase: boolean): boolean {
  const key = (v: ValueMatch) => `${foldCase ? v.name.toLowerCase() : v.name}\u0000${v.type}\u0000${v.value}`
  const set = new Set(match.map(key))
  return cover.every((v) => set.has(key(v)))
}
