import type { StreamEvent, WireObject } from '@gatemap/shared'
import { describe, expect, it } from 'vitest'
import { ResourceStore } from '../src/store/resource-store.ts'

const svc = (name: string, rv: string, ns = 'a'): WireObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: ns, resourceVersion: rv },
})

function recorded(store: ResourceStore) {
  const events: StreamEvent[] = []
  store.subscribe((e) => events.push(e))
  return events
}

describe('ResourceStore', () => {
  it('emits nothing for an unchanged object, and modified for a new resourceVersion', () => {
    const store = new ResourceStore()
    const events = recorded(store)
    store.upsert(svc('x', '1'))
    store.upsert(svc('x', '1'))
    store.upsert(svc('x', '2'))
    expect(events.map((e) => e.type === 'delta' && e.op)).toEqual(['added', 'modified'])
  })

  it('a folder object that moved to another line is modified even with the same content', () => {
    const store = new ResourceStore()
    const events = recorded(store)
    store.upsert(svc('x', 'folder-1'), { file: 'a.yaml', line: 5 })
    store.upsert(svc('x', 'folder-1'), { file: 'a.yaml', line: 2 })
    expect(events).toHaveLength(2)
    expect(store.get('Service', 'a', 'x')?.origin).toEqual({ file: 'a.yaml', line: 2 })
  })

  it('replaceKind (a relist) emits only the differences', () => {
    const store = new ResourceStore()
    store.replaceKind('', 'Service', [svc('keep', '1'), svc('change', '1'), svc('gone', '1')])
    const events = recorded(store)
    store.replaceKind('', 'Service', [svc('keep', '1'), svc('change', '2'), svc('new', '1')])
    expect(events.map((e) => e.type === 'delta' && `${e.op}:${e.object.metadata.name}`).sort()).toEqual([
      'added:new',
      'deleted:gone',
      'modified:change',
    ])
    expect(store.countOf('', 'Service')).toBe(3)
  })

  it('replays events after a sequence number while they are in the log, and says when they are not', () => {
    const store = new ResourceStore({ logSize: 10 })
    for (let i = 0; i < 5; i++) store.upsert(svc(`s${i}`, '1'))
    expect(store.since(2)?.map((e) => e.seq)).toEqual([3, 4, 5])
    expect(store.since(5)).toEqual([])
    expect(store.since(6)).toBeUndefined()
    for (let i = 0; i < 40; i++) store.upsert(svc('churn', String(i + 2)))
    expect(store.since(2)).toBeUndefined()
    const recent = store.since(store.seq - 3)
    expect(recent?.map((e) => e.seq)).toEqual([store.seq - 2, store.seq - 1, store.seq])
  })

  it('keeps the log within its byte budget: only the newest events, as text, and a tab further back is told so', () => {
    const budget = 1024 * 1024
    const store = new ResourceStore({ logBytes: budget })
    const big = (rv: number): WireObject => ({
      ...svc('big', String(rv)),
      spec: { note: 'x'.repeat(100_000) },
    })
    for (let i = 0; i < 40; i++) store.upsert(big(i))
    const held = store.logHeld
    expect(held.bytes).toBeLessThanOrEqual(budget)
    expect(held.events).toBeLessThan(40)
    expect(held.events).toBeGreaterThan(5)
    expect(store.since(1)).toBeUndefined()
    const recent = store.since(store.seq - 1)
    expect(recent?.map((e) => e.seq)).toEqual([store.seq])
    expect(JSON.parse(recent?.[0]?.text ?? '{}')).toMatchObject({
      type: 'delta',
      seq: store.seq,
      op: 'modified',
    })
  })

  it('an event larger than the whole budget leaves nothing to replay rather than breaking the budget', () => {
    const store = new ResourceStore({ logBytes: 10_000 })
    store.upsert(svc('small', '1'))
    store.upsert({ ...svc('huge', '1'), spec: { note: 'x'.repeat(20_000) } })
    expect(store.logHeld).toEqual({ events: 0, bytes: 0 })
    expect(store.since(store.seq - 1)).toBeUndefined()
    expect(store.since(store.seq)).toEqual([])
  })

  it('knows about the size of a snapshot without making one', () => {
    const store = new ResourceStore()
    store.upsert({ ...svc('a', '1'), spec: { note: 'x'.repeat(5000) } })
    store.upsert(svc('b', '1'))
    store.setFileState({ file: 'a.yaml', state: 'ok', objects: 2 })
    const snapshot = JSON.stringify(store.snapshot())
    expect(store.snapshotBytes).toBeGreaterThan(snapshot.length * 0.9)
    expect(store.snapshotBytes).toBeLessThan(snapshot.length * 1.5)
    store.remove('Service', 'a', 'a')
    store.removeFileState('a.yaml')
    expect(store.snapshotBytes).toBeLessThan(300)
  })

  it('kind and file states emit only on change; a removed file state says so', () => {
    const store = new ResourceStore()
    const events = recorded(store)
    const state = { group: '', kind: 'Service', version: 'v1', state: 'ok' as const, count: 0 }
    store.setKindState(state)
    store.setKindState({ ...state })
    store.setFileState({ file: 'a.yaml', state: 'ok', objects: 1 })
    store.removeFileState('a.yaml')
    expect(events.map((e) => e.type)).toEqual(['kind-state', 'file-state', 'file-state'])
    expect(events[2]).toMatchObject({ removed: true })
  })
})

