// A rule's filters applied in order to the request it matched: what the backend receives (URLRewrite,
// RequestHeaderModifier), the response's headers (ResponseHeaderModifier), the redirect a client
// gets instead (RequestRedirect, with the Location the spec prescribes) and the mirrors.
import { list } from '../analysis/store.ts'
import { resolveBackendRef } from '../refs.ts'
import type { BackendObjectReference } from '../types/gateway.ts'
import { prefixMatches } from './matches.ts'
import type { Header } from './request.ts'

export interface FilterEffect {
  index: number
  type: string
  /** What it did, in words. */
  effect: string
}

/** The request as it leaves the gateway. */
export interface Forwarded {
  host?: string
  path: string
  query: string
  headers: Header[]
}

export interface Redirect {
  location: string
  statusCode: number
}

export interface TracedMirror {
  kind: string
  namespace: string
  name: string
  port?: number
  /** Percent of requests mirrored (100 unless percent or fraction says otherwise). */
  percent: number
}

export interface FilterOutcome {
  forwarded: Forwarded
  effects: FilterEffect[]
  redirect?: Redirect
  mirrors: TracedMirror[]
  /** Headers the gateway sets or adds on the response, and those it removes. */
  responseHeaders: Header[]
  responseRemoved: string[]
}

export interface FilterContext {
  scheme: 'http' | 'https'
  /** The listener's port: the redirect's port when the filter gives neither scheme nor port. */
  listenerPort: number
  /** The PathPrefix the rule matched with (for ReplacePrefixMatch). */
  matchedPrefix?: string
  routeNamespace: string
}

type Raw = Record<string, unknown>

function headerList(raw: unknown): Header[] {
  return list<Raw>(raw)
    .filter((h) => h && typeof h.name === 'string')
    .map((h): Header => [String(h.name), String(h.value ?? '')])
}

function modify(headers: Header[], raw: Raw | undefined): { headers: Header[]; words: string[] } {
  let out = headers.map((h): Header => [h[0], h[1]])
  const words: string[] = []
  for (const [name, value] of headerList(raw?.set)) {
    const lower = name.toLowerCase()
    out = out.filter(([n]) => n.toLowerCase() !== lower)
    out.push([name, value])
    words.push(`set ${name}: ${value}`)
  }
  for (const [name, value] of headerList(raw?.add)) {
    const lower = name.toLowerCase()
    const existing = out.find(([n]) => n.toLowerCase() === lower)
    if (existing) existing[1] = `${existing[1]},${value}`
    else out.push([name, value])
    words.push(`add ${name}: ${value}`)
  }
  for (const name of list<string>(raw?.remove)) {
    const lower = String(name).toLowerCase()
    out = out.filter(([n]) => n.toLowerCase() !== lower)
    words.push(`remove ${name}`)
  }
  return { headers: out, words }
}

/** ReplacePrefixMatch: the matched prefix (element-wise) gives way to the replacement. */
export function replacePrefix(path: string, prefix: string, replacement: string): string {
  const p = prefix.length > 1 && prefix.endsWith('/') ? prefix.slice(0, -1) : prefix
  if (!prefixMatches(p, path)) return path
  const rest = p === '/' ? path : path.slice(p.length)
  const base = replacement.endsWith('/') ? replacement.slice(0, -1) : replacement
  const joined = `${base}${rest.startsWith('/') || rest === '' ? rest : `/${rest}`}`
  return joined === '' ? '/' : joined
}

function rewritePath(
  path: string,
  raw: Raw | undefined,
  ctx: FilterContext,
): { path: string; words?: string } {
  if (!raw) return { path }
  if (raw.type === 'ReplaceFullPath' && typeof raw.replaceFullPath === 'string') {
    return { path: raw.replaceFullPath, words: `path ${path} → ${raw.replaceFullPath} (ReplaceFullPath)` }
  }
  if (raw.type === 'ReplacePrefixMatch' && typeof raw.replacePrefixMatch === 'string') {
    if (ctx.matchedPrefix === undefined) {
      return { path, words: 'ReplacePrefixMatch needs a PathPrefix match; the path is left as it is' }
    }
    const next = replacePrefix(path, ctx.matchedPrefix, raw.replacePrefixMatch)
    return {
      path: next,
      words: `path ${path} → ${next} (ReplacePrefixMatch ${ctx.matchedPrefix} → ${raw.replacePrefixMatch})`,
    }
  }
  return { path }
}

const WELL_KNOWN: Record<string, number> = { http: 80, https: 443 }

