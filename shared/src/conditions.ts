// The one place that knows what conditions mean: their types and reasons, their polarity (for
// `Conflicted` True is the bad state), and how a controller-written condition compares with ours.
import type { ConditionComparison } from './analysis/verdicts.ts'
import type { Condition, ConditionStatus } from './types/meta.ts'

export const RouteCondition = {
  Accepted: 'Accepted',
  ResolvedRefs: 'ResolvedRefs',
  PartiallyInvalid: 'PartiallyInvalid',
} as const

export const RouteReason = {
  Accepted: 'Accepted',
  NotAllowedByListeners: 'NotAllowedByListeners',
  NoMatchingListenerHostname: 'NoMatchingListenerHostname',
  NoMatchingParent: 'NoMatchingParent',
  UnsupportedValue: 'UnsupportedValue',
  IncompatibleFilters: 'IncompatibleFilters',
  Pending: 'Pending',
  ResolvedRefs: 'ResolvedRefs',
  RefNotPermitted: 'RefNotPermitted',
  InvalidKind: 'InvalidKind',
  BackendNotFound: 'BackendNotFound',
  UnsupportedProtocol: 'UnsupportedProtocol',
  /**
   * Not a Gateway API reason: the spec names none for a backend whose BackendTLSPolicy cannot be met
   * ("Controllers may raise this condition with other reasons"). Envoy Gateway's name for it, so a
   * cluster it runs agrees with the analysis.
   */
  InvalidBackendTLS: 'InvalidBackendTLS',
} as const

export const ListenerCondition = {
  Accepted: 'Accepted',
  ResolvedRefs: 'ResolvedRefs',
  Conflicted: 'Conflicted',
  Programmed: 'Programmed',
  OverlappingTLSConfig: 'OverlappingTLSConfig',
} as const

export const ListenerReason = {
  Accepted: 'Accepted',
  PortUnavailable: 'PortUnavailable',
  UnsupportedProtocol: 'UnsupportedProtocol',
  UnsupportedValue: 'UnsupportedValue',
  ResolvedRefs: 'ResolvedRefs',
  InvalidCertificateRef: 'InvalidCertificateRef',
  InvalidRouteKinds: 'InvalidRouteKinds',
  RefNotPermitted: 'RefNotPermitted',
  InvalidCACertificateRef: 'InvalidCACertificateRef',
  InvalidCACertificateKind: 'InvalidCACertificateKind',
  NoValidCACertificate: 'NoValidCACertificate',
  NoConflicts: 'NoConflicts',
  HostnameConflict: 'HostnameConflict',
  ProtocolConflict: 'ProtocolConflict',
  Programmed: 'Programmed',
  Invalid: 'Invalid',
  Pending: 'Pending',
} as const

export const GatewayCondition = {
  Accepted: 'Accepted',
  Programmed: 'Programmed',
  ResolvedRefs: 'ResolvedRefs',
  InsecureFrontendValidationMode: 'InsecureFrontendValidationMode',
} as const

export const GatewayReason = {
  Accepted: 'Accepted',
  ListenersNotValid: 'ListenersNotValid',
  Invalid: 'Invalid',
  InvalidParameters: 'InvalidParameters',
  UnsupportedAddress: 'UnsupportedAddress',
  Pending: 'Pending',
  Programmed: 'Programmed',
  ResolvedRefs: 'ResolvedRefs',
  InvalidClientCertificateRef: 'InvalidClientCertificateRef',
  RefNotPermitted: 'RefNotPermitted',
  ListenersNotResolved: 'ListenersNotResolved',
  ConfigurationChanged: 'ConfigurationChanged',
} as const

export const ListenerSetReason = {
  Accepted: 'Accepted',
  NotAllowed: 'NotAllowed',
  ParentNotAccepted: 'ParentNotAccepted',
  ListenersNotValid: 'ListenersNotValid',
  Programmed: 'Programmed',
  Invalid: 'Invalid',
} as const

export const GatewayClassCondition = { Accepted: 'Accepted', SupportedVersion: 'SupportedVersion' } as const

/** Condition types where True is the bad state. Everything else is healthy when True. */
const NEGATIVE_POLARITY = new Set<string>([
  'Conflicted',
  'OverlappingTLSConfig',
  'PartiallyInvalid',
  'InsecureFrontendValidationMode',
])

export function isNegativePolarity(type: string): boolean {
  return NEGATIVE_POLARITY.has(type)
}

export type ConditionHealth = 'healthy' | 'problem' | 'pending'

/**
 * Gatemap's own reason for a condition it cannot compute because an input is hidden from it (RBAC
 * keeps a kind, or a namespace, from the source or from the person whose view is analysed). Status
 * Unknown; no controller writes it, so it never disagrees with one.
 */
export const CANNOT_CHECK = 'CannotCheck'

export function isCannotCheck(condition: { status: string; reason: string }): boolean {
  return condition.status === 'Unknown' && condition.reason === CANNOT_CHECK
}

/** What a condition says about its object, taking polarity into account. */
export function conditionHealth(condition: Pick<Condition, 'type' | 'status'>): ConditionHealth {
  if (condition.status === 'Unknown') return 'pending'
  const good: ConditionStatus = isNegativePolarity(condition.type) ? 'False' : 'True'
  return condition.status === good ? 'healthy' : 'problem'
}

export function makeCondition(
  type: string,
  status: ConditionStatus,
  reason: string,
  message: string,
  observedGeneration?: number,
): Condition {
  const condition: Condition = { type, status, reason, message }
  if (observedGeneration !== undefined) condition.observedGeneration = observedGeneration
  return condition
}

export function findCondition(
  conditions: readonly Condition[] | undefined,
  type: string,
): Condition | undefined {
  return conditions?.find((c) => c.type === type)
}

/** A controller's condition is stale when written for an older generation of the object. */
export function isStale(
  condition: Pick<Condition, 'observedGeneration'>,
  generation: number | undefined,
): boolean {
  return (
    generation !== undefined &&
    condition.observedGeneration !== undefined &&
    condition.observedGeneration < generation
  )
}

/**
 * Pairs our conditions with a controller's by type. Status and reason decide agreement; messages
 * are free text and never compared.
 */
export function compareConditions(
  computed: readonly Condition[],
  actual: readonly Condition[],
  generation: number | undefined,
): ConditionComparison[] {
  const out: ConditionComparison[] = []
  for (const ours of computed) {
    const theirs = findCondition(actual, ours.type)
    if (!theirs) {
      out.push({ type: ours.type, computed: ours, verdict: 'missing', stale: false })
      continue
    }
    const agree = theirs.status === ours.status && theirs.reason === ours.reason
    out.push({
      type: ours.type,
      computed: ours,
      actual: theirs,
      verdict: isCannotCheck(ours) ? 'unknown' : agree ? 'agree' : 'disagree',
      stale: isStale(theirs, generation),
    })
  }
  for (const theirs of actual) {
    if (!findCondition(computed, theirs.type)) {
      out.push({ type: theirs.type, actual: theirs, verdict: 'extra', stale: isStale(theirs, generation) })
    }
  }
  return out
}