describe('a failing reader', () => {
  it('does not stop the other readers or the writer', () => {
    const failures: unknown[] = []
    const store = new ResourceStore({ onListenerError: (error) => failures.push(error) })
    store.subscribe(() => {
      throw new Error('unexpected object')
    })
    const events = recorded(store)
    store.upsert(svc('x', '1'))
    store.upsert(svc('y', '1'))
    expect(events).toHaveLength(2)
    expect(failures).toHaveLength(2)
    expect(store.size).toBe(2)
  })
})

describe('the analysis follows any object', () => {
  it('malformed Gateway API objects reach the store and the analysis without an exception', async () => {
    const { AnalysisService } = await import('../src/analysis/service.ts')
    const failures: unknown[] = []
    const store = new ResourceStore({ onListenerError: (error) => failures.push(error) })
    const analysis = new AnalysisService(store)
    const weird = [
      { spec: { listeners: 'not-a-list', gatewayClassName: 7 } },
      { spec: null },
      { spec: { parentRefs: [null, 3, { name: {} }], rules: 'x', hostnames: [1] } },
    ]
    weird.forEach((extra, i) => {
      store.upsert({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: i === 0 ? 'Gateway' : 'HTTPRoute',
        metadata: { name: `w${i}`, namespace: 'a', resourceVersion: '1' },
        ...extra,
      } as WireObject)
    })
    expect(() => analysis.statusOf('HTTPRoute', 'a', 'w2')).not.toThrow()
    expect(failures).toEqual([])
    // What could not be judged is said, not hidden; the well-formed rest is still analysed.
    const { findings } = await import('@gatemap/shared')
    const failed = findings(analysis.analyzer).filter((f) => f.code === 'AnalysisFailed')
    expect(failed.map((f) => f.object.name)).toEqual(
      [...analysis.analyzer.failures.keys()].map((k) => k.split('/')[2]),
    )
    expect(failed.length).toBeGreaterThan(0)
  })
})

describe('the analysis and unreadable kinds', () => {
  it('judges certificateRefs again as "cannot check" once Secrets turn out forbidden, and back', async () => {
    const { AnalysisService } = await import('../src/analysis/service.ts')
    const store = new ResourceStore()
    const analysis = new AnalysisService(store)
    store.upsert({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'gc', resourceVersion: '1' },
      spec: { controllerName: 'example.com/c' },
    } as WireObject)
    store.upsert({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'gw', namespace: 'a', resourceVersion: '1', generation: 1 },
      spec: {
        gatewayClassName: 'gc',
        listeners: [
          { name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'cert' }] } },
        ],
      },
    } as WireObject)
    const resolvedRefs = () => {
      const status = analysis.statusOf('Gateway', 'a', 'gw') as {
        listeners: { conditions: { type: string; reason: string }[] }[]
      }
      return status.listeners[0]?.conditions.find((c) => c.type === 'ResolvedRefs')?.reason
    }
    const secrets = (state: 'ok' | 'forbidden') =>
      store.setKindState({ group: '', kind: 'Secret', version: 'v1', state, count: 0 })
    secrets('ok')
    expect(resolvedRefs()).toBe('InvalidCertificateRef')
    secrets('forbidden')
    // Neither missing nor resolved: a Secret Gatemap may not read cannot be checked.
    expect(resolvedRefs()).toBe('CannotCheck')
    const check = analysis.analyzer.gateway('a', 'gw')?.listeners[0]?.checks.find((c) => c.outcome === 'warn')
    expect(check?.message).toBe('Cannot check Secret a/cert: no permission to read Secrets.')
    secrets('ok')
    expect(resolvedRefs()).toBe('InvalidCertificateRef')
  })
})
