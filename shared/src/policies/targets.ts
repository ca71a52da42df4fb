// A policy's targetRefs as the analysis reads them: `spec.targetRefs[]`, or the older singular
// `spec.targetRef`, each defaulted by refs.ts; Envoy Gateway's `spec.targetSelectors[]` (every
// object of a kind whose labels match); and what a targetRef's sectionName may name on each kind of
// target (a listener, a route rule by name, a Service port name).
import { checkReferenceGrant } from '../analysis/grants.ts'
import { list, type ObjectStore } from '../analysis/store.ts'
import { describeSelector, selectorMatches } from '../labels.ts'
import { type ResolvedObjectRef, resolvePolicyTargetRef } from '../refs.ts'
import { GATEWAY_GROUP } from '../types/gateway.ts'
import type { KubeObject, LabelSelector } from '../types/meta.ts'

export type PolicyTarget = ResolvedObjectRef & { sectionName?: string }

export interface PolicyTargetRef {
  index: number
  /** `spec.targetRefs[2]`, `spec.targetRef` or `spec.targetSelectors[0]`. */
  path: string
  target: PolicyTarget
  /** For a target found by a targetSelector: which labels chose it, for people. */
  selectedBy?: string
}

interface RawTargetRef {
  group?: unknown
  kind?: unknown
  name?: unknown
  sectionName?: unknown
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

/** Whether an object reads as a policy at all: it names targets. */
export function hasTargetRefs(object: KubeObject): boolean {
  const spec = object.spec as { targetRefs?: unknown; targetRef?: unknown } | undefined
  return Array.isArray(spec?.targetRefs) || (typeof spec?.targetRef === 'object' && spec.targetRef !== null)
}

/** Every targetRef of the policy, defaulted; entries without a kind or name are skipped (no API server admits them). */
export function policyTargetRefs(policy: KubeObject): PolicyTargetRef[] {
  const spec = policy.spec as { targetRefs?: unknown; targetRef?: unknown } | undefined
  const namespace = policy.metadata.namespace ?? ''
  const raw: { ref: RawTargetRef; path: string }[] = Array.isArray(spec?.targetRefs)
    ? list<RawTargetRef>(spec.targetRefs).map((ref, i) => ({ ref, path: `spec.targetRefs[${i}]` }))
    : spec?.targetRef && typeof spec.targetRef === 'object'
      ? [{ ref: spec.targetRef as RawTargetRef, path: 'spec.targetRef' }]
      : []
  const out: PolicyTargetRef[] = []
  raw.forEach(({ ref, path }, index) => {
    const kind = text(ref?.kind)
    const name = text(ref?.name)
    if (!kind || !name) return
    const group = text(ref.group)
    const sectionName = text(ref.sectionName)
    const target = resolvePolicyTargetRef(
      { kind, name, ...(group !== undefined ? { group } : {}), ...(sectionName ? { sectionName } : {}) },
      namespace,
    )
    out.push({ index, path, target })
  })
  return out
}

interface RawTargetSelector {
  group?: unknown
  kind?: unknown
  matchLabels?: unknown
  matchExpressions?: unknown
  namespaces?: { from?: unknown; selector?: unknown }
}

/**
 * The targets Envoy Gateway's `spec.targetSelectors[]` choose: each object of the selector's kind
 * (group gateway.networking.k8s.io by default) whose labels match, in the policy's namespace, or
 * with `namespaces.from: All | Selector` in every namespace or those the selector matches, where
 * outside its own a ReferenceGrant there lets this policy kind refer to that kind (Envoy Gateway's
 * rule). Objects chosen twice, or also named by a
 * targetRef, count once. Indexes continue after the targetRefs'.
 */
export function policySelectedTargets(
  store: ObjectStore,
  policy: KubeObject,
  policyGroup: string,
  startIndex: number,
): PolicyTargetRef[] {
  const spec = policy.spec as { targetSelectors?: unknown } | undefined
  const namespace = policy.metadata.namespace ?? ''
  const out: PolicyTargetRef[] = []
  const seen = new Set<string>()
  list<RawTargetSelector>(spec?.targetSelectors).forEach((raw, i) => {
    const kind = text(raw?.kind)
    if (!kind) return
    const group = text(raw.group) ?? GATEWAY_GROUP
    const selector: LabelSelector = {
      ...(raw.matchLabels && typeof raw.matchLabels === 'object'
        ? { matchLabels: raw.matchLabels as Record<string, string> }
        : {}),
      ...(Array.isArray(raw.matchExpressions)
        ? { matchExpressions: raw.matchExpressions as LabelSelector['matchExpressions'] }
        : {}),
    }
    const from = text(raw.namespaces?.from) ?? 'Same'
    const namespaceSelector = raw.namespaces?.selector as LabelSelector | undefined
    for (const object of candidates(store, group, kind)) {
      const ns = object.metadata.namespace ?? ''
      // Selector: only the namespaces it matches, the policy's own included only if it matches too.
      const inNamespace =
        from === 'All'
          ? true
          : from === 'Selector'
            ? selectorMatches(namespaceSelector, store.namespaceLabels(ns).labels)
            : ns === namespace
      if (!inNamespace || !selectorMatches(selector, object.metadata.labels ?? {})) continue
      if (ns !== namespace) {
        const grant = checkReferenceGrant(store, {
          from: { group: policyGroup, kind: policy.kind, namespace },
          to: { group, kind, namespace: ns, name: object.metadata.name },
        })
        if (!grant.permitted) continue
      }
      const key = `${kind}/${ns}/${object.metadata.name}`
      if (seen.has(key)) continue
      seen.add(key)
      out.push({
        index: startIndex + out.length,
        path: `spec.targetSelectors[${i}]`,
        target: { group, kind, namespace: ns, name: object.metadata.name },
        selectedBy: describeSelector(selector),
      })
    }
  })
  return out
}

/** The stored objects a selector of this group and kind looks through. */
function candidates(store: ObjectStore, group: string, kind: string): KubeObject[] {
  if (group !== GATEWAY_GROUP) return []
  if (kind === 'Gateway') return [...store.gateways.values()]
  if (kind === 'ListenerSet') return [...store.listenerSets.values()]
  return [...store.routes.values()].filter((r) => r.kind === kind)
}

/**
 * The names a sectionName may take on this target, and what they are called; undefined when the
 * kind has no sections Gatemap knows.
 */
export function sectionNames(
  kind: string,
  target: KubeObject,
): { names: string[]; what: string } | undefined {
  const spec = target.spec as Record<string, unknown> | undefined
  const named = (items: unknown) =>
    list<{ name?: unknown }>(items)
      .map((i) => i?.name)
      .filter((n): n is string => typeof n === 'string')
  switch (kind) {
    case 'Gateway':
    case 'ListenerSet':
      return { names: named(spec?.listeners), what: 'listener' }
    case 'Service':
      return { names: named(spec?.ports), what: 'port' }
    case 'HTTPRoute':
    case 'GRPCRoute':
    case 'TLSRoute':
    case 'TCPRoute':
    case 'UDPRoute':
      return { names: named(spec?.rules), what: 'rule' }
    default:
      return undefined
  }
}
