import { describe, expect, it } from 'vitest'
import { coreResource } from '../../src/sources/cluster/discovery.ts'
import { ApiError } from '../../src/sources/cluster/http.ts'
import { normalize, stripManagedFields } from '../../src/sources/cluster/objects.ts'
import { rulesAllowList } from '../../src/sources/cluster/visibility.ts'
import { toWriteError } from '../../src/sources/cluster/writer.ts'
import { WriteError } from '../../src/sources/source.ts'

const secret = coreResource('Secret')!

describe('normalize', () => {
  it('turns PartialObjectMetadata back into the kind it describes, metadata only', () => {
    const raw = {
      apiVersion: 'meta.k8s.io/v1',
      kind: 'PartialObjectMetadata',
      metadata: { name: 'tls', namespace: 'a', resourceVersion: '7', managedFields: [{ manager: 'x' }] },
      data: { 'tls.key': 'c2VjcmV0' },
    }
    expect(normalize(raw, secret, true)).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'tls', namespace: 'a', resourceVersion: '7' },
    })
  })

  it('fills apiVersion and kind of list items and drops managedFields', () => {
    const routes = {
      group: 'gateway.networking.k8s.io',
      version: 'v1',
      kind: 'HTTPRoute',
      plural: 'httproutes',
      namespaced: true,
    }
    const out = normalize(
      { metadata: { name: 'r', managedFields: [] }, spec: { hostnames: ['a'] } },
      routes,
      false,
    )
    expect(out).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'r' },
      spec: { hostnames: ['a'] },
    })
  })

  it('rejects what is not an object with a name', () => {
    expect(normalize(null, secret, true)).toBeUndefined()
    expect(normalize({ metadata: {} }, secret, true)).toBeUndefined()
  })

  it('leaves the original untouched', () => {
    const object = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', managedFields: [] as unknown[] },
    }
    expect(stripManagedFields(object).metadata).toEqual({ name: 'c' })
    expect(object.metadata.managedFields).toEqual([])
  })
})

describe('rulesAllowList', () => {
  const routes = { group: 'gateway.networking.k8s.io', plural: 'httproutes' }
  it('needs list on the group and resource, with wildcards', () => {
    expect(
      rulesAllowList(
        [{ verbs: ['get', 'list'], apiGroups: [routes.group], resources: ['httproutes'] }],
        routes,
      ),
    ).toBe(true)
    expect(rulesAllowList([{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], routes)).toBe(true)
    expect(
      rulesAllowList([{ verbs: ['get'], apiGroups: [routes.group], resources: ['httproutes'] }], routes),
    ).toBe(false)
    expect(rulesAllowList([{ verbs: ['list'], apiGroups: [''], resources: ['httproutes'] }], routes)).toBe(
      false,
    )
    expect(
      rulesAllowList([{ verbs: ['list'], apiGroups: [routes.group], resources: ['grpcroutes'] }], routes),
    ).toBe(false)
  })
  it('does not count rules limited to named objects', () => {
    const rule = {
      verbs: ['list'],
      apiGroups: [routes.group],
      resources: ['httproutes'],
      resourceNames: ['one'],
    }
    expect(rulesAllowList([rule], routes)).toBe(false)
  })
})

describe('toWriteError', () => {
  it('keeps status, reason, message and causes of a Status', () => {
    const error = toWriteError(
      new ApiError(422, {
        reason: 'Invalid',
        message: 'HTTPRoute "r" is invalid',
        details: {
          causes: [{ field: 'spec.rules[0]', message: 'bad', reason: 'FieldValueInvalid' }, { message: 'm' }],
        },
      }),
    )
    expect(error).toBeInstanceOf(WriteError)
    expect([error.status, error.reason, error.message]).toEqual([422, 'Invalid', 'HTTPRoute "r" is invalid'])
    expect(error.causes).toEqual([
      { field: 'spec.rules[0]', message: 'bad', reason: 'FieldValueInvalid' },
      { message: 'm' },
    ])
  })
  it('makes network failures a 503', () => {
    const error = toWriteError(new Error('connect ECONNREFUSED'))
    expect(error.status).toBe(503)
    expect(error.message).toContain('ECONNREFUSED')
  })
})
