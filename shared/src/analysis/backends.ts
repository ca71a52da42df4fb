// A route's backendRefs: ResolvedRefs for the route (the same on every parent). Checks run in the
// order that keeps a denied cross-namespace reference from revealing whether its target exists; the
// last asks whether a BackendTLSPolicy on the Service port can be met (policies/backend-tls.ts).
import { CANNOT_CHECK, makeCondition, RouteCondition as RC, RouteReason as RR } from '../conditions.ts'
import { backendTLSPolicyFor, judgeBackendTLS } from '../policies/backend-tls.ts'
import { groupKind, isCoreService, type ResolvedObjectRef, resolveBackendRef } from '../refs.ts'
import type { ServicePort } from '../types/core.ts'
import { type BackendRef, GATEWAY_GROUP, type Route, type RouteRule } from '../types/gateway.ts'
import type { Condition } from '../types/meta.ts'
import { type FailureLead, failureLead, keptChecks } from './failure-lead.ts'
import { checkReferenceGrant, grantCheck } from './grants.ts'
import { field } from './listeners.ts'
import { hiddenReason } from './readable.ts'
import { list, nsName, type ObjectStore } from './store.ts'
import type { Check, FieldRef, ObjectRef } from './verdicts.ts'

export interface BackendVerdict {
  rule: number
  index: number
  ref: ResolvedObjectRef
  weight: number
  /** The target when it exists and the reference is permitted. */
  target?: ObjectRef
  /** ReferenceGrant that permits a cross-namespace reference. */
  grant?: ObjectRef
  /** The BackendTLSPolicy in force on the Service port, met or not. */
  backendTLSPolicy?: ObjectRef
  reason: string
  /** One sentence for the ResolvedRefs condition; it names nothing the referrer may not see. */
  message: string
  /** The checks behind the verdict, judged again on each call: kept, they were ~1 KB per backendRef. */
  explain(): Check[]
}

/** What judgeBackend decides, with its checks (which the verdict does not keep). */
type JudgedBackend = Omit<BackendVerdict, 'explain'> & { checks: Check[] }

export interface BackendsJudgement {
  backends: BackendVerdict[]
  resolvedRefs: Condition
  /** Where the ResolvedRefs finding points, from every backendRef's checks. */
  lead: FailureLead
}

/** appProtocol values a controller is expected to understand; other domain-prefixed ones are not. */
function unsupportedAppProtocol(appProtocol: string | undefined): boolean {
  return !!appProtocol?.includes('/') && !appProtocol.startsWith('kubernetes.io/')
}

/** `keep`: explain() gives the checks judged here (AnalyzerOptions.keepExplanations). */
export function judgeBackends(
  store: ObjectStore,
  route: Route,
  routeRef: ObjectRef,
  keep = false,
): BackendsJudgement {
  const routeNs = route.metadata.namespace ?? ''
  const backends: BackendVerdict[] = []
  const checks: Check[] = []
  list<RouteRule>(route.spec?.rules).forEach((rule, i) => {
    list<BackendRef>(rule?.backendRefs).forEach((raw, j) => {
      if (!raw || typeof raw !== 'object') return
      const { checks: judged, ...verdict } = judgeBackend(store, route, routeRef, routeNs, raw, i, j)
      checks.push(...judged)
      const explain = keep ? keptChecks(judged) : explainBackend(store, route, routeRef, routeNs, raw, i, j)
      backends.push({ ...verdict, explain })
    })
  })
  // A backend that cannot be checked makes the whole Unknown only when none is known to fail.
  const failures = backends.filter((b) => b.reason !== RR.ResolvedRefs && b.reason !== CANNOT_CHECK)
  const unknown = backends.filter((b) => b.reason === CANNOT_CHECK)
  const generation = route.metadata.generation
  const first = failures[0]
  const resolvedRefs = first
    ? makeCondition(
        RC.ResolvedRefs,
        'False',
        first.reason,
        failures.map((f) => f.message).join(' '),
        generation,
      )
    : unknown.length > 0
      ? makeCondition(
          RC.ResolvedRefs,
          'Unknown',
          CANNOT_CHECK,
          unknown.map((u) => u.message).join(' '),
          generation,
        )
      : makeCondition(
          RC.ResolvedRefs,
          'True',
          RR.ResolvedRefs,
          'All backend references are resolved.',
          generation,
        )
  return { backends, resolvedRefs, lead: failureLead(checks, routeRef) }
}

