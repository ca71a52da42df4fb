// The parents a route could attach to, for the editors' parentRef picker: every Gateway and
// ListenerSet as a whole, by listener and by port, and (for mesh routes) Service and Service port, each with whether this route would be
// accepted there and, when not, why.
import type { Analyzer } from '../analysis/analyzer.ts'
import type { ResolvedParentRef } from '../refs.ts'
import { MESH_ROUTE_KINDS } from '../route-kinds.ts'
import { GATEWAY_GROUP, type ParentReference, type Route } from '../types/gateway.ts'

/** One place a parentRef could point at. */
export interface ParentChoice {
  /** The parentRef that points here, fully spelled out (group '' for core Services). */
  ref: ResolvedParentRef
  /** For people: "Gateway infra/edge · listener https (HTTPS 443)". */
  label: string
  /** Would the route, as drafted, be accepted here? undefined when it cannot be known. */
  accepted: boolean | undefined
  /** When not accepted: one sentence saying why. */
  reason?: string
}

/** Mesh parents offered at most; a cluster can have thousands of Services. */
const MAX_SERVICES = 200

/**
 * Every listener of every Gateway and ListenerSet (and, for mesh-capable kinds, Services and each
 * of their ports — those in the route's namespace first), each judged with the route as drafted as if it were the only parent.
 */
export function parentCandidates(analyzer: Analyzer, route: Route): ParentChoice[] {
  const routeNs = route.metadata.namespace ?? ''
  const choices: ParentChoice[] = []
  const judge = (ref: ParentChoice['ref'], label: string) => {
    const parentRef: ParentReference = {
      group: ref.group,
      kind: ref.kind,
      namespace: ref.namespace,
      name: ref.name,
      ...(ref.sectionName !== undefined ? { sectionName: ref.sectionName } : {}),
      ...(ref.port !== undefined ? { port: ref.port } : {}),
    }
    const verdict = analyzer.judgeCandidate(route, parentRef)
    const status = verdict.accepted.status
    const failed = verdict.checks.find((c) => c.outcome === 'fail')
    choices.push({
      ref,
      label,
      accepted: status === 'True' ? true : status === 'False' ? false : undefined,
      ...(status !== 'True' ? { reason: failed?.message ?? verdict.accepted.message } : {}),
    })
  }
  const owners = [...analyzer.gateways, ...analyzer.listenerSets].sort((a, b) => a.key.localeCompare(b.key))
  for (const owner of owners) {
    const { kind, namespace = '', name } = owner.ref
    const parent = { group: GATEWAY_GROUP, kind, namespace, name }
    for (const l of owner.listeners) {
      judge(
        { ...parent, sectionName: l.name },
        `${kind} ${namespace}/${name} · listener ${l.name} (${l.protocol} ${l.port})`,
      )
    }
    // The parentRefs people write most name no listener (every listener that admits the route) or
    // only a port; without these choices such a parentRef would match none of the listeners'. They
    // come after the listeners so that "Add parent" still picks one exact listener.
    judge(parent, `${kind} ${namespace}/${name} · every listener that admits it`)
    for (const port of [...new Set(owner.listeners.map((l) => l.port))].sort((a, b) => a - b)) {
      judge({ ...parent, port }, `${kind} ${namespace}/${name} · port ${port}`)
    }
  }
  if (MESH_ROUTE_KINDS.has(route.kind)) {
    const services = [...analyzer.store.services.values()]
      .map((s) => ({
        namespace: s.metadata.namespace ?? '',
        name: s.metadata.name,
        ports: s.spec?.ports ?? [],
      }))
      .sort(
        (a, b) =>
          Number(b.namespace === routeNs) - Number(a.namespace === routeNs) ||
          a.namespace.localeCompare(b.namespace) ||
          a.name.localeCompare(b.name),
      )
      .slice(0, MAX_SERVICES)
    for (const { namespace, name, ports } of services) {
      const service = { group: '', kind: 'Service', namespace, name }
      judge(service, `Service ${namespace}/${name} (mesh)`)
      // A mesh parentRef usually names the Service port it takes (GEP-1426), so each port is a
      // choice of its own; without them such a parentRef would match none of the choices.
      for (const p of ports) {
        judge(
          { ...service, port: p.port },
          `Service ${namespace}/${name} · port ${p.name === undefined ? p.port : `${p.name} (${p.port})`} (mesh)`,
        )
      }
    }
  }
  return choices
}
