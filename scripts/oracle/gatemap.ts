// Gatemap's answer for an input set: the status its shared analysis computes for every Gateway,
// ListenerSet, route and compared policy — what `gatemap analyze --output json` prints as each
// object's `status`.
import { analyze } from '../../shared/src/index.ts'
import type { ObjectStatus } from './checks.ts'
import type { InputSet } from './inputs.ts'

const JUDGED = new Set([
  'Gateway',
  'ListenerSet',
  'HTTPRoute',
  'GRPCRoute',
  'TLSRoute',
  'TCPRoute',
  'UDPRoute',
  // The policies whose status.ancestors Envoy Gateway's translator computes too.
  'BackendTLSPolicy',
  'BackendTrafficPolicy',
  'ClientTrafficPolicy',
  'SecurityPolicy',
])

export function gatemapStatuses(set: InputSet): ObjectStatus[] {
  const analyzer = analyze(set.objects)
  const out: ObjectStatus[] = []
  for (const o of set.objects) {
    if (!JUDGED.has(o.kind)) continue
    const status = analyzer.statusOf(o.kind, o.metadata.namespace, o.metadata.name)
    if (status === undefined) continue
    out.push({
      kind: o.kind,
      ...(o.metadata.namespace !== undefined ? { namespace: o.metadata.namespace } : {}),
      name: o.metadata.name,
      status,
    })
  }
  return out
}