/**
 * Judged again when read, against the same store: the Analyzer judges the route afresh whenever
 * anything the backendRef names changes, so the answer is the one judged with the verdict. A
 * function of its own so that the closure holds these arguments and nothing of the caller's scope.
 */
function explainBackend(...args: Parameters<typeof judgeBackend>): () => Check[] {
  return () => judgeBackend(...args).checks
}

function judgeBackend(
  store: ObjectStore,
  route: Route,
  routeRef: ObjectRef,
  routeNs: string,
  raw: BackendRef,
  rule: number,
  index: number,
): JudgedBackend {
  const ref = resolveBackendRef(raw, routeNs)
  const path = `spec.rules[${rule}].backendRefs[${index}]`
  const refField = field(routeRef, path, `${groupKind(ref.group, ref.kind)} ${ref.namespace}/${ref.name}`)
  const weight = typeof raw.weight === 'number' ? raw.weight : 1
  const checks: Check[] = []
  const label = `backendRefs[${index}] of rule ${rule}`
  const verdict = (reason: string, extra: Partial<JudgedBackend> = {}): JudgedBackend => {
    const failed = checks.find((c) => c.outcome === 'fail' || c.outcome === 'warn')
    const message =
      reason === RR.RefNotPermitted
        ? `${label} refers to Service ${ref.namespace}/${ref.name} in another namespace, and no ReferenceGrant there permits it.`
        : (failed?.message ?? `${label} is resolved.`)
    return { rule, index, ref, weight, reason, message, checks, ...extra }
  }

  if (!isCoreService(ref)) {
    checks.push({
      rule: 'backendRef.kind',
      outcome: 'fail',
      message: `${label} is a ${groupKind(ref.group, ref.kind)}; the only backend kind supported is a core Service.`,
      fields: [refField],
      fix:
        ref.kind === 'Service'
          ? 'Set group: "" (or leave it unset) for a Service.'
          : 'Point the backendRef at a Service.',
    })
    return verdict(RR.InvalidKind)
  }
  const query = {
    from: { group: GATEWAY_GROUP, kind: route.kind, namespace: routeNs },
    to: { group: '', kind: 'Service', namespace: ref.namespace, name: ref.name },
  }
  const decision = checkReferenceGrant(store, query)
  if (decision.hidden) {
    checks.push(grantCheck(decision, query, refField))
    return verdict(CANNOT_CHECK)
  }
  if (!decision.permitted) {
    const check = grantCheck(decision, query, refField)
    check.message = `${label} refers to Service ${ref.namespace}/${ref.name} in another namespace. ${check.message}`
    checks.push(check)
    return verdict(RR.RefNotPermitted)
  }
  const grant = decision.grant
    ? {
        group: GATEWAY_GROUP,
        kind: 'ReferenceGrant',
        namespace: decision.grant.metadata.namespace ?? '',
        name: decision.grant.metadata.name,
      }
    : undefined
  if (!decision.sameNamespace) checks.push(grantCheck(decision, query, refField))
  const extra: Partial<JudgedBackend> = grant ? { grant } : {}
  const service = store.services.get(nsName(ref.namespace, ref.name))
  const hidden = service ? undefined : hiddenReason(store.unreadable, '', 'Service', ref.namespace)
  if (hidden) {
    checks.push({
      rule: 'ref.exists',
      outcome: 'warn',
      message: `Cannot check ${label} (Service ${ref.namespace}/${ref.name}): ${hidden}.`,
      fields: [refField],
    })
    return verdict(CANNOT_CHECK, extra)
  }
  if (!service) {
    checks.push({
      rule: 'backendRef.exists',
      outcome: 'fail',
      message: `${label} names Service ${ref.namespace}/${ref.name}, which does not exist.`,
      fields: [refField],
      fix: `Create Service ${ref.namespace}/${ref.name}, or fix the name.`,
    })
    return verdict(RR.BackendNotFound, extra)
  }
  const target: ObjectRef = { group: '', kind: 'Service', namespace: ref.namespace, name: ref.name }
  const ports = list<ServicePort>(service.spec?.ports)
  if (ref.port === undefined) {
    checks.push({
      rule: 'backendRef.port',
      outcome: 'fail',
      message: `${label} gives no port; a Service backend needs one.`,
      fields: [refField],
      fix: `Add port: one of ${ports.map((p) => p.port).join(', ') || '(the Service has no ports)'}.`,
    })
    return verdict(RR.BackendNotFound, { ...extra, target })
  }
  const port = ports.find((p) => p.port === ref.port)
  if (ports.length > 0 && !port) {
    checks.push({
      rule: 'backendRef.port',
      outcome: 'fail',
      message: `Service ${ref.namespace}/${ref.name} has no port ${ref.port} (it has ${ports.map((p) => p.port).join(', ')}).`,
      fields: [field(routeRef, `${path}.port`, ref.port), field(target, 'spec.ports')],
      fix: `Set port to one of ${ports.map((p) => p.port).join(', ')}.`,
    })
    return verdict(RR.BackendNotFound, { ...extra, target })
  }
  if (unsupportedAppProtocol(port?.appProtocol)) {
    checks.push({
      rule: 'backendRef.appProtocol',
      outcome: 'fail',
      message: `Port ${ref.port} of Service ${ref.namespace}/${ref.name} declares appProtocol ${port?.appProtocol}, which the controller does not speak.`,
      fields: [field(target, `spec.ports[${ports.indexOf(port!)}].appProtocol`, port?.appProtocol)],
      fix: 'Use a standard appProtocol (http, https, kubernetes.io/h2c, kubernetes.io/ws, kubernetes.io/wss) or none.',
    })
    return verdict(RR.UnsupportedProtocol, { ...extra, target })
  }
  checks.push({
    rule: 'backendRef.exists',
    outcome: 'pass',
    message: `${label}: Service ${ref.namespace}/${ref.name} port ${ref.port} exists${weight === 0 ? ' (weight 0: it gets no traffic)' : ''}.`,
    fields: [refField],
  })
  const tls = backendTLSCheck(store, ref, port?.name, refField)
  if (tls) {
    checks.push(tls.check)
    const backendTLSPolicy = tls.policy
    if (tls.check.outcome === 'fail')
      return verdict(RR.InvalidBackendTLS, { ...extra, target, backendTLSPolicy })
    return verdict(RR.ResolvedRefs, { ...extra, target, backendTLSPolicy })
  }
  return verdict(RR.ResolvedRefs, { ...extra, target })
}

