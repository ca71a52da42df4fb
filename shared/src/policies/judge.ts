// One policy's targets judged one by one (GEP-713): does the target exist, may this kind target it,
// is the sectionName real. Conflicts between policies and the ancestors' status are decided in
// ancestors.ts once every policy has been judged this way.

import { hiddenReason } from '../analysis/readable.ts'
import type { ObjectStore } from '../analysis/store.ts'
import type { Check, ObjectRef } from '../analysis/verdicts.ts'
import { CANNOT_CHECK } from '../conditions.ts'
import { groupKind, namespacedName, toObjectRef } from '../refs.ts'
import type { KubeObject } from '../types/meta.ts'
import type { PolicyKind } from './kinds.ts'
import {
  type PolicyTarget,
  type PolicyTargetRef,
  policySelectedTargets,
  policyTargetRefs,
  sectionNames,
} from './targets.ts'

export const PolicyReason = {
  Accepted: 'Accepted',
  Conflicted: 'Conflicted',
  Invalid: 'Invalid',
  TargetNotFound: 'TargetNotFound',
} as const

export interface PolicyTargetVerdict {
  index: number
  /** `spec.targetRefs[0]` or `spec.targetRef`. */
  path: string
  target: PolicyTarget
  /** The target object, when it exists. */
  found?: ObjectRef
  /** True: takes effect there; false: rejected; undefined: cannot be checked (hidden or unknown kind). */
  accepted: boolean | undefined
  /** Accepted, Conflicted, Invalid, TargetNotFound, or CannotCheck. */
  reason: string
  message: string
  checks: Check[]
  /** Where this policy is Conflicted: the policy that wins the target, and why. */
  winner?: { policy: ObjectRef; why: string }
}

export interface PolicyVerdictBase {
  key: string
  ref: ObjectRef
  info: PolicyKind
  generation?: number
  creationTimestamp?: string
  targets: PolicyTargetVerdict[]
}

/** The kinds whose objects the analysis holds, so "not in the store" means "does not exist". */
const STORED_TARGETS = new Set([
  'gateway.networking.k8s.io/GatewayClass',
  'gateway.networking.k8s.io/Gateway',
  'gateway.networking.k8s.io/ListenerSet',
  'gateway.networking.k8s.io/HTTPRoute',
  'gateway.networking.k8s.io/GRPCRoute',
  'gateway.networking.k8s.io/TLSRoute',
  'gateway.networking.k8s.io/TCPRoute',
  'gateway.networking.k8s.io/UDPRoute',
  '/Service',
])

export function judgePolicyTargets(
  store: ObjectStore,
  policy: KubeObject,
  info: PolicyKind,
  key: string,
): PolicyVerdictBase {
  const ref = toObjectRef({
    group: info.group,
    kind: policy.kind,
    namespace: policy.metadata.namespace ?? '',
    name: policy.metadata.name,
  })
  const verdict: PolicyVerdictBase = {
    key,
    ref,
    info,
    targets: allTargets(store, policy, info).map((t) => {
      const judged = judgeTarget(store, ref, info, t.index, t.path, t.target)
      if (t.selectedBy !== undefined) {
        judged.checks.unshift({
          rule: 'policy.targetSelector',
          outcome: 'pass',
          message: `${groupKind(t.target.group, t.target.kind)} ${namespacedName(t.target)} has the labels ${t.path.slice('spec.'.length)} selects (${t.selectedBy}).`,
          fields: [{ object: ref, path: t.path }],
        })
      }
      return judged
    }),
  }
  if (policy.metadata.generation !== undefined) verdict.generation = policy.metadata.generation
  if (policy.metadata.creationTimestamp) verdict.creationTimestamp = policy.metadata.creationTimestamp
  return verdict
}

/** targetRefs first, then the objects targetSelectors choose that no targetRef names. */
function allTargets(store: ObjectStore, policy: KubeObject, info: PolicyKind): PolicyTargetRef[] {
  const refs = policyTargetRefs(policy)
  const named = new Set(
    refs.map((r) => `${r.target.kind}/${r.target.namespace}/${r.target.name}#${r.target.sectionName ?? ''}`),
  )
  const selected = policySelectedTargets(store, policy, info.group, refs.length).filter(
    (t) => !named.has(`${t.target.kind}/${t.target.namespace}/${t.target.name}#`),
  )
  return [...refs, ...selected]
}