function location(
  request: Forwarded,
  raw: Raw,
  ctx: FilterContext,
): { location: string; statusCode: number; words: string } {
  const scheme = typeof raw.scheme === 'string' ? raw.scheme : ctx.scheme
  const host = typeof raw.hostname === 'string' ? raw.hostname : (request.host ?? '')
  // httproute_types.go, HTTPRequestRedirectFilter.Port: no port → the scheme's well-known port if
  // a scheme is given, else the listener's; 80 for http and 443 for https are left out.
  const port =
    typeof raw.port === 'number'
      ? raw.port
      : typeof raw.scheme === 'string'
        ? (WELL_KNOWN[scheme] ?? ctx.listenerPort)
        : ctx.listenerPort
  const { path } = rewritePath(request.path, raw.path as Raw | undefined, ctx)
  const showPort = WELL_KNOWN[scheme] !== port
  const statusCode = typeof raw.statusCode === 'number' ? raw.statusCode : 302
  const loc = `${scheme}://${host}${showPort ? `:${port}` : ''}${path}${request.query ? `?${request.query}` : ''}`
  return { location: loc, statusCode, words: `redirect ${statusCode} to ${loc}` }
}

function mirrorOf(raw: Raw, namespace: string): TracedMirror | undefined {
  const ref = raw.backendRef as BackendObjectReference | undefined
  if (!ref || typeof ref.name !== 'string') return undefined
  const resolved = resolveBackendRef(ref, namespace)
  const fraction = raw.fraction as { numerator?: number; denominator?: number } | undefined
  const percent =
    typeof raw.percent === 'number'
      ? raw.percent
      : fraction && typeof fraction.numerator === 'number'
        ? (100 * fraction.numerator) / (fraction.denominator ?? 100)
        : 100
  return {
    kind: resolved.kind,
    namespace: resolved.namespace,
    name: resolved.name,
    ...(resolved.port !== undefined ? { port: resolved.port } : {}),
    percent,
  }
}

/** Applies the filters in list order. A RequestRedirect ends the request at the gateway. */
export function applyFilters(filters: unknown, request: Forwarded, ctx: FilterContext): FilterOutcome {
  let forwarded: Forwarded = { ...request, headers: request.headers.map((h): Header => [h[0], h[1]]) }
  const out: FilterOutcome = { forwarded, effects: [], mirrors: [], responseHeaders: [], responseRemoved: [] }
  list<Raw>(filters).forEach((f, index) => {
    const type = String(f?.type)
    const say = (effect: string) => out.effects.push({ index, type, effect })
    switch (type) {
      case 'RequestHeaderModifier': {
        const { headers, words } = modify(forwarded.headers, f.requestHeaderModifier as Raw | undefined)
        forwarded = { ...forwarded, headers }
        say(words.join('; ') || 'no change')
        break
      }
      case 'ResponseHeaderModifier': {
        const raw = f.responseHeaderModifier as Raw | undefined
        const { headers, words } = modify(out.responseHeaders, raw)
        out.responseHeaders = headers
        out.responseRemoved.push(...list<string>(raw?.remove).map(String))
        say(`on the response: ${words.join('; ') || 'no change'}`)
        break
      }
      case 'URLRewrite': {
        const raw = (f.urlRewrite ?? {}) as Raw
        const words: string[] = []
        if (typeof raw.hostname === 'string') {
          words.push(`Host ${forwarded.host ?? '(none)'} → ${raw.hostname}`)
          forwarded = { ...forwarded, host: raw.hostname }
        }
        const rewritten = rewritePath(forwarded.path, raw.path as Raw | undefined, ctx)
        if (rewritten.words) words.push(rewritten.words)
        forwarded = { ...forwarded, path: rewritten.path }
        say(words.join('; ') || 'no change')
        break
      }
      case 'RequestRedirect': {
        if (out.redirect) break
        const r = location(forwarded, (f.requestRedirect ?? {}) as Raw, ctx)
        out.redirect = { location: r.location, statusCode: r.statusCode }
        say(r.words)
        break
      }
      case 'RequestMirror': {
        const m = mirrorOf((f.requestMirror ?? {}) as Raw, ctx.routeNamespace)
        if (m) {
          out.mirrors.push(m)
          say(
            `a copy of ${m.percent === 100 ? 'every request' : `${m.percent}% of requests`} goes to ${m.kind} ${m.namespace}/${m.name}${m.port ? `:${m.port}` : ''}; its answer is ignored`,
          )
        }
        break
      }
      default:
        say(`${type} is implementation-specific; Gatemap does not model its effect`)
    }
  })
  out.forwarded = forwarded
  return out
}
