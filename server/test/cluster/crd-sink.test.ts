// The CRD watch's sink keeps the Gateway API's CRDs and policy CRDs (known kinds, and kinds labelled
// gateway.networking.k8s.io/policy), so the editor can check a policy against its CRD; other CRDs
// stay out, and a relist drops what is gone.
import { GATEWAY_GROUP, type WireObject } from '@gatemap/shared'
import { describe, expect, it } from 'vitest'
import { CrdRegistry } from '../../src/crds/registry.ts'
import { CrdSink } from '../../src/sources/cluster/crd-sink.ts'

const crd = (
  group: string,
  kind: string,
  labels: Record<string, string> = {},
  resourceVersion = '1',
): WireObject =>
  ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${kind.toLowerCase()}s.${group}`, resourceVersion, labels },
    spec: {
      group,
      names: { kind, plural: `${kind.toLowerCase()}s` },
      scope: 'Namespaced',
      versions: [{ name: 'v1', served: true, storage: true }],
    },
  }) as unknown as WireObject

describe('CrdSink', () => {
  it('keeps Gateway API and policy CRDs, and no others', () => {
    const registry = new CrdRegistry()
    let changes = 0
    const sink = new CrdSink(registry, GATEWAY_GROUP, () => changes++)
    sink.replace([
      crd(GATEWAY_GROUP, 'HTTPRoute'),
      crd('gateway.envoyproxy.io', 'BackendTrafficPolicy'),
      crd('example.com', 'RetryPolicy', { 'gateway.networking.k8s.io/policy': 'Inherited' }),
      crd('example.com', 'Widget'),
      crd('gateway.envoyproxy.io', 'EnvoyProxy'),
    ])
    expect(
      registry
        .all()
        .map((c) => `${c.spec.group}/${c.spec.names.kind}`)
        .sort(),
    ).toEqual([
      'example.com/RetryPolicy',
      'gateway.envoyproxy.io/BackendTrafficPolicy',
      'gateway.networking.k8s.io/HTTPRoute',
    ])
    expect(registry.forKind('gateway.envoyproxy.io', 'BackendTrafficPolicy')).toBeDefined()
    expect(changes).toBe(1)
  })

  it('a relist without a policy CRD drops it; an unchanged one is no change', () => {
    const registry = new CrdRegistry()
    let changes = 0
    const sink = new CrdSink(registry, GATEWAY_GROUP, () => changes++)
    sink.replace([crd(GATEWAY_GROUP, 'HTTPRoute'), crd('gateway.envoyproxy.io', 'SecurityPolicy')])
    sink.replace([crd(GATEWAY_GROUP, 'HTTPRoute'), crd('gateway.envoyproxy.io', 'SecurityPolicy')])
    expect(changes).toBe(1)
    sink.replace([crd(GATEWAY_GROUP, 'HTTPRoute')])
    expect(registry.forKind('gateway.envoyproxy.io', 'SecurityPolicy')).toBeUndefined()
    expect(changes).toBe(2)
  })
})
