// Policy nodes for the topology: every policy the analysis judged (any known or labelled kind,
// BackendTLSPolicy among them) in a lane of its own, with an edge to the exact object each targetRef
// names: a Gateway, the listener its sectionName names, a route (a rule named by sectionName is said
// on the edge, rules not being nodes), a Service. The node's health and its verdict word come from
// the policy's verdict (policies/judge.ts); a target that does not exist is drawn as missing.

import { isRouteKind } from '../analysis/store.ts'
import type { ObjectRef } from '../analysis/verdicts.ts'
import { CANNOT_CHECK } from '../conditions.ts'
import type { PolicyAnalysis, PolicyVerdict } from '../policies/analysis.ts'
import { PolicyReason, type PolicyTargetVerdict } from '../policies/judge.ts'
import { GATEWAY_GROUP } from '../types/gateway.ts'
import type { Health, NodeRole, TopologyEdge, TopologyNode } from './graph.ts'
import { nodeId } from './graph.ts'

/** What the topology builder lends this module: its node and edge sets. */
export interface TopologySink {
  addNode(
    role: NodeRole,
    object: ObjectRef,
    health: Health,
    detail?: TopologyNode['detail'],
    extra?: Partial<Pick<TopologyNode, 'id' | 'label' | 'disagrees' | 'stale' | 'mesh'>>,
  ): string
  addEdge(edge: Omit<TopologyEdge, 'id'>): void
  hasNode(id: string): boolean
}

/** A target's verdict in a person's words, as the node and the details say it. */
export function policyVerdictWord(reason: string): string {
  switch (reason) {
    case PolicyReason.Accepted:
      return 'Accepted'
    case PolicyReason.Conflicted:
      return 'Conflicted'
    case PolicyReason.Invalid:
      return 'Invalid'
    case PolicyReason.TargetNotFound:
      return 'Target not found'
    case CANNOT_CHECK:
      return 'Cannot check'
    default:
      return reason
  }
}

/** The policy's own health: a rejected target makes it a problem, one that cannot be checked pending. */
export function policyHealth(v: Pick<PolicyVerdict, 'targets'>): Health {
  if (v.targets.length === 0) return 'warning'
  if (v.targets.some((t) => t.accepted === false)) return 'error'
  if (v.targets.some((t) => t.accepted === undefined)) return 'pending'
  return 'ok'
}

/** One line for the node: the verdict, with how many targets it covers when they differ. */
export function policyVerdictLine(v: Pick<PolicyVerdict, 'targets'>): string {
  const { targets } = v
  if (targets.length === 0) return 'No targets'
  const worst =
    targets.find((t) => t.accepted === false) ?? targets.find((t) => t.accepted === undefined) ?? targets[0]!
  const word = policyVerdictWord(worst.reason)
  const same = targets.filter((t) => t.reason === worst.reason).length
  if (same === targets.length) {
    const winner = worst.winner ? ` (${worst.winner.policy.name} wins)` : ''
    return targets.length === 1 ? `${word}${winner}` : `${word} on ${targets.length} targets`
  }
  return `${word} on ${same} of ${targets.length} targets`
}

/** The role of the node a target of this group and kind is drawn as. */
function targetRole(group: string, kind: string): NodeRole {
  if (group === GATEWAY_GROUP) {
    if (kind === 'Gateway' || kind === 'ListenerSet' || kind === 'GatewayClass') return kind
    if (isRouteKind(kind)) return 'Route'
  }
  return 'Backend'
}

/** The section a sectionName names on the target, for the edge's words. */
function sectionWord(role: NodeRole): string {
  if (role === 'Route') return 'rule'
  if (role === 'Backend') return 'port'
  return 'listener'
}

function placeholderDetail(role: NodeRole, kind: string): TopologyNode['detail'] {
  if (role === 'Route') return { kind, hostnames: [], rules: 0, matches: [] }
  if (role === 'Backend') return { kind }
  return {}
}

/** Adds the edge of one targetRef, and a placeholder for a target that does not exist or cannot be read. */
function addTargetEdge(sink: TopologySink, policyId: string, t: PolicyTargetVerdict): void {
  const { group, kind, namespace, name, sectionName } = t.target
  const role = targetRole(group, kind)
  const ref: ObjectRef = kind === 'GatewayClass' ? { group, kind, name } : { group, kind, namespace, name }
  const objectId = nodeId(role, ref)
  // A listener that exists is a node of its own; a rule or port is said on the edge.
  const listenerId =
    sectionName !== undefined && (role === 'Gateway' || role === 'ListenerSet')
      ? nodeId('Listener', ref, sectionName)
      : undefined
  let target = listenerId !== undefined && sink.hasNode(listenerId) ? listenerId : objectId
  const notes: string[] = []
  if (sectionName !== undefined && target === objectId) notes.push(`${sectionWord(role)} ${sectionName}`)
  if (t.accepted === false) notes.push(`✕ ${policyVerdictWord(t.reason).toLowerCase()}`)
  if (!sink.hasNode(target)) {
    // Only what is known not to exist is drawn missing; an Invalid target of a kind no node stands
    // for has nothing to point at.
    if (t.reason === PolicyReason.TargetNotFound && !t.found) {
      target = sink.addNode(role, ref, 'missing', placeholderDetail(role, kind))
    } else if (t.accepted === undefined) {
      target = sink.addNode(role, ref, 'pending', placeholderDetail(role, kind))
    } else return
  }
  const health: Health = t.accepted === true ? 'ok' : t.accepted === undefined ? 'pending' : 'error'
  sink.addEdge({
    source: policyId,
    target,
    role: 'policy',
    health,
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
  })
}

/** Adds every judged policy as a node, with its target edges. */
export function addPolicies(sink: TopologySink, analysis: PolicyAnalysis): void {
  for (const v of analysis.verdicts) {
    const comparisons = v.ancestors.flatMap((a) => a.comparison ?? [])
    const detail: TopologyNode['detail'] = {
      verdict: policyVerdictLine(v),
      implementation: v.info.implementation,
      attachment: v.info.attachment,
      targets: v.targets.map(
        (t) => `${t.target.kind} ${t.target.name}${t.target.sectionName ? `/${t.target.sectionName}` : ''}`,
      ),
    }
    const policyId = sink.addNode('Policy', v.ref, policyHealth(v), detail, {
      disagrees: comparisons.some((c) => c.verdict === 'disagree'),
      stale: comparisons.some((c) => c.stale),
    })
    for (const t of v.targets) addTargetEdge(sink, policyId, t)
  }
}
