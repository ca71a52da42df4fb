// One listener on its own: protocol, TLS, certificateRefs and the route kinds it supports. Conflicts
// between listeners are judged in conflicts.ts; attached routes are counted by the Analyzer.
import { CANNOT_CHECK, ListenerCondition as LC, ListenerReason as LR, makeCondition } from '../conditions.ts'
import { groupKind, resolveCaCertificateRef, resolveCertificateRef } from '../refs.ts'
import { routeKindsForProtocol } from '../route-kinds.ts'
import type { Secret } from '../types/core.ts'
import {
  type FrontendValidation,
  GATEWAY_GROUP,
  type GatewayTLS,
  type Listener,
  type RouteGroupKind,
} from '../types/gateway.ts'
import type { Condition } from '../types/meta.ts'
import { judgeObjectRef } from './objectrefs.ts'
import { existence, type Unreadable } from './readable.ts'
import { list, nsName, type ObjectStore } from './store.ts'
import type { Check, FieldRef, ObjectRef } from './verdicts.ts'

export const CORE_PROTOCOLS = ['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP'] as const

/** Route kinds a listener accepts by default, and the only kinds it may list, by protocol. */
export function compatibleRouteKinds(protocol: string, tlsMode: string | undefined): string[] {
  // Passthrough and Terminate both carry TLSRoutes; Gatemap stands in for a controller that
  // supports TLS termination for TLSRoute. Any other mode carries nothing.
  if (protocol === 'TLS' && tlsMode !== undefined && tlsMode !== 'Passthrough' && tlsMode !== 'Terminate')
    return []
  return routeKindsForProtocol(protocol)
}

export interface ListenerOwner {
  ref: ObjectRef
  namespace: string
  /** `spec.listeners` */
  path: string
  /** The Gateway's spec.tls.frontend (client-certificate validation), for the Gateway's own listeners. */
  frontend?: GatewayTLS['frontend']
}

export interface ListenerJudgement {
  listener: Listener
  index: number
  name: string
  supportedKinds: RouteGroupKind[]
  accepted: Condition
  resolvedRefs: Condition
  checks: Check[]
}

