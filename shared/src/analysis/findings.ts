// Problems, one list for the problems panel and the CLI report, worst first. Every condition that
// says something is wrong becomes a finding, plus what no condition says (what routes sharing a
// listener cause, stale or disagreeing controller status).
import { conditionHealth, GatewayReason as GR, isCannotCheck } from '../conditions.ts'
import { findingsOfPolicy, policyFindings } from '../policies/findings.ts'
import { namespacedName } from '../refs.ts'
import type { Condition } from '../types/meta.ts'
import type { Analyzer } from './analyzer.ts'
import { type FailureLead, failureLead } from './failure-lead.ts'
import type { GatewayVerdict, ListenerSetVerdict } from './gateways.ts'
import { listenerWarnings } from './listener-warnings.ts'
import { hiddenReason, type Unreadable } from './readable.ts'
import type { RouteVerdict } from './routes.ts'
import { list } from './store.ts'
import type { Check, ConditionComparison, Finding, ListenerVerdict, ObjectRef, Severity } from './verdicts.ts'

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 }

/** The checks a finding carries, and where it points (from those checks, or kept by the verdict). */
interface Why {
  checks: Check[]
  lead: FailureLead
}

const explained = (checks: Check[], object: ObjectRef): Why => ({ checks, lead: failureLead(checks, object) })

function fromCondition(
  object: ObjectRef,
  condition: Condition,
  why: Why,
  prefix: string,
  path?: string,
  part?: string,
): Finding {
  const health = conditionHealth(condition)
  const where = why.lead
  const finding: Finding = {
    // Unknown because an input is hidden is information, like any reference that cannot be checked.
    severity: isCannotCheck(condition) ? 'info' : health === 'pending' ? 'warning' : 'error',
    code: condition.reason,
    object,
    subject: part ? `${part} ${condition.type}` : condition.type,
    message: `${prefix}${condition.type}=${condition.status} (${condition.reason}): ${condition.message}`,
    checks: why.checks,
  }
  const p = path ?? where.path
  if (p) finding.path = p
  if (where.fix) finding.fix = where.fix
  return finding
}

function comparisonFindings(
  object: ObjectRef,
  comparison: ConditionComparison[] | undefined,
  prefix: string,
  path: string,
  part: string,
): Finding[] {
  const out: Finding[] = []
  for (const c of comparison ?? []) {
    if (c.stale && c.actual) {
      out.push({
        severity: 'warning',
        code: 'StaleStatus',
        object,
        path,
        subject: `${part} ${c.type}`,
        message: `${prefix}the controller's ${c.type} condition was written for generation ${c.actual.observedGeneration}; the object is newer, so the controller has not caught up with the latest change.`,
        checks: [],
      })
    }
    if (c.verdict === 'disagree' && c.actual && c.computed) {
      out.push({
        severity: 'warning',
        code: 'StatusDisagrees',
        object,
        path,
        subject: `${part} ${c.type}`,
        message: `${prefix}the controller says ${c.type}=${c.actual.status} (${c.actual.reason}); the analysis computes ${c.computed.status} (${c.computed.reason}): ${c.computed.message}`,
        checks: [],
      })
    }
  }
  return out
}

export interface FindingsOptions {
  /** `false`: word every route afresh and keep nothing (a one-off reader, such as the server's drawing). */
  keep?: boolean
  /**
   * `false`: route findings carry no checks (their path and fix are still found). The problem list
   * shows none; building them would judge every rejected parentRef and backendRef a second time.
   */
  explain?: boolean
}

export function findings(analyzer: Analyzer, options: FindingsOptions = {}): Finding[] {
  const keep = options.keep ?? true
  const explain = options.explain ?? true
  const out: Finding[] = []
  for (const g of analyzer.gateways) out.push(...gatewayFindings(g))
  out.push(
    ...assumedClassNotes(
      analyzer.gateways,
      analyzer.store.unreadable,
      [...analyzer.store.gatewayClasses.keys()].sort(),
    ),
  )
  for (const s of analyzer.listenerSets) out.push(...listenerSetFindings(s))
  for (const r of analyzer.routes)
    out.push(...(keep ? routeFindingsKept(analyzer, r, explain) : routeFindings(analyzer, r, explain)))
  out.push(...listenerWarnings(analyzer, keep))
  out.push(...policyFindings(analyzer.policies()))
  for (const [key, message] of analyzer.failures) {
    const [kind = '', namespace = '', name = ''] = key.split('/')
    out.push({
      severity: 'error',
      code: 'AnalysisFailed',
      object: { group: 'gateway.networking.k8s.io', kind, namespace, name },
      message: `Gatemap could not analyse this object (${message}); its shape is not what the Gateway API allows.`,
      fix: 'Check it against the CRD schema (the YAML editor or `gatemap serve` validation points at the field).',
      checks: [],
    })
  }
  return out.sort(bySeverity)
}

