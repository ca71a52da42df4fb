// References to Secrets and ConfigMaps when RBAC keeps those kinds from Gatemap: each row names a
// reference whose target is absent from the store, and what the analysis must say with the kind
// readable (it is missing) and unreadable (it cannot be checked, and nothing is rejected for it).
import { describe, expect, it } from 'vitest'
import {
  Analyzer,
  type Check,
  type Condition,
  findings,
  type KubeObject,
  type ReferencedCoreKind,
  unreadableFrom,
} from '../../src/index.ts'
import { gateway, gatewayClass, http, namespace } from './fixtures.ts'

const tlsSecret = (ns: string, name: string): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { namespace: ns, name },
    type: 'kubernetes.io/tls',
  }) as KubeObject

const https = (extra: Record<string, unknown> = {}) =>
  http('https', {
    port: 443,
    protocol: 'HTTPS',
    tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert' }] },
    ...extra,
  })

interface Row {
  name: string
  kind: ReferencedCoreKind
  gateway: KubeObject
  /** The condition that a missing target turns False, and its reason then. */
  where: 'listener' | 'gateway'
  condition: string
  missingReason: string
}

const rows: Row[] = [
  {
    name: 'listener certificateRefs',
    kind: 'Secret',
    gateway: gateway('infra', 'gw', [https()]),
    where: 'listener',
    condition: 'ResolvedRefs',
    missingReason: 'InvalidCertificateRef',
  },
  {
    name: 'spec.tls.backend.clientCertificateRef',
    kind: 'Secret',
    gateway: gateway('infra', 'gw', [http('http')], {
      tls: { backend: { clientCertificateRef: { name: 'client' } } },
    }),
    where: 'gateway',
    condition: 'ResolvedRefs',
    missingReason: 'InvalidClientCertificateRef',
  },
  {
    name: 'client-certificate validation caCertificateRefs',
    kind: 'ConfigMap',
    gateway: gateway('infra', 'gw', [https()], {
      tls: {
        frontend: {
          default: { validation: { caCertificateRefs: [{ kind: 'ConfigMap', group: '', name: 'ca' }] } },
        },
      },
    }),
    where: 'listener',
    condition: 'ResolvedRefs',
    missingReason: 'InvalidCACertificateRef',
  },
  {
    name: 'spec.infrastructure.parametersRef',
    kind: 'ConfigMap',
    gateway: gateway('infra', 'gw', [http('http')], {
      infrastructure: { parametersRef: { group: '', kind: 'ConfigMap', name: 'params' } },
    }),
    where: 'gateway',
    condition: 'Accepted',
    missingReason: 'InvalidParameters',
  },
]

const forbidden = (kinds: ReferencedCoreKind[]) =>
  unreadableFrom(kinds.map((kind) => ({ group: '', kind, state: 'forbidden' })))

function judged(row: Row, unreadable: ReferencedCoreKind[]) {
  const analyzer = new Analyzer({ unreadable: forbidden(unreadable) })
  // The listener's own certificate exists unless the row is about it, so only the row's reference is missing.
  const world = [gatewayClass(), namespace('infra'), row.gateway]
  if (row.name !== 'listener certificateRefs') world.push(tlsSecret('infra', 'cert'))
  for (const object of world) analyzer.upsert(object)
  analyzer.refresh()
  const verdict = analyzer.gateway('infra', 'gw')
  if (!verdict) throw new Error('no verdict')
  const holder = row.where === 'gateway' ? verdict : verdict.listeners[0]
  if (!holder) throw new Error('no listener verdict')
  const checks: Check[] = [...verdict.checks, ...verdict.listeners.flatMap((l) => l.checks)]
  const condition = holder.conditions.find((c: Condition) => c.type === row.condition)
  return { condition, checks }
}

describe('references to kinds Gatemap may not read', () => {
  it.each(rows)('$name: missing when $kind is readable', (row) => {
    const { condition } = judged(row, [])
    expect(condition?.status).toBe('False')
    expect(condition?.reason).toBe(row.missingReason)
  })

  it.each(rows)('$name: "cannot check" when $kind is unreadable', (row) => {
    const { condition, checks } = judged(row, [row.kind])
    expect(condition?.reason).not.toBe(row.missingReason)
    // Neither True nor False: whether it holds turns on what may not be read.
    expect([condition?.status, condition?.reason]).toEqual(['Unknown', 'CannotCheck'])
    const warning = checks.find((c) => c.outcome === 'warn' && c.message.includes('no permission'))
    expect(warning?.message).toMatch(new RegExp(`^Cannot check .*: no permission to read ${row.kind}s\\.$`))
  })

  it.each(rows)('$name: the other kind being unreadable changes nothing', (row) => {
    const other: ReferencedCoreKind = row.kind === 'Secret' ? 'ConfigMap' : 'Secret'
    expect(judged(row, [other]).condition?.reason).toBe(row.missingReason)
  })
})

