// The policy part of the details panel, from the analysis' policy verdicts (shared/src/policies):
// for a policy node, each target's verdict check by check and each ancestor's computed status beside
// the controller's; for a Gateway, listener, route or Service, the policies that apply there, direct
// and inherited, the winner of each conflict, and the effective settings with the policy each came from.
import {
  type Analyzer,
  type ConditionComparison,
  type EffectiveTarget,
  GATEWAY_GROUP,
  type KubeObject,
  type ObjectRef,
  type PolicyAnalysis,
  type PolicyMerge,
  type PolicyTarget,
  type PolicyVerdict,
  policyVerdictWord,
  type TopologyNode,
} from '../../index.ts'
import type { NodeDetails } from '../model/details-types.ts'
import type {
  AppliedPolicy,
  EffectiveSetting,
  PoliciesHere,
  PolicyExplanation,
} from '../model/policy-details-types.ts'

const MERGE_WORDS: Record<PolicyMerge, string> = {
  'most-specific':
    'the closest policy of this kind applies whole; one that sets spec.mergeType takes the fields it leaves unset from the one above (the implementation’s rule, not GEP-713’s)',
  gep713: 'overrides from the top win, then defaults from the bottom (GEP-713)',
  additive: 'every policy of this kind applies side by side; none replaces another',
  direct: 'applies to its target only',
}

/** At most this many places are listed where a policy takes effect (a Gateway-wide one reaches every route). */
const MAX_PLACES = 40
/** Long values are cut: the YAML tab has them whole. */
const MAX_VALUE = 160

const refKey = (r: { group: string; kind: string; namespace?: string | undefined; name: string }) =>
  `${r.group}/${r.kind}/${r.namespace ?? ''}/${r.name}`

function sectionWord(kind: string): string {
  if (kind === 'Gateway' || kind === 'ListenerSet') return 'listener'
  if (kind === 'Service') return 'port'
  return 'rule'
}

function describe(t: {
  kind?: string | undefined
  namespace?: string | undefined
  name: string
  sectionName?: string | undefined
}): string {
  const kind = t.kind ?? 'Gateway'
  const where = t.namespace && kind !== 'GatewayClass' ? `${t.namespace}/${t.name}` : t.name
  return `${kind} ${where}${t.sectionName ? `, ${sectionWord(kind)} ${t.sectionName}` : ''}`
}

function compact(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text
}

/** Whether a targetRef names exactly this object or section. */
function names(target: PolicyTarget, at: EffectiveTarget): boolean {
  return (
    target.group === at.group &&
    target.kind === at.kind &&
    target.name === at.name &&
    (at.kind === 'GatewayClass' || target.namespace === (at.namespace ?? '')) &&
    target.sectionName === at.sectionName
  )
}

function policiesAt(analysis: PolicyAnalysis, at: EffectiveTarget, label: string): PoliciesHere | undefined {
  const byKey = new Map<string, AppliedPolicy>()
  for (const v of analysis.verdicts) {
    const t = v.targets.find((x) => names(x.target, at))
    if (!t) continue
    byKey.set(refKey(v.ref), {
      policy: v.ref,
      how: 'direct',
      placedAt: label,
      verdict: policyVerdictWord(t.reason),
      ok: t.accepted === true,
      message: t.message,
      ...(t.winner ? { winner: t.winner } : {}),
    })
  }
  for (const lost of byKey.values()) {
    const winner = lost.winner && byKey.get(refKey(lost.winner.policy))
    if (winner) winner.beats = [...(winner.beats ?? []), lost.policy]
  }
  const effective = analysis.effectiveAt(at)
  const placedAt = (policy: ObjectRef): string => {
    const field = effective?.fields.find((f) => refKey(f.source) === refKey(policy))
    if (field) return describe(field.placedAt)
    const v = analysis.policy(policy.kind, policy.namespace, policy.name)
    const accepted = v?.targets.filter((t) => t.accepted === true).map((t) => describe(t.target))
    return accepted?.join('; ') || 'above'
  }
  for (const policy of effective?.policies ?? []) {
    if (byKey.has(refKey(policy))) continue
    byKey.set(refKey(policy), {
      policy,
      how: 'inherited',
      placedAt: placedAt(policy),
      verdict: 'Takes effect',
      ok: true,
      message: '',
    })
  }
  for (const { policy, by } of effective?.overridden ?? []) {
    const held = byKey.get(refKey(policy))
    if (held) {
      held.replacedBy = by
      continue
    }
    byKey.set(refKey(policy), {
      policy,
      how: 'inherited',
      placedAt: placedAt(policy),
      verdict: 'Replaced',
      ok: false,
      message: `${by.kind} ${by.name} is closer and replaces it here.`,
      replacedBy: by,
    })
  }
  if (byKey.size === 0) return undefined
  const settings = (effective?.fields ?? []).map(
    (f): EffectiveSetting => ({
      policyKind: f.policyKind.slice(f.policyKind.lastIndexOf('/') + 1),
      field: f.field,
      value: compact(f.value),
      source: f.source,
      from: f.from,
      placedAt: describe(f.placedAt),
    }),
  )
  // Direct ones first, then inherited; within each, by kind and name.
  const policies = [...byKey.values()].sort(
    (a, b) =>
      Number(a.how === 'inherited') - Number(b.how === 'inherited') ||
      a.policy.kind.localeCompare(b.policy.kind) ||
      a.policy.name.localeCompare(b.policy.name),
  )
  return { at: label, policies, settings }
}