function judgeTarget(
  store: ObjectStore,
  policy: ObjectRef,
  info: PolicyKind,
  index: number,
  path: string,
  target: PolicyTarget,
): PolicyTargetVerdict {
  const gk = groupKind(target.group, target.kind)
  const named = `${gk} ${namespacedName(target)}${target.sectionName ? ` (section ${target.sectionName})` : ''}`
  const field = (sub: string, value?: string) => ({
    object: policy,
    path: `${path}.${sub}`,
    ...(value !== undefined ? { value } : {}),
  })
  const checks: Check[] = []
  const verdict = (accepted: boolean | undefined, reason: string, message: string): PolicyTargetVerdict => ({
    index,
    path,
    target,
    accepted,
    reason,
    message,
    checks,
  })

  const allowed = info.targets === undefined || info.targets.includes(`${target.group}/${target.kind}`)
  if (!allowed) {
    const kinds = (info.targets ?? []).map((t) => (t.startsWith('/') ? t.slice(1) : t)).join(', ')
    checks.push({
      rule: 'policy.targetKind',
      outcome: 'fail',
      message: `A ${info.kind} may not target ${gk}; it may target ${kinds}.`,
      fields: [field('kind', target.kind), field('group', target.group || '(core)')],
      fix: `Point the targetRef at one of: ${kinds}.`,
    })
    return verdict(false, PolicyReason.Invalid, `${info.kind} cannot target ${gk}.`)
  }
  checks.push({
    rule: 'policy.targetKind',
    outcome: 'pass',
    message: `A ${info.kind} may target ${gk}.`,
    fields: [field('kind', target.kind)],
  })

  const hidden = hiddenReason(store.unreadable, target.group, target.kind, target.namespace)
  const stored = STORED_TARGETS.has(`${target.group}/${target.kind}`)
  if (hidden || !stored) {
    const why = hidden ?? `Gatemap does not read ${gk} objects`
    checks.push({
      rule: 'ref.exists',
      outcome: 'warn',
      message: `Whether ${named} exists cannot be checked: ${why}.`,
      fields: [field('name', target.name)],
    })
    return verdict(undefined, CANNOT_CHECK, `The target cannot be checked: ${why}.`)
  }
  const namespace = target.kind === 'GatewayClass' ? undefined : target.namespace
  const object = store.find(target.kind, namespace, target.name)
  if (!object) {
    checks.push({
      rule: 'ref.exists',
      outcome: 'fail',
      message: `${gk} ${namespacedName({ namespace, name: target.name })} does not exist${namespace ? ` (a targetRef always names an object in the policy's own namespace, ${namespace})` : ''}.`,
      fields: [field('name', target.name)],
      fix: `Create ${gk} ${target.name}${namespace ? ` in namespace ${namespace}` : ''}, or fix the targetRef's name.`,
    })
    return verdict(false, PolicyReason.TargetNotFound, `Target ${named} does not exist.`)
  }
  const found = toObjectRef({
    group: target.group,
    kind: target.kind,
    ...(namespace ? { namespace } : {}),
    name: target.name,
  })
  checks.push({
    rule: 'ref.exists',
    outcome: 'pass',
    message: `${gk} ${namespacedName(found)} exists.`,
    fields: [field('name', target.name)],
  })

  if (target.sectionName !== undefined) {
    const sections = sectionNames(target.kind, object)
    if (!info.sectionName || !sections) {
      checks.push({
        rule: 'policy.sectionName',
        outcome: 'fail',
        message: `${info.kind} targetRefs cannot name a section of ${gk}.`,
        fields: [field('sectionName', target.sectionName)],
        fix: 'Remove sectionName to target the whole object.',
      })
      return { ...verdict(false, PolicyReason.Invalid, `A section of ${gk} cannot be targeted.`), found }
    }
    if (!sections.names.includes(target.sectionName)) {
      checks.push({
        rule: 'policy.sectionName',
        outcome: 'fail',
        message: `${gk} ${namespacedName(found)} has no ${sections.what} named ${target.sectionName}${sections.names.length ? ` (it has ${sections.names.join(', ')})` : ''}.`,
        fields: [field('sectionName', target.sectionName)],
        fix: sections.names.length
          ? `Use one of the ${sections.what} names: ${sections.names.join(', ')}.`
          : `Name the ${sections.what} on the target, or remove sectionName.`,
      })
      return {
        ...verdict(
          false,
          PolicyReason.TargetNotFound,
          `${gk} ${namespacedName(found)} has no ${sections.what} ${target.sectionName}.`,
        ),
        found,
      }
    }
    checks.push({
      rule: 'policy.sectionName',
      outcome: 'pass',
      message: `${gk} ${namespacedName(found)} has a ${sections.what} named ${target.sectionName}.`,
      fields: [field('sectionName', target.sectionName)],
    })
  }
  return { ...verdict(true, PolicyReason.Accepted, 'Policy has been accepted.'), found }
}

/**
 * GEP-713's conflict rule among policies of one kind on one target (and section): the oldest by
 * creationTimestamp wins, then namespace/name alphabetically; the others are Conflicted there.
 * Kinds that add up instead (Istio's) never conflict.
 */
export function resolveConflicts(policies: readonly PolicyVerdictBase[]): void {
  const groups = new Map<string, { policy: PolicyVerdictBase; target: PolicyTargetVerdict }[]>()
  for (const policy of policies) {
    if (!policy.info.conflicts) continue
    for (const target of policy.targets) {
      if (target.accepted !== true) continue
      const t = target.target
      const key = `${policy.info.group}/${policy.info.kind}|${t.group}/${t.kind}/${t.namespace}/${t.name}#${t.sectionName ?? ''}`
      const group = groups.get(key)
      if (group) group.push({ policy, target })
      else groups.set(key, [{ policy, target }])
    }
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue
    group.sort((a, b) => olderFirst(a.policy, b.policy))
    const winner = group[0]!.policy
    for (const { policy, target } of group.slice(1)) {
      if (policy === winner) continue
      const why =
        winner.creationTimestamp &&
        policy.creationTimestamp &&
        winner.creationTimestamp !== policy.creationTimestamp
          ? `it is older (created ${winner.creationTimestamp}; this one ${policy.creationTimestamp})`
          : `${winner.creationTimestamp ? 'both were created at the same time' : 'creation times are unknown here'}, and ${namespacedName(winner.ref)} comes first alphabetically`
      const t = target.target
      const named = `${groupKind(t.group, t.kind)} ${namespacedName(t)}${t.sectionName ? `/${t.sectionName}` : ''}`
      target.accepted = false
      target.reason = PolicyReason.Conflicted
      target.message = `${policy.info.kind} ${namespacedName(winner.ref)} also targets ${named} and wins: ${why}.`
      target.winner = { policy: winner.ref, why }
      target.checks.push({
        rule: 'policy.conflict',
        outcome: 'fail',
        message: target.message,
        fields: [
          { object: policy.ref, path: target.path },
          { object: winner.ref, path: 'metadata.creationTimestamp' },
        ],
        fix: `Merge the settings into ${namespacedName(winner.ref)}, or point this policy at another target.`,
      })
    }
  }
}

function olderFirst(a: PolicyVerdictBase, b: PolicyVerdictBase): number {
  return policyPrecedence(
    { creationTimestamp: a.creationTimestamp, namespace: a.ref.namespace, name: a.ref.name },
    { creationTimestamp: b.creationTimestamp, namespace: b.ref.namespace, name: b.ref.name },
  )
}

/** A policy as GEP-713's conflict rule orders it. */
export interface PolicyAge {
  creationTimestamp?: string | undefined
  namespace?: string | undefined
  name: string
}

/**
 * GEP-713's order among policies of one kind on one target: the oldest by creationTimestamp first,
 * then namespace/name alphabetically. Negative when `a` wins.
 */
export function policyPrecedence(a: PolicyAge, b: PolicyAge): number {
  const at = a.creationTimestamp ?? ''
  const bt = b.creationTimestamp ?? ''
  if (at && bt && at !== bt) return Date.parse(at) - Date.parse(bt) || at.localeCompare(bt)
  return namespacedName(a).localeCompare(namespacedName(b))
}
