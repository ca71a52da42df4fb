import { describe, expect, it } from 'vitest'
import {
  cloneObject,
  editableObject,
  type KubeObject,
  newRouteFor,
  routeKindForProtocol,
} from '../../src/index.ts'

const stored = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: {
    name: 'r',
    namespace: 'shop',
    labels: { app: 'web' },
    resourceVersion: '42',
    uid: 'u-1',
    generation: 3,
    creationTimestamp: '2026-01-01T00:00:00Z',
    managedFields: [{ manager: 'kubectl' }],
  },
  spec: { parentRefs: [{ name: 'edge' }] },
  status: { parents: [] },
} as unknown as KubeObject

describe('editableObject', () => {
  it('drops status and server-owned metadata, keeps the rest in order', () => {
    expect(JSON.stringify(editableObject(stored))).toBe(
      JSON.stringify({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'r', namespace: 'shop', labels: { app: 'web' } },
        spec: { parentRefs: [{ name: 'edge' }] },
      }),
    )
    expect(stored.metadata.resourceVersion).toBe('42')
  })
})

describe('newRouteFor', () => {
  it.each([
    ['HTTP', 'HTTPRoute', 'gateway.networking.k8s.io/v1'],
    ['HTTPS', 'HTTPRoute', 'gateway.networking.k8s.io/v1'],
    ['TLS', 'TLSRoute', 'gateway.networking.k8s.io/v1'],
    ['TCP', 'TCPRoute', 'gateway.networking.k8s.io/v1'],
    ['UDP', 'UDPRoute', 'gateway.networking.k8s.io/v1'],
  ])('a %s listener gets a %s', (protocol, kind, apiVersion) => {
    expect(routeKindForProtocol(protocol)).toBe(kind)
    const route = newRouteFor(
      { kind: 'Gateway', namespace: 'infra', name: 'edge', listener: 'l', protocol },
      'n',
    )
    expect(route).toMatchObject({ apiVersion, kind, metadata: { name: 'n', namespace: 'infra' } })
    expect((route.spec as { parentRefs: unknown[] }).parentRefs).toEqual([{ name: 'edge', sectionName: 'l' }])
  })

  it('names the kind of a ListenerSet parent', () => {
    const route = newRouteFor(
      { kind: 'ListenerSet', namespace: 'team', name: 'ls', listener: 'web', protocol: 'HTTP' },
      'n',
    )
    expect((route.spec as { parentRefs: unknown[] }).parentRefs).toEqual([
      { kind: 'ListenerSet', name: 'ls', sectionName: 'web' },
    ])
  })
})

describe('cloneObject', () => {
  it('renames and forgets the original identity', () => {
    const copy = cloneObject(stored, 'r-copy')
    expect(copy.metadata).toEqual({ name: 'r-copy', namespace: 'shop', labels: { app: 'web' } })
    expect((copy as { status?: unknown }).status).toBeUndefined()
  })
})