/**
 * The BackendTLSPolicy in force for the Service port, if any: "The BackendTLSPolicy object is
 * installed in the cluster, a BackendTLSPolicy is present that refers to the Service, and the
 * implementation is unable to meet the requirement" makes the backendRef invalid (httproute_types.go).
 */
function backendTLSCheck(
  store: ObjectStore,
  ref: ResolvedObjectRef,
  portName: string | undefined,
  refField: FieldRef,
): { check: Check; policy: ObjectRef } | undefined {
  const policy = backendTLSPolicyFor(store, ref.namespace, ref.name, portName)
  if (!policy) return undefined
  const judged = judgeBackendTLS(store, policy)
  const named = `BackendTLSPolicy ${ref.namespace}/${policy.metadata.name}`
  const fields = [refField, { object: judged.policy, path: 'spec.validation' }]
  return { check: backendTLSCheckOf(judged, named, ref, portName, fields), policy: judged.policy }
}

function backendTLSCheckOf(
  judged: ReturnType<typeof judgeBackendTLS>,
  named: string,
  ref: ResolvedObjectRef,
  portName: string | undefined,
  fields: FieldRef[],
): Check {
  if (judged.unmet) {
    return {
      rule: 'backendRef.backendTLSPolicy',
      outcome: 'fail',
      message: `${named} applies to Service ${ref.namespace}/${ref.name}${portName ? ` port ${portName}` : ''} and cannot be met, so connections to it fail: ${judged.unmet.message}`,
      fields,
      fix:
        judged.checks.find((c) => c.outcome === 'fail')?.fix ??
        `Fix the CA certificates of ${named}, or use wellKnownCACertificates: System.`,
    }
  }
  return {
    rule: 'backendRef.backendTLSPolicy',
    outcome: 'pass',
    message: `${named} applies to Service ${ref.namespace}/${ref.name}: connections to it use TLS as the policy says.`,
    fields,
  }
}
