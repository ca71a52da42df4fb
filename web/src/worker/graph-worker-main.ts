/// <reference lib="webworker" />
// The graph worker: owns the stream's WebSocket, the mirror and the analysis, and posts ready-to-draw
// frames to the page, so that parsing, analysis and layout never block the page's main thread. Loaded
// by the worker's entry (graph-worker.ts), which may have opened the stream already.
import { parseServerMessage, subscribeMessage } from '@gatemap/shared'
import { FrameEncoder, patchChangesNothing } from '@gatemap/shared/view/frame/frame-patch.ts'
import {
  type Connection,
  type DraftRequest,
  type Frame,
  type PageToWorker,
  PROBLEMS_PAGE,
  type WorkerToPage,
} from '@gatemap/shared/view/frame/messages.ts'
import { GraphPipeline } from '@gatemap/shared/view/frame/pipeline.ts'
import { sameTraceQuery, type TraceQuery } from '@gatemap/shared/view/model/trace-query.ts'
import { EMPTY_VIEW_STATE, type ViewState } from '@gatemap/shared/view/model/view-types.ts'
import { Backoff } from './backoff.ts'
import { type EarlyStream, firstSubscribe } from './early-stream.ts'
import { frameTiming } from './frame-timing.ts'

declare const self: DedicatedWorkerGlobalScope

const PING_EVERY_MS = 20_000
const PONG_WITHIN_MS = 10_000

const pipeline = new GraphPipeline()
pipeline.problemsShown = PROBLEMS_PAGE
// A trace's candidates are read after the frame that shows its path; then a frame carries them.
pipeline.tracer.onCandidates = () => scheduleFrame()
let view: ViewState = EMPTY_VIEW_STATE
let viewId = 0
let trace: TraceQuery | undefined
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

/** Frames after the first go as patches of the one the page holds. */
const encoder = new FrameEncoder()
/** The last frame posted, to send again with more problem rows without recomputing the graph. */
let lastFrame: Frame | undefined
function postFrame(frame: Frame) {
  const previous = lastFrame
  lastFrame = frame
  const message = encoder.encode(frame)
  // The page holds this graph already: the server drew it first, or nothing visible changed.
  if (message.type === 'frame-patch' && previous && patchChangesNothing(previous, message.frame)) return
  try {
    post(message)
  } catch (error) {
    // The page did not get it, so it does not hold what the next patch would refer to.
    encoder.reset()
    throw error
  }
}

/**
 * The server's drawing of the view this worker subscribed with, ahead of the snapshot it is drawn
 * from: the page draws it now, and this worker's own first frame is sent only as far as it differs.
 */
function postReceivedFrame(frame: Frame) {
  if (lastFrame !== undefined) return
  // Drawn for the view of the subscribe, which the page numbered 0 (it started with it).
  lastFrame = { ...frame, viewId: 0 }
  post(encoder.encodeReceived(lastFrame))
  // It is the state as of now, on an open stream: not stale while this worker catches up.
  setConnection({ state: 'live', lastUpdate: Date.now() })
  // Everything after it waits until the page has painted it: on two cores, this worker building its
  // own first frame meanwhile (560 ms of wall time at 1,000 routes) took one from the page's render.
  waiting = []
  waitTimer = setTimeout(resume, WAIT_FOR_PAGE_MS)
}

/** Messages held while the page draws the server's frame, oldest first; undefined when not waiting. */
let waiting: { ws: WebSocket; text: string }[] | undefined
let waitTimer: ReturnType<typeof setTimeout> | undefined
/** A page that never paints (a tab in the background draws no frames) is not waited for longer. */
const WAIT_FOR_PAGE_MS = 2000

function resume() {
  clearTimeout(waitTimer)
  const held = waiting
  waiting = undefined
  for (const { ws, text } of held ?? []) receive(ws, text)
}

function setConnection(next: Connection) {
  connection = next
  post({ type: 'connection', connection })
}

function frameNow() {
  clearTimeout(frameTimer)
  frameTimer = undefined
  postFrame({ ...pipeline.frame(view, trace), viewId })
  post({ type: 'connection', connection })
}

/** Coalesces a burst of messages into one frame. */
function scheduleFrame() {
  if (frameTimer !== undefined || !synced) return
  frameTimer = setTimeout(frameNow, 0)
}

/** Connects, or takes over the stream the entry opened (with what it received meanwhile). */
function connect(early?: EarlyStream) {
  clearTimeout(reconnectTimer)
  const ws = early?.socket ?? new WebSocket(streamUrl)
  socket = ws
  const keepAlive = () => {
    clearInterval(pingTimer)
    pingTimer = setInterval(() => {
      ws.send(JSON.stringify({ type: 'ping' }))
      pongTimer ??= setTimeout(() => ws.close(4000, 'no answer to ping'), PONG_WITHIN_MS)
    }, PING_EVERY_MS)
  }
  ws.onopen = () => {
    // The entry's socket may open only after this took it over: the subscribe is then sent from here.
    const first = pipeline.mirror.epoch === undefined && lastFrame === undefined
    ws.send(JSON.stringify(first ? firstSubscribe(view) : subscribeMessage(pipeline.mirror)))
    keepAlive()
  }
  ws.onmessage = (event: MessageEvent<string>) => receive(ws, event.data)
  ws.onclose = (event) => closed(ws, event)
  if (early === undefined) return
  if (early.opened) keepAlive()
  for (const text of early.received.splice(0)) receive(ws, text)
  if (early.closed) closed(ws, early.closed)
}