/** The findings about one object (for a validation preview): what findings() says of it, minus the
 * warnings that compare it with other routes on the same listener. */
export function findingsFor(analyzer: Analyzer, kind: string, namespace: string, name: string): Finding[] {
  analyzer.refresh()
  let out: Finding[] = []
  if (kind === 'Gateway') {
    const g = analyzer.gateway(namespace, name)
    if (g) out = gatewayFindings(g)
  } else if (kind === 'ListenerSet') {
    const s = analyzer.listenerSet(namespace, name)
    if (s) out = listenerSetFindings(s)
  } else {
    const r = analyzer.route(kind, namespace, name)
    if (r) out = routeFindings(analyzer, r, true)
    const p = analyzer.policies().policy(kind, namespace, name)
    if (p) out = findingsOfPolicy(p)
  }
  return out.sort(bySeverity)
}

const bySeverity = (a: Finding, b: Finding) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]

/** References Gatemap may not read (their kind, their namespace, or the grants that would permit
 * them): said as information, never guessed either way. */
function uncheckedReferences(object: ObjectRef, checks: Check[], prefix: string, part = ''): Finding[] {
  return checks
    .filter((c) => (c.rule === 'ref.exists' || c.rule === 'referenceGrant') && c.outcome === 'warn')
    .map((c) => {
      const path = c.fields.find((f) => f.object.kind === object.kind && f.object.name === object.name)?.path
      return {
        severity: 'info' as const,
        code: 'CannotCheck',
        object,
        ...(path ? { path } : {}),
        subject: `${part}${path ?? c.message}`,
        message: `${prefix}${c.message}`,
        checks: [c],
      }
    })
}

/** Reasons that only summarise listener problems, which the listeners' own findings already give. */
const LISTENER_SUMMARIES = new Set<string>([GR.ListenersNotValid, GR.ListenersNotResolved])

/**
 * One note per GatewayClass the analysis assumed (named by Gateways, absent from the inputs). Where
 * the inputs define other classes, the absent name may well be a typo, so the note is a warning.
 */
function assumedClassNotes(
  gateways: Iterable<GatewayVerdict>,
  unreadable: Unreadable,
  present: readonly string[],
): Finding[] {
  const hidden = hiddenReason(unreadable, 'gateway.networking.k8s.io', 'GatewayClass')
  const first = new Map<string, { g: GatewayVerdict; count: number }>()
  for (const g of gateways) {
    if (!g.gatewayClassAssumed) continue
    const seen = first.get(g.gatewayClassName)
    if (seen) seen.count++
    else first.set(g.gatewayClassName, { g, count: 1 })
  }
  const typo = !hidden && present.length > 0
  return [...first].map(([name, { g, count }]) => ({
    severity: typo ? ('warning' as const) : ('info' as const),
    code: 'GatewayClassAssumed',
    // On the first Gateway that names it, so a report and the problems panel can point at a line.
    object: g.ref,
    path: 'spec.gatewayClassName',
    message: `GatewayClass ${name} (named by ${count === 1 ? `Gateway ${namespacedName(g.ref)}` : `${count} Gateways`}) ${hidden ? `cannot be checked (${hidden})` : 'is not among the inputs'}; it is assumed to exist and be accepted, and everything attached to it is judged on that assumption.${typo ? ` The inputs define ${present.join(', ')}: if ${name} is a typo, no controller will ever reconcile ${count === 1 ? 'this Gateway' : 'these Gateways'}.` : ''}`,
    fix: hidden
      ? 'Ask for permission to list GatewayClasses to check it too.'
      : 'Add the GatewayClass to the inputs, analyze against the cluster (--context), or turn the assumption off (--no-assume-gatewayclass).',
    checks: g.checks.filter((c) => c.rule === 'gateway.gatewayClassName'),
  }))
}

function gatewayFindings(g: GatewayVerdict): Finding[] {
  const out: Finding[] = uncheckedReferences(g.ref, g.checks, '')
  for (const c of g.conditions) {
    // CannotCheck summarises unreadable references, each of which uncheckedReferences names.
    if (conditionHealth(c) !== 'healthy' && !LISTENER_SUMMARIES.has(c.reason) && !isCannotCheck(c)) {
      const address = c.reason === GR.UnsupportedAddress ? failedAddress(g.checks) : undefined
      out.push(fromCondition(g.ref, c, explained(g.checks, g.ref), '', address ?? 'spec.gatewayClassName'))
    }
  }
  out.push(...listenerFindings(g.listeners))
  return out
}

/** The spec.addresses entry a refused Gateway asked for (gateway-addresses.ts), to put the finding on. */
function failedAddress(checks: Check[]): string | undefined {
  return checks.find((c) => c.rule === 'gateway.addresses' && c.outcome === 'fail')?.fields[0]?.path
}

