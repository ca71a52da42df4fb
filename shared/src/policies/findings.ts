// Policy problems for the problems list and `gatemap analyze`: a rejected targetRef (TargetNotFound,
// Invalid, Conflicted), a target that cannot be checked, status that disagrees with the analysis or
// is stale, and status left over for ancestors no target leads to.

import type { Finding } from '../analysis/verdicts.ts'
import { conditionHealth, isCannotCheck } from '../conditions.ts'
import { groupKind, namespacedName } from '../refs.ts'
import type { PolicyAnalysis, PolicyVerdict } from './analysis.ts'

export function policyFindings(analysis: PolicyAnalysis): Finding[] {
  return analysis.verdicts.flatMap(findingsOfPolicy)
}

export function findingsOfPolicy(v: PolicyVerdict): Finding[] {
  const out: Finding[] = []
  for (const t of v.targets) {
    if (t.accepted === true) continue
    const named = `${groupKind(t.target.group, t.target.kind)} ${namespacedName(t.target)}${t.target.sectionName ? `/${t.target.sectionName}` : ''}`
    const failed = t.checks.find((c) => c.outcome === 'fail') ?? t.checks.find((c) => c.outcome === 'warn')
    const finding: Finding = {
      severity: t.accepted === undefined ? 'info' : 'error',
      code: t.reason,
      object: v.ref,
      path: failed?.fields.find((f) => f.object.kind === v.ref.kind)?.path ?? t.path,
      subject: `targetRef ${named} Accepted`,
      message: `targetRef ${named}: Accepted=${t.accepted === undefined ? 'Unknown' : 'False'} (${t.reason}): ${t.message}`,
      checks: t.checks,
    }
    if (failed?.fix) finding.fix = failed.fix
    out.push(finding)
  }
  out.push(...backendTLSFindings(v))
  for (const a of v.ancestors) {
    const at = `ancestor ${a.ancestorRef.kind} ${namespacedName({ namespace: a.ancestorRef.namespace, name: a.ancestorRef.name })}${a.ancestorRef.sectionName ? `/${a.ancestorRef.sectionName}` : ''}`
    for (const c of a.comparison ?? []) {
      if (c.stale && c.actual) {
        out.push({
          severity: 'warning',
          code: 'StaleStatus',
          object: v.ref,
          path: 'status.ancestors',
          subject: `${at} ${c.type}`,
          message: `${at}: the controller's ${c.type} condition was written for generation ${c.actual.observedGeneration}; the policy is newer, so the controller has not caught up with the latest change.`,
          checks: [],
        })
      }
      if (c.verdict === 'disagree' && c.actual && c.computed && !isCannotCheck(c.computed)) {
        out.push({
          severity: 'warning',
          code: 'StatusDisagrees',
          object: v.ref,
          path: 'status.ancestors',
          subject: `${at} ${c.type}`,
          message: `${at}: the controller says ${c.type}=${c.actual.status} (${c.actual.reason}); the analysis computes ${c.computed.status} (${c.computed.reason}): ${c.computed.message}`,
          checks: [],
        })
      }
    }
  }
  for (const w of v.leftoverStatus) {
    const r = w.ancestorRef
    const healthy = (w.conditions ?? []).every((c) => conditionHealth(c) === 'healthy')
    out.push({
      severity: 'info',
      code: 'StaleStatus',
      object: v.ref,
      path: 'status.ancestors',
      subject: `ancestor ${r.kind ?? 'Gateway'} ${namespacedName({ namespace: r.namespace ?? v.ref.namespace, name: r.name })}${r.sectionName ? `/${r.sectionName}` : ''} leftover`,
      message: `The controller (${w.controllerName}) reports this policy under ${r.kind ?? 'Gateway'} ${r.name}${r.sectionName ? `/${r.sectionName}` : ''}${healthy ? ' as accepted' : ''}, but none of its targets leads there now.`,
      fix: 'Wait for the controller to catch up; if it never does, check that it still reconciles this policy.',
      checks: [],
    })
  }
  if (v.noAncestors && v.targets.every((t) => t.accepted === true)) {
    out.push({
      severity: 'info',
      code: 'NoAncestors',
      object: v.ref,
      path: v.targets[0]?.path ?? 'spec',
      subject: 'ancestors',
      message: v.noAncestors,
      checks: [],
    })
  }
  return out
}

/** A BackendTLSPolicy whose targets are fine but whose CA certificates are not. */
function backendTLSFindings(v: PolicyVerdict): Finding[] {
  const tls = v.backendTLS
  if (!tls || !v.targets.some((t) => t.accepted === true)) return []
  const failed = tls.checks.find((c) => c.outcome === 'fail')
  const path = failed?.fields[0]?.path ?? 'spec.validation'
  const fix = failed?.fix
  if (tls.unmet) {
    return [
      {
        severity: 'error',
        code: tls.unmet.reason,
        object: v.ref,
        path,
        subject: 'Accepted',
        message: `Accepted=False (${tls.unmet.reason}): ${tls.unmet.message} Routes sending to its Services get ResolvedRefs=False.`,
        ...(fix ? { fix } : {}),
        checks: tls.checks,
      },
    ]
  }
  if (tls.resolvedRefs.status !== 'False') return []
  return [
    {
      severity: 'warning',
      code: tls.resolvedRefs.reason,
      object: v.ref,
      path,
      subject: 'ResolvedRefs',
      message: `ResolvedRefs=False (${tls.resolvedRefs.reason}): ${tls.resolvedRefs.message}`,
      ...(fix ? { fix } : {}),
      checks: tls.checks,
    },
  ]
}
