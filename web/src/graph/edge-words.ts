// What an edge says beyond its label: a listener → route edge names the hostnames and first matches
// the route carries there (shown on hover, and as the label while the edge is on the selected path);
// a route → backend edge names the port, the share and, for layer-4 kinds, the protocol the backend
// is reached on.
import { routeKindFacts } from '@gatemap/shared'
import type { LaidOutNode } from '@gatemap/shared/view/frame/messages.ts'
import type { ViewEdge } from '@gatemap/shared/view/model/view-types.ts'

const MATCHES_SHOWN = 3

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : [])

/** The protocol a route kind's backends are reached on, for kinds that are no HTTP: TCP or UDP. */
export function backendProtocol(routeKind: unknown): string | undefined {
  const p = routeKindFacts(String(routeKind))?.traceProtocol
  // A TLS passthrough route hands its backend the TCP stream, TLS and all.
  return p === 'tcp' || p === 'tls' ? 'TCP' : p === 'udp' ? 'UDP' : undefined
}

const more = (list: readonly string[], shown: number) =>
  list.slice(0, shown).join(', ') + (list.length > shown ? ` +${list.length - shown}` : '')

function name(node: LaidOutNode): string {
  if (node.type === 'group') return node.group.label
  const { kind, namespace, name } = node.node.object
  const full = namespace ? `${namespace}/${name}` : name
  return node.node.role === 'Listener' ? `listener ${node.node.label} of ${kind} ${full}` : `${kind} ${full}`
}

/** A route's hostnames and first matches, as one short line (for a label) and as lines (for a tooltip). */
export function routeCarries(route: LaidOutNode): { short: string; lines: string[] } | undefined {
  if (route.type !== 'object' || route.node.role !== 'Route') return undefined
  const d = route.node.detail
  const hosts = strings(d.hostnames)
  const matches = strings(d.matches)
  const hasHosts = routeKindFacts(String(d.kind))?.hostnames ?? false
  const lines: string[] = []
  const short: string[] = []
  if (hasHosts) {
    lines.push(`hostnames: ${hosts.length > 0 ? hosts.join(', ') : 'any (the listener’s)'}`)
    short.push(hosts.length > 0 ? more(hosts, 1) : 'any host')
  }
  if (matches.length > 0) {
    lines.push(`matches: ${more(matches, MATCHES_SHOWN)}`)
    short.push(more(matches, 1))
  } else if (!hasHosts) {
    lines.push('all traffic on the listener (this kind matches no request fields)')
  }
  return { short: short.join(' · '), lines }
}

/** The graph's nodes by id; what an edge says reads its own two ends only. */
export type NodesById = Pick<ReadonlyMap<string, LaidOutNode>, 'get'>

/**
 * The tooltip of an edge, or undefined for edges that say nothing more than their label. `nodes`
 * finds the edge's ends.
 */
export function edgeTooltip(e: ViewEdge, nodes: NodesById): string | undefined {
  const source = nodes.get(e.source)
  const target = nodes.get(e.target)
  if (!source || !target) return undefined
  const head = `${name(source)} → ${name(target)}`
  if ((e.role === 'attached' || e.role === 'rejected') && e.count === 1) {
    const carries = routeCarries(target)
    const verdict = e.role === 'rejected' ? ['✕ rejected here: the route’s details say why'] : []
    return carries ? [head, ...verdict, ...carries.lines].join('\n') : undefined
  }
  if (e.role === 'backend' && e.count === 1) {
    const protocol = source.type === 'object' ? backendProtocol(source.node.detail.kind) : undefined
    const reached = [
      e.port === undefined ? '' : `port ${e.port}`,
      protocol ?? '',
      e.percent === undefined ? '' : `${e.percent}% of its rule’s traffic`,
    ].filter(Boolean)
    return [head, reached.join(' · ')].filter(Boolean).join('\n')
  }
  return undefined
}

/** Longer labels do not fit between two columns; the tooltip has the rest. */
const PATH_LABEL_CHARS = 24

/** The line a listener → route edge shows while it is on the selected path. */
export function pathLabel(e: ViewEdge, nodes: NodesById): string | undefined {
  if (e.role !== 'attached' || e.count !== 1) return undefined
  const target = nodes.get(e.target)
  const carries = target ? routeCarries(target) : undefined
  if (!carries?.short) return undefined
  if (carries.short.length <= PATH_LABEL_CHARS) return carries.short
  const first = carries.short.split(' · ')[0] ?? ''
  return first.length <= PATH_LABEL_CHARS ? first : `${first.slice(0, PATH_LABEL_CHARS - 1)}…`
}