function receive(ws: WebSocket, text: string) {
  if (waiting) {
    waiting.push({ ws, text })
    return
  }
  const parsed = parseServerMessage(text)
  if (!parsed.ok) {
    post({ type: 'stream-error', message: parsed.error })
    return
  }
  const message = parsed.value
  clearTimeout(pongTimer)
  pongTimer = undefined
  if (message.type === 'first-frame') {
    postReceivedFrame(message.frame)
    return
  }
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
  const timing = frameTiming(message.type)
  if (timing === 'now' && synced) frameNow()
  else if (timing === 'soon') scheduleFrame()
  else if (message.type === 'pong') post({ type: 'connection', connection })
}

function closed(ws: WebSocket, event: CloseEvent) {
  clearInterval(pingTimer)
  clearTimeout(pongTimer)
  pongTimer = undefined
  if (socket !== ws) return
  const delay = backoff.next()
  const lost = event.code === 1006 ? 'the connection to the Gatemap server was lost' : event.reason
  setConnection({
    state: backoff.attempts > 3 ? 'disconnected' : 'reconnecting',
    ...(connection.lastUpdate ? { lastUpdate: connection.lastUpdate } : {}),
    retryAt: Date.now() + delay,
    reason: lost || `closed (${event.code})`,
  })
  reconnectTimer = setTimeout(() => connect(), delay)
  void explainClose(ws)
}

/**
 * A refused WebSocket upgrade looks like any lost connection; the session endpoint tells whether
 * the server is down or no longer knows this browser (it restarted, or the session ended).
 */
async function explainClose(ws: WebSocket) {
  const status = await fetch('/api/session', { credentials: 'same-origin' }).then(
    (r) => r.status,
    () => 0,
  )
  if (socket !== ws || connection.state === 'live') return
  if (status === 401) {
    setConnection({
      ...connection,
      state: 'disconnected',
      reason:
        'this browser is signed out (the server restarted or the session ended): sign in again at /login',
    })
  } else if (status === 0) {
    setConnection({ ...connection, reason: 'the Gatemap server is not answering' })
  }
}

/** Only the newest draft waiting is checked: typing faster than checks run skips the stale ones. */
let pendingDraft: DraftRequest | undefined
let draftRunning = false

function checkDraftLater(request: DraftRequest) {
  pendingDraft = request
  if (draftRunning) return
  draftRunning = true
  void (async () => {
    try {
      const { runDraftCheck } = await import('./draft-check.ts')
      while (pendingDraft) {
        const next = pendingDraft
        pendingDraft = undefined
        try {
          post(await runDraftCheck(next, () => pipeline.analysis, pipeline.mirror))
        } catch (error) {
          post({ type: 'draft-error', id: next.id, message: String(error) })
        }
      }
    } finally {
      draftRunning = false
    }
  })()
}

/** The stream the entry opened, until the page's start message takes it over. */
let early: EarlyStream | undefined

/** Takes over from the entry (graph-worker.ts): the page's messages so far, in order, and its stream. */
export function run(queued: PageToWorker[], stream: EarlyStream | undefined): void {
  early = stream
  self.onmessage = (event: MessageEvent<PageToWorker>) => fromPage(event.data)
  for (const message of queued.splice(0)) fromPage(message)
}

function fromPage(message: PageToWorker) {
  switch (message.type) {
    case 'start':
      streamUrl = message.streamUrl
      view = message.view
      setConnection({ state: 'connecting' })
      connect(early)
      early = undefined
      break
    case 'view':
      view = message.view
      viewId = message.id
      if (synced) postFrame({ ...pipeline.frame(view, trace), viewId })
      break
    case 'trace':
      // The page sends its trace when it mounts, mostly none, as this worker began: at 1,000 routes
      // redrawing the same frame cost the worker 170 ms and the page a second render of its first graph.
      if (sameTraceQuery(trace, message.query)) break
      trace = message.query
      if (synced) postFrame({ ...pipeline.frame(view, trace), viewId })
      break
    case 'problems':
      pipeline.problemsShown = message.shown
      // Before the snapshot is applied (the server's frame on screen) the rows come with its frame.
      if (lastFrame && synced) postFrame({ ...lastFrame, problems: pipeline.shownProblems() })
      break
    case 'draft':
      checkDraftLater(message)
      break
    case 'drawn':
      resume()
      break
    case 'reconnect':
      backoff.reset()
      socket?.close()
      socket = undefined
      connect()
      break
  }
}
