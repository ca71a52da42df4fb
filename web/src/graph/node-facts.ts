// The lines under a node's name: the facts that matter for its role, in words that fit the kind
// (no hostname line for kinds without hostnames, no "class" line without a class).
import { HOSTNAME_ROUTE_KINDS } from '@gatemap/shared'
import type { ObjectViewNode } from '@gatemap/shared/view/model/view-types.ts'

const text = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v === undefined ? '' : String(v))

/** Listener protocols whose hostname field means something (TCP and UDP listeners ignore it). */
const NAMED_PROTOCOLS = new Set(['HTTP', 'HTTPS', 'TLS'])

export const counted = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** The hostname line of a route: none for kinds without hostnames, nor for a mesh route (no listener). */
function routeHosts(view: ObjectViewNode): string[] {
  const { node } = view
  const hosts = text(node.detail.hostnames)
  if (hosts) return [hosts]
  if (!HOSTNAME_ROUTE_KINDS.has(String(node.detail.kind)) || node.mesh) return []
  return ['any hostname']
}

export function facts(view: ObjectViewNode): string[] {
  const { node } = view
  const d = node.detail
  switch (node.role) {
    case 'Listener':
      return [
        `${text(d.protocol)} :${text(d.port)}`,
        ...(d.hostname
          ? [`host ${text(d.hostname)}`]
          : NAMED_PROTOCOLS.has(String(d.protocol))
            ? ['any hostname']
            : []),
        // A listener of a ListenerSet its Gateway refused is not served at all: say that instead.
        d.notServed ? text(d.notServed) : `${text(d.attachedRoutes)} attached`,
      ]
    case 'Route': {
      const matches = Array.isArray(d.matches) ? d.matches : []
      const shown = matches.slice(0, 3).join(' ') + (matches.length > 3 ? ` +${matches.length - 3}` : '')
      return [...routeHosts(view), shown || counted(Number(d.rules) || 0, 'rule')]
    }
    case 'Gateway':
      return d.gatewayClassName ? [`class ${text(d.gatewayClassName)}`] : []
    case 'GatewayClass':
      return [text(d.controllerName) || 'no such class']
    case 'Backend':
      return [node.object.kind, ...(d.refused ? ['exists; reference not permitted'] : [])]
    case 'Policy':
      // The verdict in its own words (Conflicted, Target not found) beside the health word.
      return [text(d.verdict), text(d.implementation)]
    default:
      return []
  }
}
