// A policy's targetRefs as the analysis reads them: `spec.targetRefs[]`, or the older singular
// `spec.targetRef`, each defaulted by refs.ts, and what a targetRef's sectionName may name on each
// kind of target (a listener, a route rule by name, a Service port name).
import { list } from '../analysis/store.ts'
import { type ResolvedObjectRef, resolvePolicyTargetRef } from '../refs.ts'
import type { KubeObject } from '../types/meta.ts'

export type PolicyTarget = ResolvedObjectRef & { sectionName?: string }

export interface PolicyTargetRef {
  index: number
  /** `spec.targetRefs[2]` or `spec.targetRef`. */
  path: string
  target: PolicyTarget
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