function listenerSetFindings(s: ListenerSetVerdict): Finding[] {
  const out: Finding[] = []
  const accepted = s.conditions[0]
  if (accepted && conditionHealth(accepted) !== 'healthy' && accepted.reason !== 'ListenersNotValid') {
    out.push(fromCondition(s.ref, accepted, explained(s.checks, s.ref), '', 'spec.parentRef'))
  }
  out.push(...listenerFindings(s.listeners))
  return out
}

/**
 * A route's findings follow from its verdict and its object alone, and the Analyzer replaces the
 * verdict whenever either changes: kept per verdict, so the problem list after one change re-words
 * only what was re-judged (the dashboard recomputes it for every change).
 */
const keptRouteFindings = new WeakMap<
  RouteVerdict,
  { route: unknown; explain: boolean; findings: Finding[] }
>()

function routeFindingsKept(analyzer: Analyzer, r: RouteVerdict, explain: boolean): Finding[] {
  const route = analyzer.store.routes.get(r.key)
  const kept = keptRouteFindings.get(r)
  if (kept !== undefined && kept.route === route && kept.explain === explain) return kept.findings
  const fresh = routeFindings(analyzer, r, explain)
  keptRouteFindings.set(r, { route, explain, findings: fresh })
  return fresh
}

function routeFindings(analyzer: Analyzer, r: RouteVerdict, explain: boolean): Finding[] {
  const out: Finding[] = []
  const route = analyzer.store.routes.get(r.key)
  if (list(route?.spec?.parentRefs).length === 0) {
    out.push({
      severity: 'warning',
      code: 'NoParentRefs',
      object: r.ref,
      path: 'spec.parentRefs',
      message: 'The route has no parentRefs, so it is attached nowhere and serves no traffic.',
      fix: 'Add a parentRef to a Gateway (or a Service, for mesh).',
      checks: [],
    })
  }
  let resolvedReported = false
  for (const p of r.parents) {
    const at = `parentRef ${p.index} (${p.resolved.kind} ${namespacedName(p.resolved)}${p.resolved.sectionName ? `/${p.resolved.sectionName}` : ''}): `
    const refPath = `spec.parentRefs[${p.index}]`
    // The parentRef's target, not its index: the same problem keeps its identity when refs move.
    const part = `parentRef ${p.resolved.kind} ${namespacedName(p.resolved)}${p.resolved.sectionName ? `/${p.resolved.sectionName}` : ''}${p.resolved.port ? `:${p.resolved.port}` : ''}`
    for (const c of p.conditions) {
      if (conditionHealth(c) === 'healthy') continue
      if (c.type === 'ResolvedRefs') {
        if (resolvedReported) continue
        resolvedReported = true
        const checks = explain ? r.backends.flatMap((b) => b.explain()) : []
        out.push(fromCondition(r.ref, c, { checks, lead: r.backendsLead }, ''))
        continue
      }
      const why = { checks: explain ? p.explain() : [], lead: p.lead }
      const finding = fromCondition(r.ref, c, why, at, c.type === 'Accepted' ? undefined : refPath, part)
      if (c.type === 'PartiallyInvalid') finding.severity = 'warning'
      out.push(finding)
    }
    out.push(...comparisonFindings(r.ref, p.comparison, at, refPath, part))
  }
  for (const leftover of r.orphanStatus) {
    const ref = leftover?.parentRef
    const observed = list<Condition>(leftover?.conditions)
      .map((c) => c.observedGeneration)
      .find((g) => g !== undefined)
    out.push({
      severity: 'warning',
      code: 'StaleStatus',
      object: r.ref,
      path: 'status.parents',
      message: `The controller's status still has an entry for parentRef ${ref?.name ?? '(unnamed)'}${ref?.sectionName ? `/${ref.sectionName}` : ''}, which is no longer in spec.parentRefs${observed !== undefined ? ` (written for generation ${observed}; the route is at generation ${r.generation ?? 'unknown'})` : ''}: the status is stale.`,
      fix: 'Wait for the controller to catch up; if it never does, check that it still owns this route.',
      checks: [],
    })
  }
  return out
}

function listenerFindings(listeners: Iterable<ListenerVerdict>): Finding[] {
  const out: Finding[] = []
  for (const l of listeners) {
    for (const c of l.conditions) {
      if (c.type === 'Programmed' || conditionHealth(c) === 'healthy' || isCannotCheck(c)) continue
      // A conflict is reported on Accepted and Conflicted alike; one finding is enough.
      if (c.type === 'Accepted' && (c.reason === 'HostnameConflict' || c.reason === 'ProtocolConflict'))
        continue
      out.push(
        fromCondition(
          l.owner,
          c,
          explained(l.checks, l.owner),
          `listener ${l.name}: `,
          `spec.listeners[${l.index}]`,
          `listener ${l.name}`,
        ),
      )
    }
    out.push(...uncheckedReferences(l.owner, l.checks, `listener ${l.name}: `, `listener ${l.name} `))
  }
  return out
}
