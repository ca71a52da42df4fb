// A tab's side of the stream for tests: validates every message with the shared schema, keeps a
// Mirror, records the deltas in arrival order, and can drop and resume its connection.
import {
  applyMessage,
  createMirror,
  type Mirror,
  parseServerMessage,
  subscribeMessage,
} from '@gatemap/shared'
import type WebSocket from 'ws'

export interface StreamClient {
  mirror: Mirror
  /** Every message as received, across reconnections. */
  log: { type: string; seq?: number; op?: string; name?: string; kind?: string; namespace?: string }[]
  until(predicate: (mirror: Mirror) => boolean, timeoutMs?: number, what?: string): Promise<void>
  /** Calls `listener` after each message is applied (for timing arrivals). */
  observe(listener: (mirror: Mirror) => void): void
  /** Closes the socket, waits, and opens a new one that resumes from the mirror's sequence number. */
  reconnect(between?: () => Promise<void>): Promise<void>
  close(): void
}

export async function connectStream(open: () => WebSocket): Promise<StreamClient> {
  const mirror = createMirror()
  const log: StreamClient['log'] = []
  const waiters = new Set<() => void>()
  const observers: ((mirror: Mirror) => void)[] = []
  let ws: WebSocket
  let problem: Error | undefined

  const attach = async () => {
    ws = open()
    ws.on('message', (data) => {
      const parsed = parseServerMessage(data.toString())
      if (!parsed.ok) {
        problem = new Error(`the server sent a message that fails the protocol schema: ${parsed.error}`)
      } else {
        const m = parsed.value
        log.push({
          type: m.type,
          ...('seq' in m ? { seq: m.seq } : {}),
          ...(m.type === 'delta'
            ? {
                op: m.op,
                name: m.object.metadata.name,
                kind: m.object.kind,
                ...(m.object.metadata.namespace ? { namespace: m.object.metadata.namespace } : {}),
              }
            : {}),
        })
        if (applyMessage(mirror, m) === 'gap')
          problem = new Error(`gap in the stream at ${JSON.stringify(m)}`)
      }
      for (const o of observers) o(mirror)
      for (const w of [...waiters]) w()
    })
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)))
    })
    ws.send(JSON.stringify(subscribeMessage(mirror)))
  }
  await attach()

  const client: StreamClient = {
    mirror,
    log,
    until(predicate, timeoutMs = 30_000, what = 'the expected state') {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (problem) {
            waiters.delete(check)
            clearTimeout(timer)
            reject(problem)
          } else if (predicate(mirror)) {
            waiters.delete(check)
            clearTimeout(timer)
            resolve()
          }
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`timed out waiting for ${what}; last messages: ${JSON.stringify(log.slice(-5))}`))
        }, timeoutMs)
        waiters.add(check)
        check()
      })
    },
    observe(listener) {
      observers.push(listener)
    },
    async reconnect(between) {
      const closed = new Promise((resolve) => ws.once('close', resolve))
      ws.close()
      await closed
      await between?.()
      await attach()
    },
    close: () => ws.close(),
  }
  await client.until((m) => m.epoch !== undefined, 30_000, 'the snapshot')
  return client
}
