// BackendTLSPolicy (apis/v1 backendtlspolicy_types.go): whether a policy can be met — its CA
// certificate references, judged by the one reference judge (analysis/objectrefs.ts), or a
// well-known CA set — and which policy is in force for a Service port. A route whose backend is
// covered by a policy that cannot be met gets ResolvedRefs=False (httproute_types.go, BackendRef:
// "a BackendTLSPolicy is present that refers to the Service, and the implementation is unable to
// meet the requirement"); analysis/backends.ts asks here.
import { judgeObjectRef } from '../analysis/objectrefs.ts'
import { existence } from '../analysis/readable.ts'
import { list, nsName, type ObjectStore } from '../analysis/store.ts'
import type { Check, ObjectRef } from '../analysis/verdicts.ts'
import { makeCondition } from '../conditions.ts'
import { groupKind, resolveCaCertificateRef } from '../refs.ts'
import { type BackendTLSPolicy, GATEWAY_GROUP } from '../types/gateway.ts'
import type { Condition } from '../types/meta.ts'
import { PolicyReason, policyPrecedence } from './judge.ts'
import { policyTargetRefs } from './targets.ts'

/** The reasons backendtlspolicy_types.go adds to the policy's Accepted and ResolvedRefs. */
export const BackendTLSPolicyReason = {
  NoValidCACertificate: 'NoValidCACertificate',
  ResolvedRefs: 'ResolvedRefs',
  InvalidCACertificateRef: 'InvalidCACertificateRef',
  InvalidKind: 'InvalidKind',
} as const

/** The one well-known CA set the Gateway API defines; other values are an implementation's own. */
const SYSTEM = 'System'

export interface BackendTLSJudgement {
  policy: ObjectRef
  /** Why the policy as a whole cannot be met (its Accepted=False); undefined when it can, or cannot be checked. */
  unmet?: { reason: string; message: string }
  /** The policy's ResolvedRefs condition (one per ancestor, like Accepted). */
  resolvedRefs: Condition
  checks: Check[]
}

