// Builders for small valid Gateway API objects; CEL rule samples change one part of them.
import type { FieldPath } from '../../src/index.ts'
import type { Channel } from './crds.ts'

export type Obj = Record<string, unknown>

/** One CEL rule's samples: `pass` validates cleanly, `fail` breaks exactly this rule (maybe others). */
export interface RuleCase {
  /** A fragment of the rule text that no other rule contains (the coverage test checks this). */
  rule: string
  channel: Channel
  pass: Obj
  fail: Obj
  /** Where the failure is reported. */
  at: FieldPath
  /** For transition rules: the stored object that `pass` and `fail` replace. */
  old?: Obj
  /** Rules on status: validated as a status update would be. */
  status?: true
  /**
   * Set when no object can reach the rule with a violating value because a schema check that blocks
   * CEL (enum, type) refuses every such value first; `fail` then shows that schema error.
   */
  shadowedBy?: 'NotSupported' | 'TypeInvalid'
}

const GW = 'gateway.networking.k8s.io'
const NS = 'validation'

export function object(apiVersion: string, kind: string, spec: Obj, extra: Obj = {}): Obj {
  const namespaced = !['GatewayClass', 'XMesh'].includes(kind)
  return {
    apiVersion,
    kind,
    metadata: namespaced ? { name: 'sample', namespace: NS } : { name: 'sample' },
    spec,
    ...extra,
  }
}

export const parentRefs = [{ name: 'gw' }]
export const svc = { name: 'svc', port: 8080 }

export function httpRoute(rule: Obj = {}, spec: Obj = {}): Obj {
  return object(`${GW}/v1`, 'HTTPRoute', { parentRefs, rules: [{ backendRefs: [svc], ...rule }], ...spec })
}

/** An HTTPRoute rule with filters and no backends (redirect filters refuse backends). */
export function httpFilters(filters: Obj[], rule: Obj = {}): Obj {
  return httpRoute({ backendRefs: undefined, filters, ...rule })
}

export function grpcRoute(rule: Obj = {}, spec: Obj = {}): Obj {
  return object(`${GW}/v1`, 'GRPCRoute', { parentRefs, rules: [{ backendRefs: [svc], ...rule }], ...spec })
}

export function tlsRoute(hostnames: string[]): Obj {
  return object(`${GW}/v1`, 'TLSRoute', { parentRefs, hostnames, rules: [{ backendRefs: [svc] }] })
}

export const httpListener = { name: 'http', port: 80, protocol: 'HTTP' }

export function gateway(spec: Obj = {}): Obj {
  return object(`${GW}/v1`, 'Gateway', { gatewayClassName: 'gc', listeners: [httpListener], ...spec })
}

export function listenerSet(listeners: Obj[]): Obj {
  return object(`${GW}/v1`, 'ListenerSet', { parentRef: { name: 'gw' }, listeners })
}

export const caRefs = [{ group: '', kind: 'ConfigMap', name: 'ca' }]

export function backendTLSPolicy(spec: Obj = {}, validation: Obj = {}): Obj {
  return object(`${GW}/v1`, 'BackendTLSPolicy', {
    targetRefs: [{ group: '', kind: 'Service', name: 'svc' }],
    validation: { hostname: 'svc.example.com', caCertificateRefs: caRefs, ...validation },
    ...spec,
  })
}

export function xBackend(spec: Obj): Obj {
  return object('gateway.networking.x-k8s.io/v1alpha1', 'XBackend', {
    type: 'ExternalHostname',
    externalHostname: { hostname: 'api.example.com' },
    port: { port: 443 },
    ...spec,
  })
}

export function xBackendTrafficPolicy(spec: Obj): Obj {
  return object('gateway.networking.x-k8s.io/v1alpha1', 'XBackendTrafficPolicy', {
    targetRefs: [{ group: '', kind: 'Service', name: 'svc' }],
    ...spec,
  })
}

/** `count` rules with `perRule` matches each, for the total-matches rules. */
export function manyMatches(count: number, perRule: number, match: Obj): Obj[] {
  return Array.from({ length: count }, () => ({ matches: Array.from({ length: perRule }, () => match) }))
}
