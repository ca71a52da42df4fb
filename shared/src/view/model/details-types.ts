// What the details panel shows for one node: the object, its conditions (the controller's beside
// the computed ones) and the chain of checks behind every verdict. Built in the worker.
import type {
  Check,
  ConditionComparison,
  Finding,
  KubeObject,
  NodeRole,
  ObjectRef,
  Origin,
  TableEntry,
} from '../../index.ts'
import type { PoliciesHere, PolicyExplanation } from './policy-details-types.ts'

export interface ParentExplanation {
  index: number
  /** The parentRef as written, in words: "Gateway infra/gw, listener https". */
  target: string
  /** The parent object when it exists. */
  parent?: ObjectRef
  accepted: { status: string; reason: string; message: string }
  /** Listener (or port) names the route attached to. */
  attached: string[]
  comparison: ConditionComparison[]
  checks: Check[]
  noStatusExpected?: string
  /** Listeners it attached to that cannot serve it, with the condition that says so. */
  brokenListeners: Array<{ name: string; type: string; reason: string; message: string }>
}

export interface BackendExplanation {
  rule: number
  index: number
  ref: ObjectRef
  port?: number
  weight: number
  /** Share of its rule's traffic, 0–100. */
  percent: number
  resolved: boolean
  reason: string
  message: string
  grant?: ObjectRef
  checks: Check[]
}

export interface ListenerExplanation {
  name: string
  protocol: string
  port: number
  hostname?: string
  attachedRoutes: number
  comparison: ConditionComparison[]
  checks: Check[]
  routes: ObjectRef[]
  /** HTTPRoute and GRPCRoute rules in precedence order, shadowed and tied ones marked. */
  table?: RoutingTableView
}

export interface RoutingTableView {
  /** The first rows (worker/routing-table.ts cuts a crowded listener's table). */
  entries: TableEntry[]
  total: number
}

export interface NodeDetails {
  id: string
  role: NodeRole
  object: ObjectRef
  /** False for placeholders of referenced objects that do not exist. */
  exists: boolean
  manifest?: KubeObject
  origin?: Origin
  /** A readable summary of the spec, as label/value pairs. */
  summary: Array<[string, string]>
  /** The object's own conditions (Gateway, ListenerSet, GatewayClass), controller's vs computed. */
  comparison: ConditionComparison[]
  checks: Check[]
  parents: ParentExplanation[]
  backends: BackendExplanation[]
  listener?: ListenerExplanation
  findings: Finding[]
  /** For a policy: each target's and ancestor's verdict (worker/policy-details.ts). */
  policy?: PolicyExplanation
  /** For a Gateway, listener, route or Service: the policies that apply there, and their settings. */
  policiesHere?: PoliciesHere[]
}
