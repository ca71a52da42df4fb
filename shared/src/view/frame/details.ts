// The details of the selected node, from the analysis the worker already holds: the object as
// stored, a readable summary, conditions side by side, and the chain of checks behind each verdict.
import {
  type Analyzer,
  backendShares,
  type Condition,
  compareConditions,
  conditionHealth,
  describeParent,
  type Finding,
  type KubeObject,
  type Mirror,
  type ObjectRef,
  objectKey,
  type SectionRef,
  type TopologyNode,
} from '../../index.ts'
import type { BackendExplanation, NodeDetails, ParentExplanation } from '../model/details-types.ts'
import { findingNodeId } from '../model/finding-node.ts'
import { policyDetails } from './policy-details.ts'
import { listenerTable } from './routing-table.ts'
import { summarize } from './summary.ts'

function withoutManagedFields(object: KubeObject): KubeObject {
  const { managedFields: _dropped, ...metadata } = object.metadata as KubeObject['metadata'] & {
    managedFields?: unknown
  }
  return { ...object, metadata }
}

function conditionsOf(object: KubeObject | undefined): Condition[] {
  const status = (object as { status?: { conditions?: Condition[] } } | undefined)?.status
  return Array.isArray(status?.conditions) ? status.conditions : []
}

/** The listeners a route attached to whose own conditions say they cannot serve traffic. */
function brokenListeners(
  analyzer: Analyzer,
  attached: readonly SectionRef[],
): ParentExplanation['brokenListeners'] {
  const out: ParentExplanation['brokenListeners'] = []
  for (const { owner, section } of attached) {
    const verdict =
      owner.kind === 'ListenerSet'
        ? analyzer.listenerSet(owner.namespace ?? '', owner.name)
        : owner.kind === 'Gateway'
          ? analyzer.gateway(owner.namespace ?? '', owner.name)
          : undefined
    const listener = verdict?.listeners.find((l) => l.name === section)
    const bad = listener?.conditions.find((c) => conditionHealth(c) === 'problem')
    if (listener && bad)
      out.push({ name: listener.name, type: bad.type, reason: bad.reason, message: bad.message })
  }
  return out
}

function routeDetails(
  analyzer: Analyzer,
  ref: ObjectRef,
): Pick<NodeDetails, 'parents' | 'backends' | 'checks'> {
  const verdict = analyzer.route(ref.kind, ref.namespace ?? '', ref.name)
  if (!verdict) return { parents: [], backends: [], checks: [] }
  const parents = verdict.parents.map(
    (p): ParentExplanation => ({
      index: p.index,
      target: describeParent(p.resolved),
      ...(p.parent ? { parent: p.parent } : {}),
      accepted: { status: p.accepted.status, reason: p.accepted.reason, message: p.accepted.message },
      attached: p.attached.map((s) => s.section),
      comparison:
        p.comparison ??
        p.conditions.map((c) => ({ type: c.type, computed: c, verdict: 'missing', stale: false })),
      checks: p.explain(),
      brokenListeners: brokenListeners(analyzer, p.attached),
      ...(p.noStatusExpected ? { noStatusExpected: p.noStatusExpected } : {}),
    }),
  )
  const shares = backendShares(verdict.backends)
  const backends = verdict.backends.map((b, i): BackendExplanation => {
    return {
      rule: b.rule,
      index: b.index,
      ref: { group: b.ref.group, kind: b.ref.kind, namespace: b.ref.namespace, name: b.ref.name },
      ...(b.ref.port !== undefined ? { port: b.ref.port } : {}),
      weight: b.weight,
      percent: shares[i] ?? 0,
      resolved: b.reason === 'ResolvedRefs',
      reason: b.reason,
      message: b.message,
      ...(b.grant ? { grant: b.grant } : {}),
      checks: b.explain(),
    }
  })
  return { parents, backends, checks: verdict.ruleChecks }
}

function gatewayLike(analyzer: Analyzer, node: TopologyNode, manifest: KubeObject | undefined) {
  const { namespace = '', name } = node.object
  const verdict =
    node.object.kind === 'ListenerSet'
      ? analyzer.listenerSet(namespace, name)
      : analyzer.gateway(namespace, name)
  if (!verdict) return undefined
  return {
    verdict,
    comparison: compareConditions(verdict.conditions, conditionsOf(manifest), manifest?.metadata.generation),
  }
}

export function buildDetails(
  analyzer: Analyzer,
  mirror: Mirror,
  node: TopologyNode,
  allFindings: readonly Finding[],
): NodeDetails {
  const { kind, namespace, name } = node.object
  const entry = mirror.objects.get(objectKey(kind, namespace || undefined, name))
  const manifest = entry ? withoutManagedFields(entry.object) : undefined
  const details: NodeDetails = {
    id: node.id,
    role: node.role,
    object: node.object,
    exists: entry !== undefined,
    ...(manifest ? { manifest } : {}),
    ...(entry?.origin ? { origin: entry.origin } : {}),
    summary: summarize(node, manifest),
    comparison: [],
    checks: [],
    parents: [],
    backends: [],
    findings: allFindings.filter((f) => findingNodeId(f.object) === node.id),
  }
  switch (node.role) {
    case 'Route':
      Object.assign(details, routeDetails(analyzer, node.object))
      break
    case 'Gateway':
    case 'ListenerSet': {
      const judged = gatewayLike(analyzer, node, manifest)
      if (judged) {
        details.comparison = judged.comparison
        details.checks = judged.verdict.checks
      }
      break
    }
    case 'Listener': {
      const owner = { ...node.object }
      const ownerNode = {
        ...node,
        object: owner,
        role: owner.kind === 'ListenerSet' ? 'ListenerSet' : 'Gateway',
      } as TopologyNode
      const judged = gatewayLike(analyzer, ownerNode, manifest)
      const listener = judged?.verdict.listeners.find((l) => l.name === node.label)
      if (listener) {
        const theirs = (
          manifest as
            | { status?: { listeners?: Array<{ name: string; conditions?: Condition[] }> } }
            | undefined
        )?.status?.listeners?.find((l) => l.name === listener.name)
        details.listener = {
          name: listener.name,
          protocol: listener.protocol,
          port: listener.port,
          ...(listener.hostname ? { hostname: listener.hostname } : {}),
          attachedRoutes: listener.attachedRoutes,
          comparison: compareConditions(
            listener.conditions,
            theirs?.conditions ?? [],
            manifest?.metadata.generation,
          ),
          checks: listener.checks,
          routes: analyzer.attachedTo({ owner: listener.owner, section: listener.name }).map((key) => {
            const [k = '', ns = '', n = ''] = key.split('/')
            return { group: 'gateway.networking.k8s.io', kind: k, namespace: ns, name: n }
          }),
          table: listenerTable(analyzer, listener),
        }
        const prefix = `spec.listeners[${listener.index}]`
        details.findings = allFindings.filter(
          (f) => findingNodeId(f.object) === findingNodeId(owner) && f.path?.startsWith(prefix),
        )
      }
      break
    }
    default:
      break
  }
  const policies = policyDetails(analyzer, node, manifest)
  if (policies) Object.assign(details, policies)
  return details
}
