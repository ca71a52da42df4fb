// Reference defaults as the Gateway API defines them: parentRef → gateway.networking.k8s.io Gateway
// in the route's namespace; backendRef → core Service in the route's namespace; certificateRef →
// core Secret; caCertificateRef → core ConfigMap; a policy targetRef is always local.
import { describe, expect, it } from 'vitest'
import {
  groupKind,
  namespacedName,
  resolveBackendRef,
  resolveCaCertificateRef,
  resolveCertificateRef,
  resolveListenerSetParentRef,
  resolveParentRef,
  resolvePolicyTargetRef,
  sameParentRef,
} from '../../src/refs.ts'
import type { ParentReference } from '../../src/types/gateway.ts'

const G = 'gateway.networking.k8s.io'

describe('resolveParentRef', () => {
  it.each<[string, ParentReference, object]>([
    ['all defaults', { name: 'gw' }, { group: G, kind: 'Gateway', namespace: 'apps', name: 'gw' }],
    [
      'explicit namespace kept',
      { name: 'gw', namespace: 'infra' },
      { group: G, kind: 'Gateway', namespace: 'infra', name: 'gw' },
    ],
    [
      'sectionName and port kept',
      { name: 'gw', sectionName: 'https', port: 443 },
      { group: G, kind: 'Gateway', namespace: 'apps', name: 'gw', sectionName: 'https', port: 443 },
    ],
    [
      'Service parent with group "" stays core',
      { group: '', kind: 'Service', name: 'svc' },
      { group: '', kind: 'Service', namespace: 'apps', name: 'svc' },
    ],
    [
      'Service kind without group keeps the Gateway API group',
      { kind: 'Service', name: 'svc' },
      { group: G, kind: 'Service', namespace: 'apps', name: 'svc' },
    ],
    [
      'explicit ListenerSet kind and group kept',
      { group: G, kind: 'ListenerSet', name: 'ls', namespace: 'other' },
      { group: G, kind: 'ListenerSet', namespace: 'other', name: 'ls' },
    ],
    [
      'foreign group kept',
      { group: 'example.io', kind: 'Mesh', name: 'm' },
      { group: 'example.io', kind: 'Mesh', namespace: 'apps', name: 'm' },
    ],
    [
      'port 0 is kept, not dropped',
      { name: 'gw', port: 0 },
      { group: G, kind: 'Gateway', namespace: 'apps', name: 'gw', port: 0 },
    ],
  ])('%s', (_name, ref, expected) => {
    expect(resolveParentRef(ref, 'apps')).toStrictEqual(expected)
  })
})

describe('sameParentRef', () => {
  it.each<[string, ParentReference, ParentReference, boolean]>([
    ['identical', { name: 'gw' }, { name: 'gw' }, true],
    [
      'defaults written out vs left out',
      { name: 'gw' },
      { group: G, kind: 'Gateway', namespace: 'apps', name: 'gw' },
      true,
    ],
    ['other name', { name: 'gw' }, { name: 'gw2' }, false],
    ['other namespace', { name: 'gw' }, { name: 'gw', namespace: 'infra' }, false],
    ['route namespace written out', { name: 'gw', namespace: 'apps' }, { name: 'gw' }, true],
    ['other kind', { name: 'gw' }, { kind: 'ListenerSet', name: 'gw' }, false],
    [
      'core vs gateway group',
      { group: '', kind: 'Service', name: 's' },
      { kind: 'Service', name: 's' },
      false,
    ],
    ['sectionName on one side only', { name: 'gw', sectionName: 'http' }, { name: 'gw' }, false],
    [
      'different sectionName',
      { name: 'gw', sectionName: 'http' },
      { name: 'gw', sectionName: 'https' },
      false,
    ],
    ['same sectionName', { name: 'gw', sectionName: 'http' }, { name: 'gw', sectionName: 'http' }, true],
    ['port on one side only', { name: 'gw', port: 80 }, { name: 'gw' }, false],
    ['different port', { name: 'gw', port: 80 }, { name: 'gw', port: 443 }, false],
    [
      'same sectionName and port',
      { name: 'gw', sectionName: 'a', port: 80 },
      { name: 'gw', sectionName: 'a', port: 80 },
      true,
    ],
  ])('%s -> %s', (_name, a, b, expected) => {
    expect(sameParentRef(a, b, 'apps')).toBe(expected)
    expect(sameParentRef(b, a, 'apps')).toBe(expected)
  })
})

