// Which listener of a Gateway (its own and those its ListenerSets add) receives a request: the port
// and protocol first, then the hostname, most specific first (gateway_types.go, Listener.Hostname:
// an exact hostname before a wildcard, a longer wildcard before a shorter one, no hostname last).

import type { GatewayVerdict } from '../analysis/gateways.ts'
import type { ListenerVerdict, ObjectRef } from '../analysis/verdicts.ts'
import { findCondition } from '../conditions.ts'
import { wildcardMatches } from '../hostnames.ts'
import { requestHostname, type TraceRequest } from './request.ts'

export interface LosingListener {
  listener: ListenerVerdict
  reason: string
}

export interface ListenerChoice {
  listener?: ListenerVerdict
  losers: LosingListener[]
  /** Why no listener was chosen. */
  reason?: string
}

/** Listener protocols that receive a request of this kind. */
export function listenerProtocolsFor(request: TraceRequest): readonly string[] {
  switch (request.protocol) {
    case 'http':
      return request.scheme === 'https' ? ['HTTPS'] : ['HTTP']
    case 'grpc':
      return ['HTTP', 'HTTPS']
    case 'tls':
      return ['TLS']
    case 'tcp':
      return ['TCP']
    case 'udp':
      return ['UDP']
  }
}

/** Every listener of the Gateway in precedence order: its own, then its accepted ListenerSets' (oldest first). */
export function gatewayListeners(gateway: GatewayVerdict): ListenerVerdict[] {
  return [...gateway.listeners, ...gateway.listenerSets.filter((s) => s.accepted).flatMap((s) => s.listeners)]
}

/** Why a listener cannot carry traffic at all, from its conditions (undefined: it can). */
export function listenerUnusable(l: ListenerVerdict): string | undefined {
  const conflicted = findCondition(l.conditions, 'Conflicted')
  if (conflicted?.status === 'True') return `it is Conflicted (${conflicted.reason})`
  const accepted = findCondition(l.conditions, 'Accepted')
  if (accepted?.status === 'False') return `it is not Accepted (${accepted.reason})`
  const programmed = findCondition(l.conditions, 'Programmed')
  if (programmed?.status === 'False') return `it is not Programmed (${programmed.reason})`
  return undefined
}

/**
 * How specifically a listener's hostname matches the request's: [2, length] exact, [1, length]
 * wildcard, [0, 0] no hostname; undefined when it does not match.
 */
export function listenerHostnameRank(
  listenerHostname: string | undefined,
  host: string | undefined,
): [number, number] | undefined {
  if (!listenerHostname) return [0, 0]
  if (host === undefined) return undefined
  if (!listenerHostname.startsWith('*.'))
    return listenerHostname.toLowerCase() === host ? [2, host.length] : undefined
  return wildcardMatches(listenerHostname, host) ? [1, listenerHostname.length] : undefined
}

export function listenerLabel(l: { owner: ObjectRef; name: string }): string {
  return `${l.owner.kind === 'ListenerSet' ? `ListenerSet ${l.owner.namespace}/${l.owner.name} ` : ''}listener ${l.name}`
}

export function chooseListener(gateway: GatewayVerdict, request: TraceRequest): ListenerChoice {
  const protocols = listenerProtocolsFor(request)
  const host = requestHostname(request)
  const losers: LosingListener[] = []
  let best: { l: ListenerVerdict; rank: [number, number] } | undefined
  const all = gatewayListeners(gateway)
  for (const l of all) {
    if (l.port !== request.port) {
      losers.push({ listener: l, reason: `port ${l.port}, not ${request.port}` })
      continue
    }
    if (!protocols.includes(l.protocol)) {
      losers.push({
        listener: l,
        reason: `protocol ${l.protocol}; this request needs ${protocols.join(' or ')}`,
      })
      continue
    }
    const unusable = listenerUnusable(l)
    if (unusable) {
      losers.push({ listener: l, reason: `${unusable}, so it serves no traffic` })
      continue
    }
    const rank = listenerHostnameRank(l.hostname, host)
    if (!rank) {
      losers.push({
        listener: l,
        reason:
          host === undefined
            ? `its hostname ${l.hostname} needs a hostname, and the request names an IP address`
            : `its hostname ${l.hostname} does not match ${host}`,
      })
      continue
    }
    if (!best || rank[0] > best.rank[0] || (rank[0] === best.rank[0] && rank[1] > best.rank[1])) {
      if (best) losers.push({ listener: best.l, reason: hostnameLoss(best.l, l) })
      best = { l, rank }
    } else {
      losers.push({ listener: l, reason: hostnameLoss(l, best.l) })
    }
  }
  if (best) return { listener: best.l, losers }
  const onPort = all.some((l) => l.port === request.port)
  return {
    losers,
    reason: onPort
      ? `no listener on port ${request.port} serves ${protocols.join('/')} for ${host ?? 'a request without a hostname'}`
      : `no listener listens on port ${request.port}`,
  }
}

function hostnameLoss(loser: ListenerVerdict, winner: ListenerVerdict): string {
  const w = winner.hostname ?? '(no hostname)'
  const l = loser.hostname ?? '(no hostname)'
  return w === l
    ? `same port and hostname as ${listenerLabel(winner)}, which comes first`
    : `its hostname ${l} is less specific than ${w} of ${listenerLabel(winner)}`
}