export function judgeListener(
  store: ObjectStore,
  owner: ListenerOwner,
  listener: Listener,
  index: number,
  unreadable: Unreadable,
): ListenerJudgement {
  const path = `${owner.path}[${index}]`
  const at = (sub: string, value?: unknown): FieldRef => field(owner.ref, `${path}.${sub}`, value)
  const checks: Check[] = []
  const name = String(listener.name ?? `#${index}`)
  const protocol = String(listener.protocol ?? '')
  const tlsMode = listener.tls ? (listener.tls.mode ?? 'Terminate') : undefined
  let accepted = makeCondition(LC.Accepted, 'True', LR.Accepted, `Listener ${name} is accepted.`)
  const refProblems: { reason: string; message: string }[] = []
  // References Gatemap may not read: neither resolved nor failed (readable.ts).
  const unchecked: string[] = []

  // Protocol
  if (!(CORE_PROTOCOLS as readonly string[]).includes(protocol)) {
    const message = `Listener ${name} uses protocol ${protocol || '(unset)'}, which is not one of ${CORE_PROTOCOLS.join(', ')}; Gatemap stands in for a controller with only the core protocols.`
    accepted = makeCondition(LC.Accepted, 'False', LR.UnsupportedProtocol, message)
    checks.push({
      rule: 'listener.protocol',
      outcome: 'fail',
      message,
      fields: [at('protocol', protocol)],
      fix: 'Use HTTP, HTTPS, TLS, TCP or UDP, or a controller that implements this protocol.',
    })
  } else {
    checks.push({
      rule: 'listener.protocol',
      outcome: 'pass',
      message: `Protocol ${protocol} on port ${listener.port}.`,
      fields: [at('protocol', protocol)],
    })
  }

  // TLS configuration
  const wantsTls = protocol === 'HTTPS' || protocol === 'TLS'
  if (!wantsTls && listener.tls && accepted.status === 'True') {
    const message = `Listener ${name} has a tls section, but protocol ${protocol} does not use TLS.`
    accepted = makeCondition(LC.Accepted, 'False', LR.UnsupportedValue, message)
    checks.push({
      rule: 'listener.tls',
      outcome: 'fail',
      message,
      fields: [at('tls')],
      fix: 'Remove tls, or use HTTPS or TLS.',
    })
  }
  if (protocol === 'HTTPS' && tlsMode === 'Passthrough') {
    const message = `Listener ${name} is HTTPS with tls.mode Passthrough; HTTPS listeners terminate TLS.`
    accepted = makeCondition(LC.Accepted, 'False', LR.UnsupportedValue, message)
    checks.push({
      rule: 'listener.tls.mode',
      outcome: 'fail',
      message,
      fields: [at('tls.mode', 'Passthrough')],
      fix: 'Use protocol TLS for passthrough, or tls.mode Terminate.',
    })
  }
  if (wantsTls && !listener.tls) {
    refProblems.push({
      reason: LR.InvalidCertificateRef,
      message: `Listener ${name} (${protocol}) has no tls section, so it has no certificate to serve.`,
    })
    checks.push({
      rule: 'listener.tls',
      outcome: 'fail',
      message: `Protocol ${protocol} needs a tls section with certificateRefs.`,
      fields: [at('tls')],
      fix: 'Add tls.certificateRefs naming a kubernetes.io/tls Secret.',
    })
  }
  if (wantsTls && tlsMode === 'Terminate') {
    const refs = list<NonNullable<NonNullable<Listener['tls']>['certificateRefs']>[number]>(
      listener.tls?.certificateRefs,
    )
    if (refs.length === 0) {
      refProblems.push({
        reason: LR.InvalidCertificateRef,
        message: `Listener ${name} terminates TLS but tls.certificateRefs is empty.`,
      })
      checks.push({
        rule: 'listener.tls.certificateRefs',
        outcome: 'fail',
        message: 'TLS termination needs at least one certificateRef.',
        fields: [at('tls.certificateRefs')],
        fix: 'Add a certificateRef to a kubernetes.io/tls Secret.',
      })
    }
    refs.forEach((raw, i) => {
      const ref = resolveCertificateRef(raw, owner.namespace)
      const judged = judgeObjectRef(store, {
        from: { ...owner.ref, namespace: owner.namespace },
        field: at(`tls.certificateRefs[${i}]`, raw?.name),
        target: ref,
        expect: { group: '', kind: 'Secret' },
        label: `certificateRefs[${i}] of listener ${name}`,
        exists: (ns, n) => existence(unreadable, 'Secret', () => store.secrets.has(nsName(ns, n))),
      })
      checks.push(...judged.checks)
      if (judged.outcome === 'unknown') unchecked.push(judged.message)
      else if (judged.outcome === 'notPermitted')
        refProblems.push({ reason: LR.RefNotPermitted, message: judged.message })
      else if (judged.outcome === 'wrongKind' || judged.outcome === 'notFound') {
        refProblems.push({ reason: LR.InvalidCertificateRef, message: judged.message })
      } else if (judged.outcome === 'resolved') {
        const secret = store.secrets.get(nsName(ref.namespace, ref.name))
        const problem = secret && certificateSecretProblem(secret)
        if (problem) {
          refProblems.push({ reason: LR.InvalidCertificateRef, message: problem })
          checks.push({
            rule: 'listener.certificateRef.content',
            outcome: 'fail',
            message: problem,
            fields: [
              field(
                { group: '', kind: 'Secret', namespace: ref.namespace, name: ref.name },
                'type',
                secret.type,
              ),
            ],
            fix: 'Store a PEM certificate and key in a Secret of type kubernetes.io/tls.',
          })
        }
      }
    })
  }

  if (wantsTls && tlsMode === 'Terminate' && owner.frontend) {
    const validation = judgeFrontendValidation(
      store,
      owner,
      listener,
      name,
      checks,
      refProblems,
      unchecked,
      unreadable,
    )
    if (validation && accepted.status === 'True') accepted = validation
  }

  // Route kinds
  const compatible = compatibleRouteKinds(protocol, tlsMode)
  const explicit = listener.allowedRoutes?.kinds
  let supportedKinds: RouteGroupKind[]
  if (Array.isArray(explicit)) {
    supportedKinds = []
    const invalid: string[] = []
    explicit.forEach((k, i) => {
      const group = k?.group ?? GATEWAY_GROUP
      if (group === GATEWAY_GROUP && compatible.includes(k?.kind)) {
        if (!supportedKinds.some((s) => s.kind === k.kind)) supportedKinds.push({ group, kind: k.kind })
      } else {
        invalid.push(groupKind(group, String(k?.kind)))
        checks.push({
          rule: 'listener.allowedRoutes.kinds',
          outcome: 'fail',
          message: `allowedRoutes.kinds[${i}] is ${groupKind(group, String(k?.kind))}, which a ${protocol} listener cannot carry (it can carry ${compatible.join(', ') || 'nothing'}).`,
          fields: [at(`allowedRoutes.kinds[${i}]`, k?.kind)],
          fix: `Remove it, or list one of: ${compatible.join(', ') || '(none for this protocol)'}.`,
        })
      }
    })
    if (invalid.length > 0) {
      refProblems.push({
        reason: LR.InvalidRouteKinds,
        message: `Listener ${name} lists route kinds it cannot carry: ${invalid.join(', ')}.`,
      })
    }
  } else {
    supportedKinds = compatible.map((kind) => ({ group: GATEWAY_GROUP, kind }))
  }
  checks.push({
    rule: 'listener.supportedKinds',
    outcome: supportedKinds.length > 0 ? 'pass' : 'warn',
    message:
      supportedKinds.length > 0
        ? `Accepts ${supportedKinds.map((k) => k.kind).join(', ')}${Array.isArray(explicit) ? ' (allowedRoutes.kinds)' : ` (the defaults for ${protocol})`}.`
        : 'Accepts no route kinds at all.',
    fields: [at('allowedRoutes.kinds')],
  })

  // A reference known to fail decides; one that cannot be read only keeps the listener from True,
  // since the spec's True means the controller "was able to resolve all the object references".
  const first = refProblems[0]
  const resolvedRefs = first
    ? makeCondition(LC.ResolvedRefs, 'False', first.reason, refProblems.map((p) => p.message).join(' '))
    : unchecked.length > 0
      ? makeCondition(LC.ResolvedRefs, 'Unknown', CANNOT_CHECK, unchecked.join(' '))
      : makeCondition(LC.ResolvedRefs, 'True', LR.ResolvedRefs, 'All references are resolved.')
  return { listener, index, name, supportedKinds, accepted, resolvedRefs, checks }
}

