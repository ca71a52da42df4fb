// What the details panel shows about policies: for a policy, each target's verdict with its checks
// and each ancestor's status beside the controller's; for any other object, the policies that apply
// to it (direct and inherited), who wins a conflict, and the effective settings with their sources.
import type { Check, Condition, ConditionComparison, ObjectRef } from '../../index.ts'

export interface PolicyTargetExplanation {
  index: number
  /** `spec.targetRefs[0]` or `spec.targetRef`. */
  path: string
  /** The target in words: "HTTPRoute policy-demo/shop, rule catalog". */
  target: string
  /** The target object when it exists. */
  object?: ObjectRef
  /** Accepted, Conflicted, Invalid, Target not found, Cannot check. */
  verdict: string
  accepted: boolean | undefined
  reason: string
  message: string
  checks: Check[]
  /** Where this policy lost a conflict: the policy that wins, and why. */
  winner?: { policy: ObjectRef; why: string }
}

export interface PolicyAncestorExplanation {
  /** The ancestor in words: "Gateway policy-demo/edge, listener admin". */
  ancestor: string
  object?: ObjectRef
  /** The listener (or other section) of the ancestor the status is reported under. */
  section?: string
  controllerName: string
  /** The targets (indexes into `targets`) that lead here. */
  targets: number[]
  comparison: ConditionComparison[]
  /** Why a real controller would write nothing under this ancestor. */
  noStatusExpected?: string
}

export interface PolicyExplanation {
  implementation: string
  attachment: string
  /** How several policies of this kind combine, in words. */
  merge: string
  targets: PolicyTargetExplanation[]
  ancestors: PolicyAncestorExplanation[]
  /** Controller-written ancestors no target leads to any more. */
  leftover: { ancestor: string; controllerName: string; conditions: Condition[] }[]
  noAncestors?: string
  /** Where it takes effect (its targets and, when inherited, what lies below), and where a closer one replaces it. */
  takesEffect: { at: string; object: ObjectRef; replacedBy?: ObjectRef }[]
}

export interface AppliedPolicy {
  policy: ObjectRef
  /** Targeted here, or reaching here from an object above. */
  how: 'direct' | 'inherited'
  /** Where it is attached, in words. */
  placedAt: string
  /** Accepted, Conflicted, …; for an inherited one, whether it takes effect here. */
  verdict: string
  ok: boolean
  message: string
  /** It lost a conflict here: the winner and why. */
  winner?: { policy: ObjectRef; why: string }
  /** It won a conflict here over these. */
  beats?: ObjectRef[]
  /** A closer policy of its kind replaces it here. */
  replacedBy?: ObjectRef
}

export interface EffectiveSetting {
  policyKind: string
  field: string
  /** The value as compact JSON. */
  value: string
  source: ObjectRef
  /** `override`, `default` (GEP-713's blocks) or `own` (the policy's spec as its kind applies it). */
  from: string
  placedAt: string
}

/** The policies at one object or section of it. */
export interface PoliciesHere {
  /** "this Gateway", "listener admin", "rule catalog". */
  at: string
  policies: AppliedPolicy[]
  settings: EffectiveSetting[]
}
