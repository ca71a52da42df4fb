import { KNOWN_KINDS, kindInfo } from '@gatemap/shared'
import { describe, expect, it } from 'vitest'
import {
  CORE_KINDS,
  chooseVersion,
  collectionPath,
  coreResource,
  GATEWAY_KINDS,
  objectPath,
} from '../../src/sources/cluster/discovery.ts'
import { policyKindsToWatch } from '../../src/sources/cluster/policy-kinds.ts'

const G = 'gateway.networking.k8s.io'
const info = (kind: string) => {
  const found = kindInfo(G, kind)
  if (!found) throw new Error(`unknown kind ${kind}`)
  return found
}

describe('chooseVersion', () => {
  it('takes the group preferred version when it serves the kind', () => {
    expect(chooseVersion(info('HTTPRoute'), ['v1', 'v1beta1'], 'v1beta1')).toBe('v1beta1')
    expect(chooseVersion(info('HTTPRoute'), ['v1', 'v1beta1'], 'v1')).toBe('v1')
  })

  it('falls back to the newest served version in KNOWN_KINDS order when the preferred one does not serve the kind', () => {
    // The experimental channel of older releases: group preferred v1, TLSRoute only in alpha versions.
    expect(chooseVersion(info('TLSRoute'), ['v1alpha2', 'v1alpha3'], 'v1')).toBe('v1alpha3')
    expect(chooseVersion(info('TCPRoute'), ['v1alpha2'], 'v1')).toBe('v1alpha2')
  })

  it('ignores a preferred version Gatemap cannot read', () => {
    expect(chooseVersion(info('ReferenceGrant'), ['v1beta1', 'v9'], 'v9')).toBe('v1beta1')
  })

  it('says undefined when no known version is served', () => {
    expect(chooseVersion(info('UDPRoute'), [], 'v1')).toBeUndefined()
    expect(chooseVersion(info('UDPRoute'), ['v0'], 'v0')).toBeUndefined()
  })
})

describe('kind tables and paths', () => {
  it('splits KNOWN_KINDS without losing or inventing kinds', () => {
    expect([...GATEWAY_KINDS, ...CORE_KINDS, ...policyKindsToWatch([])].map((k) => k.kind).sort()).toEqual(
      KNOWN_KINDS.map((k) => k.kind).sort(),
    )
  })

  it('builds core and group paths, namespaced only when the resource is', () => {
    const secrets = coreResource('Secret')
    const namespaces = coreResource('Namespace')
    if (!secrets || !namespaces) throw new Error('core kinds missing')
    expect(collectionPath(secrets)).toBe('/api/v1/secrets')
    expect(objectPath(secrets, 'a b', 'tls')).toBe('/api/v1/namespaces/a%20b/secrets/tls')
    expect(objectPath(namespaces, 'ignored', 'x')).toBe('/api/v1/namespaces/x')
    const routes = { group: G, version: 'v1', kind: 'HTTPRoute', plural: 'httproutes', namespaced: true }
    expect(collectionPath(routes, 'ns')).toBe(`/apis/${G}/v1/namespaces/ns/httproutes`)
    expect(coreResource('HTTPRoute')).toBeUndefined()
  })
})
