// One route's verdict: every parentRef judged on its own, the rules' validity and the backendRefs'
// ResolvedRefs folded into each parent's conditions, and the controller's own status compared.
import { compareConditions, makeCondition, RouteCondition as RC, RouteReason as RR } from '../conditions.ts'
import { sameParentRef, toObjectRef } from '../refs.ts'
import { GATEWAY_GROUP, type ParentReference, type Route, type RouteParentStatus } from '../types/gateway.ts'
import type { Condition } from '../types/meta.ts'
import { type BackendVerdict, judgeBackends } from './backends.ts'
import { type FailureLead, failureLead, keptChecks } from './failure-lead.ts'
import { judgeParentRef, type ParentContext, type ParentVerdict } from './parents.ts'
import { judgeRules } from './rules.ts'
import { list } from './store.ts'
import type { Check, ConditionComparison, ObjectRef } from './verdicts.ts'

export interface RouteParentVerdict extends Omit<ParentVerdict, 'checks'> {
  /** Accepted, ResolvedRefs and, where rules were dropped, PartiallyInvalid. */
  conditions: Condition[]
  /** The controller-written entry for this parentRef, compared with ours. */
  comparison?: ConditionComparison[]
  /**
   * The checks behind the verdict (the parentRef's, then the rules'), judged again on each call.
   * Kept, a route's explanations were 60% of the analysis' memory (76 of 126 MB at 10,000 routes)
   * and most are never read; see docs/ARCHITECTURE.md, "Explanations are built when read".
   */
  explain(): Check[]
  /** Where a finding about this parentRef points, and its fix, from those checks. */
  lead: FailureLead
}

export interface RouteVerdict {
  key: string
  ref: ObjectRef
  kind: Route['kind']
  generation?: number
  parents: RouteParentVerdict[]
  backends: BackendVerdict[]
  resolvedRefs: Condition
  /** Rule-level checks (unsupported values, incompatible filters, notes). */
  ruleChecks: Check[]
  /** Where the ResolvedRefs finding points, and its fix, from every backendRef's checks. */
  backendsLead: FailureLead
  /** Controller-written parent entries that match none of the spec's parentRefs (left over). */
  orphanStatus: RouteParentStatus[]
}

/**
 * Judged again when read, against the same context: the Analyzer judges the route afresh whenever
 * anything its parentRefs name changes, so the answer is the one judged with the verdict. A
 * function of its own so that the closure holds these arguments and nothing of the caller's scope.
 */
function explainParent(ctx: ParentContext, route: Route, index: number, ruleChecks: Check[]): () => Check[] {
  return () => [...judgeParentRef(ctx, route, index).checks, ...ruleChecks]
}

/**
 * Per verdict, the rules dropped for unsupported values, each with why. Judged with the route, read
 * by the routing table and the trace (which must not judge every rule of every route again); kept
 * beside the verdict so that its shape, and what it prints as, stay as they are.
 */
const droppedByVerdict = new WeakMap<RouteVerdict, ReadonlyMap<number, string>>()
const NONE_DROPPED: ReadonlyMap<number, string> = new Map()

/** The rules of the route judged in `verdict` that never receive traffic (unsupported values), with why. */
export function droppedRules(verdict: RouteVerdict): ReadonlyMap<number, string> {
  return droppedByVerdict.get(verdict) ?? NONE_DROPPED
}

/** `keep`: explain() gives the checks judged here (AnalyzerOptions.keepExplanations). */
export function judgeRoute(ctx: ParentContext, route: Route, key: string, keep = false): RouteVerdict {
  const ref = toObjectRef({
    group: GATEWAY_GROUP,
    kind: route.kind,
    namespace: route.metadata.namespace ?? '',
    name: route.metadata.name,
  })
  const generation = route.metadata.generation
  const rules = judgeRules(route, ref)
  const { backends, resolvedRefs, lead } = judgeBackends(ctx.store, route, ref, keep)
  const ruleChecks = [...rules.problems.map((p) => p.check), ...rules.notes]
  const droppedRules = new Set(
    rules.problems.filter((p) => p.reason === 'UnsupportedValue').map((p) => p.rule),
  )
  const incompatible = rules.problems.find((p) => p.reason === 'IncompatibleFilters')
  const allDropped = rules.ruleCount > 0 && droppedRules.size === rules.ruleCount
  const routeNs = route.metadata.namespace ?? ''
  const written = list<RouteParentStatus>(route.status?.parents)
  const used = new Set<RouteParentStatus>()

  const parents = list<ParentReference>(route.spec?.parentRefs).map((_, i): RouteParentVerdict => {
    const { checks: parentChecks, ...parent } = judgeParentRef(ctx, route, i)
    let accepted = parent.accepted
    let attached = parent.attached
    let intended = parent.intended
    if (accepted.status === 'True' && (incompatible || allDropped)) {
      const problem = incompatible ?? rules.problems[0]!
      accepted = makeCondition(RC.Accepted, 'False', problem.reason, problem.check.message, generation)
      intended = attached
      attached = []
    }
    const checks = [...parentChecks, ...ruleChecks]
    const conditions = [accepted, resolvedRefs]
    if (droppedRules.size > 0 && !allDropped) {
      conditions.push(
        makeCondition(
          RC.PartiallyInvalid,
          'True',
          RR.UnsupportedValue,
          `Rule${droppedRules.size > 1 ? 's' : ''} ${[...droppedRules].join(', ')} ${droppedRules.size > 1 ? 'are' : 'is'} dropped for unsupported values; the other rules are served.`,
          generation,
        ),
      )
    }
    const verdict: RouteParentVerdict = {
      ...parent,
      accepted,
      attached,
      intended,
      conditions,
      explain: keep ? keptChecks(checks) : explainParent(ctx, route, i, ruleChecks),
      lead: failureLead(checks, ref),
    }
    const theirs = written.find(
      (w) =>
        !used.has(w) &&
        w?.parentRef &&
        sameParentRef(w.parentRef, parent.parentRef, routeNs) &&
        (!parent.controllerName || w.controllerName === parent.controllerName),
    )
    if (theirs) {
      used.add(theirs)
      verdict.comparison = compareConditions(conditions, list<Condition>(theirs.conditions), generation)
    }
    return verdict
  })
  const verdict: RouteVerdict = {
    key,
    ref,
    kind: route.kind,
    parents,
    backends,
    resolvedRefs,
    ruleChecks,
    backendsLead: lead,
    orphanStatus: written.filter((w) => !used.has(w)),
  }
  if (generation !== undefined) verdict.generation = generation
  if (droppedRules.size > 0) {
    const why = new Map<number, string>()
    for (const p of rules.problems)
      if (p.reason === 'UnsupportedValue' && !why.has(p.rule)) why.set(p.rule, p.check.message)
    droppedByVerdict.set(verdict, why)
  }
  return verdict
}