export function judgeBackendTLS(store: ObjectStore, policy: BackendTLSPolicy): BackendTLSJudgement {
  const namespace = policy.metadata.namespace ?? ''
  const ref: ObjectRef = {
    group: GATEWAY_GROUP,
    kind: 'BackendTLSPolicy',
    namespace,
    name: policy.metadata.name,
  }
  const generation = policy.metadata.generation
  const validation = policy.spec?.validation
  const refs = list<{ group?: string; kind?: string; name?: unknown }>(validation?.caCertificateRefs)
  const wellKnown =
    typeof validation?.wellKnownCACertificates === 'string' ? validation.wellKnownCACertificates : ''
  const checks: Check[] = []
  const resolved = (message: string) =>
    makeCondition('ResolvedRefs', 'True', BackendTLSPolicyReason.ResolvedRefs, message, generation)

  if (refs.length === 0) {
    const at = { object: ref, path: 'spec.validation.wellKnownCACertificates', value: wellKnown || '(unset)' }
    if (wellKnown === SYSTEM) {
      checks.push({
        rule: 'backendTLS.caCertificates',
        outcome: 'pass',
        message: 'The backend certificate is validated against the system’s well-known CA certificates.',
        fields: [at],
      })
      return { policy: ref, resolvedRefs: resolved('The policy names no references.'), checks }
    }
    // "If an implementation does not support the WellKnownCACertificates field, or the supplied
    // value is not recognized, the implementation MUST ensure the Accepted Condition … Invalid."
    const message = wellKnown
      ? `wellKnownCACertificates ${wellKnown} is not a CA set the Gateway API defines (only System); only an implementation that defines ${wellKnown} can meet it.`
      : 'The policy names neither caCertificateRefs nor wellKnownCACertificates, so no backend certificate can be validated.'
    checks.push({
      rule: 'backendTLS.caCertificates',
      outcome: 'fail',
      message,
      fields: [at],
      fix: 'Set wellKnownCACertificates: System, or name the ConfigMap holding the CA in caCertificateRefs.',
    })
    return {
      policy: ref,
      unmet: { reason: PolicyReason.Invalid, message },
      resolvedRefs: resolved('The policy names no references.'),
      checks,
    }
  }

  let usable = 0
  const problems: { reason: string; message: string }[] = []
  refs.forEach((raw, i) => {
    const name = typeof raw?.name === 'string' ? raw.name : ''
    const target = resolveCaCertificateRef({ ...raw, name }, namespace)
    // A single ConfigMap is Core; a Secret is implementation-specific, and Envoy Gateway (among
    // others) reads one, so Gatemap's stand-in controller does too.
    const kind = target.group === '' && target.kind === 'Secret' ? 'Secret' : 'ConfigMap'
    const judged = judgeObjectRef(store, {
      from: { ...ref, namespace },
      field: { object: ref, path: `spec.validation.caCertificateRefs[${i}]`, value: name },
      target,
      expect: { group: '', kind },
      label: `caCertificateRefs[${i}]`,
      exists: (ns, n) =>
        existence(store.unreadable, kind, () =>
          (kind === 'Secret' ? store.secrets : store.configMaps).has(nsName(ns, n)),
        ),
    })
    if (judged.outcome === 'wrongKind') {
      judged.message = `caCertificateRefs[${i}] points at a ${groupKind(target.group, target.kind)}; a CA certificate must be in a ConfigMap (or a Secret).`
      for (const c of judged.checks) if (c.outcome === 'fail') c.message = judged.message
    }
    checks.push(...judged.checks)
    if (judged.outcome === 'resolved' || judged.outcome === 'unknown') usable++
    else
      problems.push({
        reason:
          judged.outcome === 'wrongKind'
            ? BackendTLSPolicyReason.InvalidKind
            : BackendTLSPolicyReason.InvalidCACertificateRef,
        message: judged.message,
      })
  })
  const first = problems[0]
  const out: BackendTLSJudgement = {
    policy: ref,
    resolvedRefs: first
      ? makeCondition(
          'ResolvedRefs',
          'False',
          first.reason,
          problems.map((p) => p.message).join(' '),
          generation,
        )
      : resolved('All CA certificate references are resolved.'),
    checks,
  }
  // "If ALL CACertificateRefs are invalid, … Accepted … False, with a Reason NoValidCACertificate."
  if (first && usable === 0) {
    out.unmet = {
      reason: BackendTLSPolicyReason.NoValidCACertificate,
      message: `No CA certificate reference resolves: ${problems.map((p) => p.message).join(' ')}`,
    }
  }
  return out
}

/**
 * The BackendTLSPolicy in force for one port of a Service: one naming that port (sectionName) before
 * one naming the whole Service, and among equals GEP-713's conflict winner (the oldest).
 */
export function backendTLSPolicyFor(
  store: ObjectStore,
  namespace: string,
  service: string,
  portName: string | undefined,
): BackendTLSPolicy | undefined {
  let best: { policy: BackendTLSPolicy; specific: boolean } | undefined
  for (const policy of store.backendTLSPolicies.values()) {
    if ((policy.metadata.namespace ?? '') !== namespace) continue
    for (const { target } of policyTargetRefs(policy)) {
      if (target.group !== '' || target.kind !== 'Service' || target.name !== service) continue
      if (target.sectionName !== undefined && target.sectionName !== portName) continue
      const specific = target.sectionName !== undefined
      const wins =
        !best ||
        (specific && !best.specific) ||
        (specific === best.specific && policyPrecedence(age(policy), age(best.policy)) < 0)
      if (wins) best = { policy, specific }
    }
  }
  return best?.policy
}

const age = (p: BackendTLSPolicy) => ({
  creationTimestamp: p.metadata.creationTimestamp,
  namespace: p.metadata.namespace,
  name: p.metadata.name,
})
