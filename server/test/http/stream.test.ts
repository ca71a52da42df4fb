// The stream protocol over a real WebSocket: snapshot, ordered deltas, resume without loss or
// duplicates, fresh snapshots when resuming is impossible, and bounded memory for stalled tabs.
import { parseServerMessage, type ServerMessage, type StreamEvent } from '@gatemap/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import { ResourceStore } from '../../src/store/resource-store.ts'
import { StreamHub } from '../../src/stream/hub.ts'
import { messages, route, startTestServer, type TestServer } from './helpers.ts'

let server: TestServer
let cookie: string
beforeAll(async () => {
  server = await startTestServer()
  ;({ cookie } = await server.login())
})
afterAll(() => server.close())

async function open(ws: WebSocket) {
  await new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('error', reject)
  })
}

function subscribe(ws: WebSocket, from?: { epoch: string; seq: number }) {
  ws.send(JSON.stringify({ type: 'subscribe', ...(from ?? {}) }))
}

describe('stream', () => {
  it('every message the server sends passes the shared schema', async () => {
    server.source.put(route('schema-check'))
    const ws = server.socket({ cookie })
    const inbox = messages(ws)
    await open(ws)
    subscribe(ws)
    await inbox.next(2)
    server.source.put(route('schema-check-2'))
    const received = await inbox.next(3)
    for (const m of received) expect(parseServerMessage(JSON.stringify(m)).ok).toBe(true)
    expect(received.map((m) => m.type)).toEqual(['hello', 'snapshot', 'delta'])
    ws.close()
  })

  it('sends a snapshot, then added / modified / deleted in order with increasing sequence numbers', async () => {
    const ws = server.socket({ cookie })
    const inbox = messages(ws)
    await open(ws)
    subscribe(ws)
    const [hello, snapshot] = (await inbox.next(2)) as [ServerMessage, ServerMessage]
    expect(hello).toMatchObject({ type: 'hello', protocol: 1, epoch: server.store.epoch })
    expect(snapshot).toMatchObject({ type: 'snapshot', reason: 'initial', seq: server.store.seq })
    server.source.put(route('ordered'))
    server.source.put(route('ordered', 'default', ['a.example']))
    server.store.remove('HTTPRoute', 'default', 'ordered')
    const deltas = (await inbox.next(5)).slice(2) as StreamEvent[]
    expect(deltas.map((d) => d.type === 'delta' && d.op)).toEqual(['added', 'modified', 'deleted'])
    const seqs = deltas.map((d) => d.seq)
    expect(seqs).toEqual([seqs[0], seqs[0]! + 1, seqs[0]! + 2])
    expect(seqs[0]).toBe((snapshot as { seq: number }).seq + 1)
    const modified = deltas[1] as Extract<StreamEvent, { type: 'delta' }>
    expect(modified.object.metadata.resourceVersion).toBeDefined()
    ws.close()
  })

  it('a tab that reconnects with its sequence number gets exactly what it missed', async () => {
    const first = server.socket({ cookie })
    const inbox = messages(first)
    await open(first)
    subscribe(first)
    await inbox.next(2)
    server.source.put(route('before-drop'))
    const seen = await inbox.next(3)
    const lastSeq = (seen[2] as { seq: number }).seq
    first.close()
    // Changes while the tab is away:
    server.source.put(route('while-away-1'))
    server.source.put(route('while-away-2'))
    server.store.remove('HTTPRoute', 'default', 'before-drop')
    const second = server.socket({ cookie })
    const inbox2 = messages(second)
    await open(second)
    subscribe(second, { epoch: server.store.epoch, seq: lastSeq })
    const replay = await inbox2.next(5)
    expect(replay.map((m) => m.type)).toEqual(['hello', 'delta', 'delta', 'delta', 'resumed'])
    const seqs = replay.slice(1, 4).map((m) => (m as { seq: number }).seq)
    expect(seqs).toEqual([lastSeq + 1, lastSeq + 2, lastSeq + 3])
    expect(replay[4]).toMatchObject({ type: 'resumed', replayed: 3, seq: lastSeq + 3 })
    // And it continues live from there, with no duplicate.
    server.source.put(route('after-resume'))
    const next = (await inbox2.next(6))[5] as { seq: number }
    expect(next.seq).toBe(lastSeq + 4)
    second.close()
  })

  it('another epoch (a restarted server) or a sequence too old for the log gets a fresh snapshot', async () => {
    const ws = server.socket({ cookie })
    const inbox = messages(ws)
    await open(ws)
    subscribe(ws, { epoch: 'some-earlier-run', seq: 3 })
    expect((await inbox.next(2))[1]).toMatchObject({ type: 'snapshot', reason: 'epoch' })
    ws.close()
    // The test store keeps 50 events; push the log well past the start.
    for (let i = 0; i < 80; i++) server.source.put(route(`churn-${i % 5}`, 'default', [`h${i}.example`]))
    const late = server.socket({ cookie })
    const inbox2 = messages(late)
    await open(late)
    subscribe(late, { epoch: server.store.epoch, seq: 1 })
    const snapshot = (await inbox2.next(2))[1] as Extract<ServerMessage, { type: 'snapshot' }>
    expect(snapshot).toMatchObject({ type: 'snapshot', reason: 'behind' })
    expect(snapshot.objects.length).toBe(server.store.size)
    late.close()
  })

  it('a malformed client message closes the socket with a reason', async () => {
    const ws = server.socket({ cookie })
    const inbox = messages(ws)
    await open(ws)
    ws.send('{"type":"subscribe","seq":-4}')
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
    expect((await inbox.next(1))[0]).toMatchObject({ type: 'error' })
    expect(await closed).toBe(1008)
  })
})

