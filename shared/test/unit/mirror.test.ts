import { describe, expect, it } from 'vitest'
import { applyMessage, createMirror, subscribeMessage } from '../../src/wire/mirror.ts'
import type { ServerMessage } from '../../src/wire/protocol.ts'

const route = (name: string, rv: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name, namespace: 'a', resourceVersion: rv },
})
const snapshot = (seq: number, names: string[]): ServerMessage => ({
  type: 'snapshot',
  seq,
  epoch: 'e1',
  reason: 'initial',
  objects: names.map((n) => ({ object: route(n, '1') })),
  kinds: [
    {
      group: 'gateway.networking.k8s.io',
      kind: 'HTTPRoute',
      version: 'v1',
      state: 'ok',
      count: names.length,
    },
  ],
  files: [{ file: 'a.yaml', state: 'ok', objects: 1 }],
})
const delta = (seq: number, op: 'added' | 'modified' | 'deleted', name: string, rv = '2'): ServerMessage => ({
  type: 'delta',
  seq,
  op,
  object: route(name, rv),
})

describe('mirror', () => {
  it('starts from a snapshot and follows added, modified and deleted', () => {
    const m = createMirror()
    expect(subscribeMessage(m)).toEqual({ type: 'subscribe' })
    applyMessage(m, snapshot(10, ['x', 'y']))
    expect([...m.objects.keys()]).toEqual(['HTTPRoute/a/x', 'HTTPRoute/a/y'])
    expect(applyMessage(m, delta(11, 'added', 'z'))).toBe('ok')
    expect(applyMessage(m, delta(12, 'modified', 'x', '5'))).toBe('ok')
    expect(applyMessage(m, delta(13, 'deleted', 'y'))).toBe('ok')
    expect([...m.objects.keys()].sort()).toEqual(['HTTPRoute/a/x', 'HTTPRoute/a/z'])
    expect(m.objects.get('HTTPRoute/a/x')?.object.metadata.resourceVersion).toBe('5')
    expect(subscribeMessage(m)).toEqual({ type: 'subscribe', epoch: 'e1', seq: 13 })
  })

  it('ignores events it already has and reports a gap for a missing one', () => {
    const m = createMirror()
    applyMessage(m, snapshot(10, ['x']))
    expect(applyMessage(m, delta(10, 'deleted', 'x'))).toBe('ok')
    expect(m.objects.size).toBe(1)
    expect(applyMessage(m, delta(12, 'added', 'q'))).toBe('gap')
    expect(m.objects.has('HTTPRoute/a/q')).toBe(false)
    expect(m.seq).toBe(10)
  })

  it('keeps kind and file states, and forgets removed files', () => {
    const m = createMirror()
    applyMessage(m, snapshot(1, []))
    applyMessage(m, {
      type: 'kind-state',
      seq: 2,
      state: {
        group: 'gateway.networking.k8s.io',
        kind: 'HTTPRoute',
        version: null,
        state: 'forbidden',
        count: 0,
      },
    })
    expect(m.kinds.get('gateway.networking.k8s.io/HTTPRoute')?.state).toBe('forbidden')
    applyMessage(m, {
      type: 'file-state',
      seq: 3,
      state: { file: 'a.yaml', state: 'error', objects: 1, error: { message: 'bad', line: 2, column: 1 } },
    })
    expect(m.files.get('a.yaml')?.state).toBe('error')
    applyMessage(m, {
      type: 'file-state',
      seq: 4,
      state: { file: 'a.yaml', state: 'ok', objects: 0 },
      removed: true,
    })
    expect(m.files.size).toBe(0)
  })
})