describe('unreadableFrom', () => {
  const state = (group: string, kind: string, s: string) => ({ group, kind, state: s })
  it.each([
    [[state('', 'Secret', 'forbidden')], ['/Secret']],
    [
      [state('', 'Secret', 'forbidden'), state('', 'ConfigMap', 'forbidden')],
      ['/Secret', '/ConfigMap'],
    ],
    [[state('', 'Secret', 'ok'), state('', 'ConfigMap', 'failing')], []],
    [[state('', 'Service', 'forbidden')], ['/Service']],
    [[state('example.com', 'Secret', 'forbidden')], ['example.com/Secret']],
  ])('%j → %j', (states, expected) => {
    expect([...unreadableFrom(states).kinds]).toEqual(expected)
  })
})

describe('findings about references that cannot be checked', () => {
  it.each(rows)('$name: one info finding "CannotCheck" on the field, when $kind is unreadable', (row) => {
    const analyzer = new Analyzer({ unreadable: forbidden([row.kind]) })
    const world = [gatewayClass(), namespace('infra'), row.gateway]
    if (row.name !== 'listener certificateRefs') world.push(tlsSecret('infra', 'cert'))
    for (const object of world) analyzer.upsert(object)
    analyzer.refresh()
    const unchecked = findings(analyzer).filter((f) => f.code === 'CannotCheck')
    expect(unchecked).toHaveLength(1)
    expect(unchecked[0]?.severity).toBe('info')
    expect(unchecked[0]?.message).toMatch(new RegExp(`no permission to read ${row.kind}s\\.$`))
    expect(unchecked[0]?.path).toBeDefined()
    expect(findings(new Analyzer()).filter((f) => f.code === 'CannotCheck')).toEqual([])
  })
})

describe('a listener whose references cannot all be checked', () => {
  const listenerRows = rows.filter((r) => r.where === 'listener')

  it.each(listenerRows)('$name: ResolvedRefs is Unknown (CannotCheck), not True', (row) => {
    const { condition } = judged(row, [row.kind])
    expect(condition?.status).toBe('Unknown')
    expect(condition?.reason).toBe('CannotCheck')
    expect(condition?.message).toMatch(new RegExp(`^Cannot check .*: no permission to read ${row.kind}s\\.$`))
  })

  it.each(listenerRows)(
    '$name: the Gateway stays Accepted and Programmed, its ResolvedRefs summary is Unknown too',
    (row) => {
      const analyzer = new Analyzer({ unreadable: forbidden([row.kind]) })
      const world = [gatewayClass(), namespace('infra'), row.gateway]
      if (row.name !== 'listener certificateRefs') world.push(tlsSecret('infra', 'cert'))
      for (const object of world) analyzer.upsert(object)
      analyzer.refresh()
      const gw = analyzer.gateway('infra', 'gw')
      const of = (conditions: readonly Condition[] | undefined, type: string) =>
        conditions?.find((c) => c.type === type)
      expect(of(gw?.conditions, 'Accepted')).toMatchObject({ status: 'True', reason: 'Accepted' })
      const programmed = of(gw?.conditions, 'Programmed')
      expect(programmed).toMatchObject({ status: 'True', reason: 'Programmed' })
      expect(programmed?.message).not.toMatch(/unresolved/)
      expect(of(gw?.conditions, 'ResolvedRefs')).toMatchObject({
        status: 'Unknown',
        reason: 'CannotCheck',
        message: 'Cannot check the references of listeners: https.',
      })
      // Whether it can be programmed hangs on what cannot be read.
      expect(of(gw?.listeners[0]?.conditions, 'Programmed')).toMatchObject({
        status: 'Unknown',
        reason: 'CannotCheck',
      })
    },
  )

  it('a reference known to fail still decides: False with its reason, beside one that cannot be checked', () => {
    const analyzer = new Analyzer({ unreadable: forbidden(['ConfigMap']) })
    const gw = gateway(
      'infra',
      'gw',
      [https({ tls: { mode: 'Terminate', certificateRefs: [{ name: 'gone' }] } })],
      {
        tls: {
          frontend: {
            default: { validation: { caCertificateRefs: [{ kind: 'ConfigMap', group: '', name: 'ca' }] } },
          },
        },
      },
    )
    for (const object of [gatewayClass(), namespace('infra'), gw]) analyzer.upsert(object)
    analyzer.refresh()
    const verdict = analyzer.gateway('infra', 'gw')
    const resolved = verdict?.listeners[0]?.conditions.find((c) => c.type === 'ResolvedRefs')
    expect(resolved).toMatchObject({ status: 'False', reason: 'InvalidCertificateRef' })
    expect(verdict?.conditions.find((c) => c.type === 'ResolvedRefs')).toMatchObject({
      status: 'False',
      reason: 'ListenersNotResolved',
    })
  })
})

