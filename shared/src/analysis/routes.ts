// One route's verdict: every parentRef judged on its own, the rules' validity and the backendRefs'
// ResolvedRefs folded into each parent's conditions, and the controller's own status compared.
import { compareConditions, makeCondition, RouteCondition as RC, RouteReason as RR } from '../conditions.ts'
import { sameParentRef, toObjectRef } from '../refs.ts'
import { GATEWAY_GROUP, type ParentReference, type Route, type RouteParentStatus } from '../types/gateway.ts'
import type { Condition } from '../types/meta.ts'
import { type BackendVerdict, judgeBackends } from './backends.ts'
import { judgeParentRef, type ParentContext, type ParentVerdict } from './parents.ts'
import { judgeRules } from './rules.ts'
import { list } from './store.ts'
import type { Check, ConditionComparison, ObjectRef } from './verdicts.ts'

export interface RouteParentVerdict extends ParentVerdict {
  /** Accepted, ResolvedRefs and, where rules were dropped, PartiallyInvalid. */
  conditions: Condition[]
  /** The controller-written entry for this parentRef, compared with ours. */
  comparison?: ConditionComparison[]
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
  /** Controller-written parent entries that match none of the spec's parentRefs (left over). */
  orphanStatus: RouteParentStatus[]
}

export function judgeRoute(ctx: ParentContext, route: Route, key: string): RouteVerdict {
  const ref = toObjectRef({
    group: GATEWAY_GROUP,
    kind: route.kind,
    namespace: route.metadata.namespace ?? '',
    name: route.metadata.name,
  })
  const generation = route.metadata.generation
  const rules = judgeRules(route, ref)
  const { backends, resolvedRefs } = judgeBackends(ctx.store, route, ref)
  const droppedRules = new Set(
    rules.problems.filter((p) => p.reason === 'UnsupportedValue').map((p) => p.rule),
  )
  const incompatible = rules.problems.find((p) => p.reason === 'IncompatibleFilters')
  const allDropped = rules.ruleCount > 0 && droppedRules.size === rules.ruleCount
  const routeNs = route.metadata.namespace ?? ''
  const written = list<RouteParentStatus>(route.status?.parents)
  const used = new Set<RouteParentStatus>()

  const parents = list<ParentReference>(route.spec?.parentRefs).map((_, i): RouteParentVerdict => {
    const parent = judgeParentRef(ctx, route, i)
    let accepted = parent.accepted
    let attached = parent.attached
    let intended = parent.intended
    const checks = [...parent.checks]
    if (accepted.status === 'True' && (incompatible || allDropped)) {
      const problem = incompatible ?? rules.problems[0]!
      accepted = makeCondition(RC.Accepted, 'False', problem.reason, problem.check.message, generation)
      intended = attached
      attached = []
    }
    checks.push(...rules.problems.map((p) => p.check), ...rules.notes)
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
    const verdict: RouteParentVerdict = { ...parent, accepted, attached, intended, checks, conditions }
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
    ruleChecks: [...rules.problems.map((p) => p.check), ...rules.notes],
    orphanStatus: written.filter((w) => !used.has(w)),
  }
  if (generation !== undefined) verdict.generation = generation
  return verdict
}
