/// <reference lib="webworker" />
// The graph worker: owns the stream's WebSocket, the mirror and the analysis, and posts ready-to-draw
// frames to the page, so that parsing, analysis and layout never block the page's main thread.
import { parseServerMessage, subscribeMessage } from '@gatemap/shared'
import { EMPTY_VIEW_STATE, type ViewState } from '../model/view-types.ts'
import { Backoff } from './backoff.ts'
import type { Connection, PageToWorker, WorkerToPage } from './messages.ts'
import { GraphPipeline } from './pipeline.ts'

declare const self: DedicatedWorkerGlobalScope

const PING_EVERY_MS = 20_000
const PONG_WITHIN_MS = 10_000

const pipeline = new GraphPipeline()
let view: ViewState = EMPTY_VIEW_STATE
let streamUrl = ''
let socket: WebSocket | undefined
let connection: Connection = { state: 'connecting' }
let frameTimer: ReturnType<typeof setTimeout> | undefined
let pingTimer: ReturnType<typeof setInterval> | undefined
let pongTimer: ReturnType<typeof setTimeout> | undefined
let reconnectTimer: ReturnType<typeof setTimeout> | undefined
let synced = false
const backoff = new Backoff()

const post = (message: WorkerToPage) => self.postMessage(message)

function setConnection(next: Connection) {
  connection = next
  post({ type: 'connection', connection })
}

/** Coalesces a burst of messages into one frame. */
function scheduleFrame() {
  if (frameTimer !== undefined || !synced) return
  frameTimer = setTimeout(() => {
    frameTimer = undefined
    post({ type: 'frame', frame: pipeline.frame(view) })
  }, 0)
}

function connect() {
  clearTimeout(reconnectTimer)
  const ws = new WebSocket(streamUrl)
  socket = ws
  ws.onopen = () => {
    ws.send(JSON.stringify(subscribeMessage(pipeline.mirror)))
    clearInterval(pingTimer)
    pingTimer = setInterval(() => {
      ws.send(JSON.stringify({ type: 'ping' }))
      pongTimer ??= setTimeout(() => ws.close(4000, 'no answer to ping'), PONG_WITHIN_MS)
    }, PING_EVERY_MS)
  }
  ws.onmessage = (event: MessageEvent<string>) => {
    const parsed = parseServerMessage(event.data)
    if (!parsed.ok) {
      post({ type: 'stream-error', message: parsed.error })
      return
    }
    const message = parsed.value
    clearTimeout(pongTimer)
    pongTimer = undefined
    if (pipeline.apply(message) === 'gap') {
      // Events were lost: ask again from what we have; the server replays or sends a snapshot.
      ws.send(JSON.stringify(subscribeMessage(pipeline.mirror)))
      return
    }
    if (message.type === 'snapshot' || message.type === 'resumed') {
      synced = true
      backoff.reset()
    }
    if (synced && connection.state !== 'live') setConnection({ state: 'live', lastUpdate: Date.now() })
    else connection.lastUpdate = Date.now()
    if (message.type !== 'pong' && message.type !== 'hello') scheduleFrame()
    else if (message.type === 'pong') post({ type: 'connection', connection })
  }
  ws.onclose = (event) => {
    clearInterval(pingTimer)
    clearTimeout(pongTimer)
    pongTimer = undefined
    if (socket !== ws) return
    const delay = backoff.next()
    const reason =
      event.code === 1006
        ? 'the connection to the Gatemap server was lost'
        : event.reason || `closed (${event.code})`
    setConnection({
      state: backoff.attempts > 3 ? 'disconnected' : 'reconnecting',
      ...(connection.lastUpdate ? { lastUpdate: connection.lastUpdate } : {}),
      retryAt: Date.now() + delay,
      reason,
    })
    reconnectTimer = setTimeout(connect, delay)
  }
}

self.onmessage = (event: MessageEvent<PageToWorker>) => {
  const message = event.data
  switch (message.type) {
    case 'start':
      streamUrl = message.streamUrl
      view = message.view
      setConnection({ state: 'connecting' })
      connect()
      break
    case 'view':
      view = message.view
      if (synced) post({ type: 'frame', frame: pipeline.frame(view) })
      break
    case 'reconnect':
      backoff.reset()
      socket?.close()
      socket = undefined
      connect()
      break
  }
}
