// A tab that asks for its first frame gets it before the snapshot, drawn from the state the snapshot
// carries, and it is the frame the tab's worker would draw from that snapshot. Over a real socket.
import { parseServerMessage, type ServerMessage } from '@gatemap/shared'
import { FrameEncoder, patchChangesNothing } from '@gatemap/shared/view/frame/frame-patch.ts'
import { PROBLEMS_PAGE } from '@gatemap/shared/view/frame/messages.ts'
import { GraphPipeline } from '@gatemap/shared/view/frame/pipeline.ts'
import { EMPTY_VIEW_STATE } from '@gatemap/shared/view/model/view-types.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messages, route, startTestServer, type TestServer } from './helpers.ts'

let server: TestServer
let cookie: string
beforeAll(async () => {
  server = await startTestServer()
  ;({ cookie } = await server.login())
  server.source.put(route('first', 'default', ['first.example']))
  server.source.put(route('second', 'team-a', ['second.example']))
})
afterAll(() => server.close())

async function subscribed(request: unknown) {
  const ws = server.socket({ cookie })
  const inbox = messages(ws)
  await new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('error', reject)
  })
  ws.send(JSON.stringify({ type: 'subscribe', ...(request === undefined ? {} : { frame: request }) }))
  return { ws, inbox }
}

const asked = { view: EMPTY_VIEW_STATE, problems: PROBLEMS_PAGE }

/** On a server of its own: the types of the first two messages a tab asking for a frame gets. */
async function firstTypesOn(options: Parameters<typeof startTestServer>[0]): Promise<string[]> {
  const other = await startTestServer(options)
  try {
    const login = await other.login()
    const ws = other.socket({ cookie: login.cookie })
    const inbox = messages(ws)
    await new Promise((resolve) => ws.once('open', resolve))
    ws.send(JSON.stringify({ type: 'subscribe', frame: asked }))
    const received = await inbox.next(2)
    ws.close()
    return received.map((m) => m.type)
  } finally {
    await other.close()
  }
}

function parsed(m: unknown): ServerMessage {
  const result = parseServerMessage(JSON.stringify(m))
  if (!result.ok) throw new Error(result.error)
  return result.value
}

describe('the first frame over the stream', () => {
  it('comes between hello and the snapshot, of the same seq, and the worker would draw the same', async () => {
    const { ws, inbox } = await subscribed(asked)
    const [hello, first, snapshot] = (await inbox.next(3)).map(parsed) as ServerMessage[]
    ws.close()
    expect([hello?.type, first?.type, snapshot?.type]).toEqual(['hello', 'first-frame', 'snapshot'])
    if (first?.type !== 'first-frame' || snapshot?.type !== 'snapshot') return
    expect(first.seq).toBe(snapshot.seq)
    expect(first.frame.seq).toBe(snapshot.seq)
    const ids = first.frame.nodes.map((n) => n.id)
    expect(ids).toContain('Route:HTTPRoute/default/first')
    expect(ids).toContain('Route:HTTPRoute/team-a/second')

    const worker = new GraphPipeline()
    worker.problemsShown = PROBLEMS_PAGE
    worker.apply(hello!)
    worker.apply(snapshot)
    const encoder = new FrameEncoder()
    const held = { ...first.frame, viewId: 0 }
    encoder.encodeReceived(held)
    const own = encoder.encode({ ...worker.frame(EMPTY_VIEW_STATE), viewId: 0 })
    expect(own.type === 'frame-patch' && patchChangesNothing(held, own.frame)).toBe(true)
  })

  it('is drawn again once the store has moved on', async () => {
    const before = await subscribed(asked)
    const [, first] = await before.inbox.next(2)
    before.ws.close()
    server.source.put(route('third', 'team-b'))
    const after = await subscribed(asked)
    const [, again] = (await after.inbox.next(3)).map(parsed)
    after.ws.close()
    expect(again?.type).toBe('first-frame')
    if (again?.type !== 'first-frame') return
    expect(again.seq).toBeGreaterThan(first!.seq!)
    expect(again.frame.nodes.map((n) => n.id)).toContain('Route:HTTPRoute/team-b/third')
  })

  it('draws the view asked for: one namespace', async () => {
    const { ws, inbox } = await subscribed({
      ...asked,
      view: { ...EMPTY_VIEW_STATE, namespaces: ['team-a'] },
    })
    const [, first] = (await inbox.next(3)).map(parsed)
    ws.close()
    if (first?.type !== 'first-frame') throw new Error(`got ${first?.type}`)
    const routes = first.frame.nodes.filter((n) => n.id.startsWith('Route:')).map((n) => n.id)
    expect(routes).toEqual(['Route:HTTPRoute/team-a/second'])
  })

  it('is not sent to a tab that did not ask', async () => {
    const { ws, inbox } = await subscribed(undefined)
    const received = await inbox.next(2)
    ws.close()
    expect(received.map((m) => m.type)).toEqual(['hello', 'snapshot'])
  })

  it('is not drawn by a server started without first frames', async () => {
    expect(await firstTypesOn({ firstFrames: false })).toEqual(['hello', 'snapshot'])
  })

  it('is skipped when the drawing fails: the tab gets its snapshot and draws its own', async () => {
    const failing = () => {
      throw new Error('a drawing that fails')
    }
    expect(await firstTypesOn({ hub: { firstFrame: failing } })).toEqual(['hello', 'snapshot'])
  })

  it('refuses a request whose view lacks a field, naming it, and closes', async () => {
    const { search: _search, ...view } = EMPTY_VIEW_STATE
    const { ws, inbox } = await subscribed({ view, problems: 50 })
    const [refusal] = await inbox.next(1)
    const closed = await new Promise<number>((resolve) => ws.once('close', resolve))
    expect(refusal?.type).toBe('error')
    expect(String(refusal?.message)).toContain('frame.view.search')
    expect(closed).toBe(1008)
  })
})