describe('resolveBackendRef', () => {
  it.each([
    [{ name: 'svc' }, { group: '', kind: 'Service', namespace: 'apps', name: 'svc' }],
    [
      { name: 'svc', port: 8080 },
      { group: '', kind: 'Service', namespace: 'apps', name: 'svc', port: 8080 },
    ],
    [
      { name: 'svc', namespace: 'backends', port: 80 },
      { group: '', kind: 'Service', namespace: 'backends', name: 'svc', port: 80 },
    ],
    [
      { group: '', kind: 'Service', name: 'svc' },
      { group: '', kind: 'Service', namespace: 'apps', name: 'svc' },
    ],
    [
      { group: 'multicluster.x-k8s.io', kind: 'ServiceImport', name: 'si', port: 80 },
      { group: 'multicluster.x-k8s.io', kind: 'ServiceImport', namespace: 'apps', name: 'si', port: 80 },
    ],
  ])('%j', (ref, expected) => {
    expect(resolveBackendRef(ref, 'apps')).toStrictEqual(expected)
  })
})

describe('resolveCertificateRef', () => {
  it.each([
    [{ name: 'tls' }, { group: '', kind: 'Secret', namespace: 'infra', name: 'tls' }],
    [
      { name: 'tls', namespace: 'certs' },
      { group: '', kind: 'Secret', namespace: 'certs', name: 'tls' },
    ],
    [
      { group: 'example.io', kind: 'Cert', name: 'c' },
      { group: 'example.io', kind: 'Cert', namespace: 'infra', name: 'c' },
    ],
  ])('%j', (ref, expected) => {
    expect(resolveCertificateRef(ref, 'infra')).toStrictEqual(expected)
  })
})

describe('resolveCaCertificateRef', () => {
  it.each([
    [{ name: 'ca' }, { group: '', kind: 'ConfigMap', namespace: 'infra', name: 'ca' }],
    [
      { name: 'ca', namespace: 'certs' },
      { group: '', kind: 'ConfigMap', namespace: 'certs', name: 'ca' },
    ],
    [
      { group: '', kind: 'Secret', name: 'ca' },
      { group: '', kind: 'Secret', namespace: 'infra', name: 'ca' },
    ],
  ])('%j', (ref, expected) => {
    expect(resolveCaCertificateRef(ref, 'infra')).toStrictEqual(expected)
  })
})

describe('resolveListenerSetParentRef', () => {
  it.each([
    [{ name: 'gw' }, { group: G, kind: 'Gateway', namespace: 'team', name: 'gw' }],
    [
      { name: 'gw', namespace: 'infra' },
      { group: G, kind: 'Gateway', namespace: 'infra', name: 'gw' },
    ],
    [
      { group: 'example.io', kind: 'Other', name: 'o' },
      { group: 'example.io', kind: 'Other', namespace: 'team', name: 'o' },
    ],
  ])('%j', (ref, expected) => {
    expect(resolveListenerSetParentRef(ref, 'team')).toStrictEqual(expected)
  })
})

describe('resolvePolicyTargetRef', () => {
  it.each([
    [
      { group: '', kind: 'Service', name: 'svc' },
      { group: '', kind: 'Service', namespace: 'apps', name: 'svc' },
    ],
    [
      { group: '', kind: 'Service', name: 'svc', sectionName: 'https' },
      { group: '', kind: 'Service', namespace: 'apps', name: 'svc', sectionName: 'https' },
    ],
    [
      // a namespace smuggled into a targetRef is ignored: policies only target their own namespace
      { group: '', kind: 'Service', name: 'svc', namespace: 'elsewhere' },
      { group: '', kind: 'Service', namespace: 'apps', name: 'svc' },
    ],
  ])('%j', (ref, expected) => {
    expect(resolvePolicyTargetRef(ref, 'apps')).toStrictEqual(expected)
  })
})

describe('groupKind', () => {
  it.each([
    ['', 'Service', 'Service'],
    ['', 'Secret', 'Secret'],
    [G, 'Gateway', 'gateway.networking.k8s.io/Gateway'],
    ['example.io', 'Thing', 'example.io/Thing'],
  ])('%j %s -> %s', (group, kind, expected) => {
    expect(groupKind(group, kind)).toBe(expected)
  })
})

describe('namespacedName', () => {
  it.each([
    [{ namespace: 'infra', name: 'shared' }, 'infra/shared'],
    [{ name: 'cluster-wide' }, 'cluster-wide'],
    [{ namespace: undefined, name: 'gc' }, 'gc'],
    [{ namespace: '', name: 'gc' }, 'gc'],
  ])('%j -> %s', (ref, expected) => {
    expect(namespacedName(ref)).toBe(expected)
  })
})