export function field(object: ObjectRef, path: string, value?: unknown): FieldRef {
  const out: FieldRef = { object, path }
  if (value !== undefined) out.value = typeof value === 'string' ? value : JSON.stringify(value)
  return out
}

/**
 * Client-certificate validation for a terminating listener: the Gateway's perPort entry for its port,
 * else the default. Returns Accepted=False/NoValidCACertificate when no CA certificate resolves.
 */
function judgeFrontendValidation(
  store: ObjectStore,
  owner: ListenerOwner,
  listener: Listener,
  name: string,
  checks: Check[],
  refProblems: { reason: string; message: string }[],
  unchecked: string[],
  unreadable: Unreadable,
): Condition | undefined {
  const perPortIndex = list<{ port: number }>(owner.frontend?.perPort).findIndex(
    (p) => p?.port === listener.port,
  )
  const validation =
    perPortIndex >= 0
      ? owner.frontend?.perPort?.[perPortIndex]?.tls?.validation
      : owner.frontend?.default?.validation
  const base =
    perPortIndex >= 0
      ? `spec.tls.frontend.perPort[${perPortIndex}].tls.validation`
      : 'spec.tls.frontend.default.validation'
  const refs = list<NonNullable<FrontendValidation['caCertificateRefs']>[number]>(
    validation?.caCertificateRefs,
  )
  if (refs.length === 0) return undefined
  let resolved = 0
  refs.forEach((raw, i) => {
    const judged = judgeObjectRef(store, {
      from: { ...owner.ref, namespace: owner.namespace },
      field: field(owner.ref, `${base}.caCertificateRefs[${i}]`, raw?.name),
      target: resolveCaCertificateRef(raw, owner.namespace),
      expect: { group: '', kind: 'ConfigMap' },
      label: `caCertificateRefs[${i}] (client-certificate validation for listener ${name})`,
      exists: (ns, n) => existence(unreadable, 'ConfigMap', () => store.configMaps.has(nsName(ns, n))),
    })
    checks.push(...judged.checks)
    if (judged.outcome === 'unknown') unchecked.push(judged.message)
    // A CA certificate that cannot be read may well be valid: Accepted is not failed for it.
    if (judged.outcome === 'resolved' || judged.outcome === 'unknown') resolved++
    else if (judged.outcome === 'notPermitted')
      refProblems.push({ reason: LR.RefNotPermitted, message: judged.message })
    else if (judged.outcome === 'wrongKind')
      refProblems.push({ reason: LR.InvalidCACertificateKind, message: judged.message })
    else refProblems.push({ reason: LR.InvalidCACertificateRef, message: judged.message })
  })
  if (resolved > 0) return undefined
  return makeCondition(
    LC.Accepted,
    'False',
    LR.NoValidCACertificate,
    `Listener ${name} validates client certificates, but none of its CA certificate references resolves.`,
  )
}

/** Why a Secret cannot serve as a certificate, as far as its type and the loader's summary tell. */
export function certificateSecretProblem(secret: Secret): string | undefined {
  const name = `Secret ${secret.metadata.namespace}/${secret.metadata.name}`
  if (secret.type !== undefined && secret.type !== 'kubernetes.io/tls') {
    return `${name} has type ${secret.type}, not kubernetes.io/tls.`
  }
  if (secret.tlsCertificate === 'malformed') return `${name} holds a tls.crt that is not a PEM certificate.`
  return undefined
}
