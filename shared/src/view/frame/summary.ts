// A readable summary of an object's spec for the details panel: the few fields a person looks at
// first, in words, before the full YAML.
import {
  describeParent,
  HOSTNAME_ROUTE_KINDS,
  type KubeObject,
  type ParentReference,
  resolveParentRef,
  type TopologyNode,
} from '../../index.ts'
import { ruleRows } from './rule-rows.ts'

type Spec = Record<string, unknown>

const text = (value: unknown): string =>
  Array.isArray(value)
    ? value.map(text).join(', ')
    : value === undefined || value === null
      ? ''
      : String(value)

function routeRows(node: TopologyNode, spec: Spec): Array<[string, string]> {
  const rows: Array<[string, string]> = [['Kind', node.object.kind]]
  const parents = Array.isArray(spec.parentRefs) ? (spec.parentRefs as ParentReference[]) : []
  const described = parents.map((ref) => describeParent(resolveParentRef(ref, node.object.namespace ?? '')))
  rows.push(['Parents', described.join('; ') || 'none (the route attaches nowhere)'])
  const hostnames = text(spec.hostnames)
  // A mesh route has no listener to inherit hostnames from; TCP and UDP routes have none at all.
  if (HOSTNAME_ROUTE_KINDS.has(node.object.kind) && (hostnames || !node.mesh))
    rows.push(['Hostnames', hostnames || 'any (inherits the listener’s)'])
  const rules = Array.isArray(spec.rules) ? (spec.rules as Spec[]) : []
  rows.push(['Rules', String(rules.length)])
  rows.push(...ruleRows(node.object.kind, spec))
  return rows
}

export function summarize(node: TopologyNode, object: KubeObject | undefined): Array<[string, string]> {
  const where: Array<[string, string]> = node.object.namespace ? [['Namespace', node.object.namespace]] : []
  if (!object) return [...where, ['Exists', 'no — it is referenced but not found']]
  const spec = ((object as { spec?: Spec }).spec ?? {}) as Spec
  switch (node.role) {
    case 'GatewayClass':
      return [['Controller', text(spec.controllerName)]]
    case 'Gateway':
      return [
        ...where,
        ['GatewayClass', text(spec.gatewayClassName)],
        ['Listeners', String(Array.isArray(spec.listeners) ? spec.listeners.length : 0)],
        ...(spec.addresses
          ? ([['Addresses', text((spec.addresses as Spec[]).map((a) => a.value))]] as Array<[string, string]>)
          : []),
      ]
    case 'Listener':
      return [
        ...where,
        ['Gateway', node.object.name],
        ['Protocol', text(node.detail.protocol)],
        ['Port', text(node.detail.port)],
        ['Hostname', text(node.detail.hostname)],
        ['Attached routes', text(node.detail.attachedRoutes)],
      ]
    case 'Route':
      return [...where, ...routeRows(node, spec)]
    case 'Backend': {
      const ports = Array.isArray(spec.ports)
        ? (spec.ports as Spec[]).map((p) => `${text(p.name) || '-'}:${text(p.port)}`)
        : []
      return [...where, ['Kind', node.object.kind], ['Ports', ports.join(', ') || 'none']]
    }
    case 'ReferenceGrant': {
      const from = Array.isArray(spec.from)
        ? (spec.from as Spec[]).map((f) => `${text(f.kind)} in ${text(f.namespace)}`)
        : []
      const to = Array.isArray(spec.to)
        ? (spec.to as Spec[]).map((t) => `${text(t.kind)}${t.name ? ` ${text(t.name)}` : ''}`)
        : []
      return [...where, ['From', from.join(', ')], ['To', to.join(', ')]]
    }
    default:
      return where
  }
}