describe('a ListenerSet whose listener certificate cannot be read', () => {
  it('stays Accepted: a listener is not invalid for what Gatemap may not read', () => {
    const parent = gateway('infra', 'gw', [http('http')], {
      allowedListeners: { namespaces: { from: 'Same' } },
    })
    const set: KubeObject = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ListenerSet',
      metadata: { namespace: 'infra', name: 'extra', generation: 1 },
      spec: { parentRef: { name: 'gw' }, listeners: [https()] },
    }
    const accepted = (unreadable: ReferencedCoreKind[]) => {
      const analyzer = new Analyzer({ unreadable: forbidden(unreadable) })
      for (const object of [gatewayClass(), namespace('infra'), parent, set]) analyzer.upsert(object)
      analyzer.refresh()
      return analyzer.listenerSet('infra', 'extra')?.conditions.find((c) => c.type === 'Accepted')
    }
    // Readable and absent, the certificate makes the listener invalid; unreadable, it does not.
    expect(accepted([])).toMatchObject({ status: 'False', reason: 'ListenersNotValid' })
    expect(accepted(['Secret'])).toMatchObject({ status: 'True', reason: 'Accepted' })
  })
})

describe('a Gateway whose backend client certificate cannot be read', () => {
  const clientCert = (ref: Record<string, unknown>, listeners = [http('http')]) =>
    gateway('infra', 'gw', listeners, { tls: { backend: { clientCertificateRef: ref } } })
  const analyse = (gw: KubeObject, unreadable: ReferencedCoreKind[], more: KubeObject[] = []) => {
    const analyzer = new Analyzer({ unreadable: forbidden(unreadable) })
    for (const object of [gatewayClass(), namespace('infra'), gw, ...more]) analyzer.upsert(object)
    analyzer.refresh()
    const verdict = analyzer.gateway('infra', 'gw')
    const of = (type: string) => verdict?.conditions.find((c) => c.type === type)
    return { analyzer, of }
  }

  it('ResolvedRefs is Unknown (CannotCheck), not True, and Accepted and Programmed stay True', () => {
    const { of } = analyse(clientCert({ name: 'client' }), ['Secret'])
    expect(of('ResolvedRefs')).toMatchObject({ status: 'Unknown', reason: 'CannotCheck' })
    expect(of('ResolvedRefs')?.message).toMatch(/^Cannot check .*client.*: no permission to read Secrets\.$/)
    expect(of('Accepted')).toMatchObject({ status: 'True', reason: 'Accepted' })
    expect(of('Programmed')).toMatchObject({ status: 'True', reason: 'Programmed' })
  })

  it('gives one info CannotCheck finding naming the reference, and no other finding for it', () => {
    const { analyzer } = analyse(clientCert({ name: 'client' }), ['Secret'])
    const all = findings(analyzer)
    const unchecked = all.filter((f) => f.code === 'CannotCheck')
    expect(unchecked).toHaveLength(1)
    expect(unchecked[0]).toMatchObject({ severity: 'info', path: 'spec.tls.backend.clientCertificateRef' })
    expect(all.filter((f) => f.severity !== 'info')).toEqual([])
  })

  it('readable and present, it is True; readable and absent, False/InvalidClientCertificateRef', () => {
    expect(
      analyse(clientCert({ name: 'client' }), [], [tlsSecret('infra', 'client')]).of('ResolvedRefs'),
    ).toMatchObject({
      status: 'True',
      reason: 'ResolvedRefs',
    })
    expect(analyse(clientCert({ name: 'client' }), []).of('ResolvedRefs')).toMatchObject({
      status: 'False',
      reason: 'InvalidClientCertificateRef',
    })
  })

  it('a reference known to fail still decides: another namespace with no ReferenceGrant is RefNotPermitted', () => {
    const { of } = analyse(
      clientCert({ name: 'client', namespace: 'certs' }),
      ['Secret'],
      [namespace('certs')],
    )
    expect(of('ResolvedRefs')).toMatchObject({ status: 'False', reason: 'RefNotPermitted' })
  })

  it('a listener known to fail still decides: ListenersNotResolved, False', () => {
    const badKinds = http('http', { allowedRoutes: { kinds: [{ kind: 'NoSuchRoute' }] } })
    const { of } = analyse(clientCert({ name: 'client' }, [badKinds]), ['Secret'])
    expect(of('ResolvedRefs')).toMatchObject({ status: 'False', reason: 'ListenersNotResolved' })
  })

  it('beside a listener that cannot be checked either, the Unknown names both', () => {
    const { of } = analyse(clientCert({ name: 'client' }, [https()]), ['Secret'])
    const resolved = of('ResolvedRefs')
    expect(resolved).toMatchObject({ status: 'Unknown', reason: 'CannotCheck' })
    expect(resolved?.message).toMatch(/clientCertificateRef|client/)
    expect(resolved?.message).toMatch(/Cannot check the references of listeners: https\.$/)
  })
})
