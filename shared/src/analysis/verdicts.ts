// What the analysis returns: computed status in the Gateway API's own shape, and beside it the
// chain of checks behind every verdict so that a person can see why.
import type { RouteGroupKind } from '../types/gateway.ts'
import type { Condition } from '../types/meta.ts'

/** Names an object the way the UI links to it. `group` is '' for core kinds. */
export interface ObjectRef {
  group: string
  kind: string
  namespace?: string
  name: string
}

/** A field on one object, as a JSONPath-like string: `spec.parentRefs[0].sectionName`. */
export interface FieldRef {
  object: ObjectRef
  path: string
  /** The value found there, rendered for people ('(unset)' when absent). */
  value?: string
}

export type CheckOutcome = 'pass' | 'fail' | 'warn' | 'info'

/** One step of the reasoning behind a verdict. */
export interface Check {
  /** Stable identifier of the rule, e.g. `parentRef.sectionName`. */
  rule: string
  outcome: CheckOutcome
  /** A plain sentence a person can act on. */
  message: string
  fields: FieldRef[]
  fix?: string
}

export type Severity = 'error' | 'warning' | 'info'

/** One problem for the problems panel and the CLI report. */
export interface Finding {
  severity: Severity
  /** The condition reason, or a Gatemap code for problems no condition names. */
  code: string
  object: ObjectRef
  /** Where on the object (field path), when known. */
  path?: string
  /**
   * Which part of the object and which condition it is about (`listener https Accepted`,
   * `parentRef Gateway infra/edge/https Accepted`): unlike the path or the message, it survives
   * edits elsewhere in the object, so two analyses can tell the same problem from a new one.
   */
  subject?: string
  message: string
  fix?: string
  /** The checks behind it, for the "why" view. */
  checks: Check[]
}

/** How a controller-written condition compares with ours. */
export interface ConditionComparison {
  type: string
  computed?: Condition
  actual?: Condition
  /**
   * `missing`: we compute one the controller did not write; `extra`: the reverse; `unknown`: ours
   * cannot be computed (an input is hidden), so the controller's is not judged.
   */
  verdict: 'agree' | 'disagree' | 'missing' | 'extra' | 'unknown'
  /** The controller's condition was written for an older generation. */
  stale: boolean
}

export interface ListenerVerdict {
  owner: ObjectRef
  index: number
  name: string
  protocol: string
  port: number
  hostname?: string
  supportedKinds: RouteGroupKind[]
  attachedRoutes: number
  conditions: Condition[]
  checks: Check[]
  comparison?: ConditionComparison[]
}
