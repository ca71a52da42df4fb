// A resume never costs more than a snapshot: a tab that asks to resume from long ago (seq 0, or an
// old sequence number) after many changes of a large object gets the current state instead of every
// change since, and a recent resume is still a replay. Over a real WebSocket.
import type { AddressInfo } from 'node:net'
import type { ServerMessage, WireObject } from '@gatemap/shared'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { CrdRegistry } from '../../src/crds/registry.ts'
import { buildServer } from '../../src/http/app.ts'
import { Auth } from '../../src/http/auth.ts'
import { loopbackPolicy } from '../../src/http/security.ts'
import { ResourceStore } from '../../src/store/resource-store.ts'
import { MemorySource } from './helpers.ts'

const TOKEN = 'resume-cost-token-0123456789'
let app: FastifyInstance
let store: ResourceStore
let source: MemorySource
let url: string

const bigRoute = (name: string, revision: number): WireObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: {
    name,
    namespace: 'default',
    annotations: { revision: String(revision), pad: 'x'.repeat(20_000) },
  },
  spec: { parentRefs: [{ name: 'gw' }] },
})

beforeAll(async () => {
  // A log long enough to hold every change, so only the cost rule can refuse the replay.
  store = new ResourceStore({ logSize: 100_000 })
  source = new MemorySource(store)
  ;({ app } = await buildServer({
    source,
    store,
    crds: new CrdRegistry(),
    auth: new Auth('local', TOKEN),
    origins: loopbackPolicy(),
  }))
  await app.listen({ host: '127.0.0.1', port: 0 })
  url = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/stream`
  for (let i = 0; i < 10; i++) source.put(bigRoute(`steady-${i}`, 0))
  for (let i = 0; i < 200; i++) source.put(bigRoute('churn', i))
})
afterAll(() => app.close())

/** Subscribes and collects everything up to the snapshot or the `resumed` message. */
async function resume(seq: number): Promise<{ messages: ServerMessage[]; bytes: number }> {
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${TOKEN}` } })
  const messages: ServerMessage[] = []
  let bytes = 0
  await new Promise<void>((resolve, reject) => {
    ws.on('error', reject)
    ws.on('open', () => ws.send(JSON.stringify({ type: 'subscribe', epoch: store.epoch, seq })))
    ws.on('message', (data) => {
      const text = data.toString()
      bytes += text.length
      const message = JSON.parse(text) as ServerMessage
      messages.push(message)
      if (message.type === 'snapshot' || message.type === 'resumed') resolve()
    })
  })
  ws.close()
  return { messages, bytes }
}

describe('resuming', () => {
  it('from seq 0 after many changes gets one snapshot of the current state', async () => {
    const { messages, bytes } = await resume(0)
    expect(messages.map((m) => m.type)).toEqual(['hello', 'snapshot'])
    const snapshot = messages[1] as Extract<ServerMessage, { type: 'snapshot' }>
    expect(snapshot).toMatchObject({ reason: 'behind', seq: store.seq })
    expect(snapshot.objects).toHaveLength(11)
    // The 200 changes alone are about 4 MB; the state is 11 objects.
    expect(bytes).toBeLessThan(store.snapshotBytes * 1.2)
  })

  it('from an old sequence number gets the snapshot too', async () => {
    const { messages } = await resume(15)
    expect(messages.map((m) => m.type)).toEqual(['hello', 'snapshot'])
  })

  it('from a recent sequence number is still a replay of what was missed', async () => {
    const { messages } = await resume(store.seq - 2)
    expect(messages.map((m) => m.type)).toEqual(['hello', 'delta', 'delta', 'resumed'])
    expect(messages.at(-1)).toMatchObject({ replayed: 2, seq: store.seq })
  })
})