const list = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? (value as Record<string, unknown>[]) : []

/** The objects and sections a node stands for, each with its words. */
function placesOf(node: TopologyNode, manifest: KubeObject | undefined): [EffectiveTarget, string][] {
  const { group, kind, namespace, name } = node.object
  const whole: EffectiveTarget = { group, kind, ...(namespace ? { namespace } : {}), name }
  const sections = (field: 'rules' | 'ports', word: string): [EffectiveTarget, string][] =>
    list((manifest?.spec as Record<string, unknown> | undefined)?.[field])
      .map((item) => item.name)
      .filter((n): n is string => typeof n === 'string' && n !== '')
      .map((section) => [{ ...whole, sectionName: section }, `${word} ${section}`])
  switch (node.role) {
    case 'GatewayClass':
      return [[{ group, kind, name }, 'this GatewayClass']]
    case 'Gateway':
    case 'ListenerSet':
      return [[whole, `this ${kind}`]]
    case 'Listener':
      return [[{ ...whole, sectionName: node.label }, `listener ${node.label}`]]
    case 'Route':
      return [[whole, 'this route'], ...sections('rules', 'rule')]
    case 'Backend':
      return group === '' && kind === 'Service' ? [[whole, 'this Service'], ...sections('ports', 'port')] : []
    default:
      return []
  }
}

function comparisonOf(a: PolicyVerdict['ancestors'][number]): ConditionComparison[] {
  return (
    a.comparison ?? a.conditions.map((c) => ({ type: c.type, computed: c, verdict: 'missing', stale: false }))
  )
}

function explainPolicy(analysis: PolicyAnalysis, v: PolicyVerdict): PolicyExplanation {
  const key = refKey(v.ref)
  const takesEffect: PolicyExplanation['takesEffect'] = []
  for (const e of analysis.effective()) {
    if (takesEffect.length >= MAX_PLACES) break
    const object = {
      group: e.target.group,
      kind: e.target.kind,
      ...(e.target.namespace ? { namespace: e.target.namespace } : {}),
      name: e.target.name,
    }
    if (e.policies.some((p) => refKey(p) === key)) takesEffect.push({ at: describe(e.target), object })
    const replaced = e.overridden.find((o) => refKey(o.policy) === key)
    if (replaced) takesEffect.push({ at: describe(e.target), object, replacedBy: replaced.by })
  }
  return {
    implementation: v.info.implementation,
    attachment: v.info.attachment,
    merge: MERGE_WORDS[v.info.merge],
    targets: v.targets.map((t) => ({
      index: t.index,
      path: t.path,
      target: describe(t.target),
      ...(t.found ? { object: t.found } : {}),
      verdict: policyVerdictWord(t.reason),
      accepted: t.accepted,
      reason: t.reason,
      message: t.message,
      checks: t.checks,
      ...(t.winner ? { winner: t.winner } : {}),
    })),
    ancestors: v.ancestors.map((a) => ({
      ancestor: describe(a.ancestorRef),
      object: {
        group: a.ancestorRef.group ?? GATEWAY_GROUP,
        kind: a.ancestorRef.kind ?? 'Gateway',
        ...(a.ancestorRef.namespace ? { namespace: a.ancestorRef.namespace } : {}),
        name: a.ancestorRef.name,
      },
      ...(a.ancestorRef.sectionName ? { section: a.ancestorRef.sectionName } : {}),
      controllerName: a.controllerName,
      targets: a.targets,
      comparison: comparisonOf(a),
      ...(a.noStatusExpected ? { noStatusExpected: a.noStatusExpected } : {}),
    })),
    leftover: v.leftoverStatus.map((w) => ({
      ancestor: describe({ ...w.ancestorRef, namespace: w.ancestorRef.namespace ?? v.ref.namespace }),
      controllerName: w.controllerName,
      conditions: w.conditions ?? [],
    })),
    ...(v.noAncestors ? { noAncestors: v.noAncestors } : {}),
    takesEffect,
  }
}

/** The policy fields of the details of this node. */
export function policyDetails(
  analyzer: Analyzer,
  node: TopologyNode,
  manifest: KubeObject | undefined,
): Partial<Pick<NodeDetails, 'policy' | 'policiesHere' | 'summary'>> | undefined {
  const analysis = analyzer.policies()
  if (node.role === 'Policy') {
    const { kind, namespace, name } = node.object
    const v = analysis.policy(kind, namespace, name)
    if (!v) return undefined
    const where: Array<[string, string]> = namespace ? [['Namespace', namespace]] : []
    return {
      policy: explainPolicy(analysis, v),
      summary: [
        ...where,
        ['Kind', `${kind} (${v.info.group || 'core'})`],
        ['Defined by', v.info.implementation],
        ['Attachment', v.info.attachment],
        ['Targets', String(v.targets.length)],
      ],
    }
  }
  const here = placesOf(node, manifest)
    .map(([at, label]) => policiesAt(analysis, at, label))
    .filter((p): p is PoliciesHere => p !== undefined)
  return here.length > 0 ? { policiesHere: here } : undefined
}