/** A socket whose send buffer we control, standing in for a tab that stopped reading. */
class StalledSocket {
  bufferedAmount = 0
  /** While stalled, everything sent stays buffered. */
  stalled = false
  readyState = 1
  sent: string[] = []
  private handlers = new Map<string, ((...args: unknown[]) => void)[]>()
  send(text: string) {
    this.sent.push(text)
    if (this.stalled) this.bufferedAmount += text.length
  }
  on(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler])
  }
  close() {
    this.readyState = 3
  }
  /** The tab stops reading: everything sent from now on stays buffered. */
  stall() {
    this.stalled = true
    this.bufferedAmount = 10_000
  }
  /** It reads again; what it had received so far is forgotten by the test. */
  resume() {
    this.sent = []
    this.stalled = false
    this.bufferedAmount = 0
  }
  emit(event: string, ...args: unknown[]) {
    for (const h of this.handlers.get(event) ?? []) h(...args)
  }
}

/** A hub with one subscribed tab on a StalledSocket. */
async function subscribedTab(queueLimit: number, queueBytes?: number) {
  const store = new ResourceStore()
  const hub = new StreamHub(
    store,
    { mode: 'folder', name: 't', readOnly: false },
    { queueLimit, maxBufferedBytes: 1000, drainCheckMs: 5, ...(queueBytes ? { queueBytes } : {}) },
  )
  const socket = new StalledSocket()
  hub.accept(socket as unknown as WebSocket)
  socket.emit('message', Buffer.from('{"type":"subscribe"}'), false)
  await new Promise((resolve) => setImmediate(resolve))
  return { store, hub, socket }
}

describe('a stalled tab', () => {
  it('holds at most queueLimit events, then gets one fresh snapshot once it drains', async () => {
    const { store, hub, socket } = await subscribedTab(10)
    expect(socket.sent.map((t) => JSON.parse(t).type)).toEqual(['hello', 'snapshot'])
    socket.stall()
    for (let i = 0; i < 1000; i++)
      store.upsert({
        ...route(`r${i}`),
        metadata: { name: `r${i}`, namespace: 'a', resourceVersion: String(i) },
      })
    expect(socket.sent).toHaveLength(2)
    expect(hub.counters.overflows).toBe(1)
    socket.resume()
    await new Promise((resolve) => setTimeout(resolve, 50))
    const after = socket.sent.map((t) => JSON.parse(t))
    expect(after.map((m) => m.type)).toEqual(['snapshot'])
    expect(after[0]).toMatchObject({ reason: 'overflow', seq: store.seq })
    expect(after[0].objects).toHaveLength(1000)
    hub.close()
  })

  it('holds at most queueBytes bytes however few the events, then gets a fresh snapshot', async () => {
    const { store, hub, socket } = await subscribedTab(1000, 100_000)
    socket.stall()
    for (let i = 0; i < 5; i++)
      store.upsert({
        ...route('large'),
        metadata: {
          name: 'large',
          namespace: 'a',
          resourceVersion: String(i),
          annotations: { pad: 'x'.repeat(30_000) },
        },
      })
    expect(hub.counters.overflows).toBe(1)
    socket.resume()
    await new Promise((resolve) => setTimeout(resolve, 50))
    const after = socket.sent.map((t) => JSON.parse(t))
    expect(after.map((m) => [m.type, m.reason])).toEqual([['snapshot', 'overflow']])
    hub.close()
  })

  it('a short stall is bridged by the queue, in order, without a snapshot', async () => {
    const { store, hub, socket } = await subscribedTab(100)
    socket.stall()
    for (let i = 0; i < 20; i++)
      store.upsert({
        ...route(`q${i}`),
        metadata: { name: `q${i}`, namespace: 'a', resourceVersion: String(i) },
      })
    socket.resume()
    await new Promise((resolve) => setTimeout(resolve, 50))
    const seqs = socket.sent.map((t) => JSON.parse(t).seq)
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    expect(hub.counters.overflows).toBe(0)
    hub.close()
  })
})
