// One WebSocket per browser tab. A tab subscribes (optionally with the epoch and sequence number it
// last applied), receives a snapshot or a replay, then every store event in order.
//
// Each event is serialised once (by the store) and the same string goes to every tab, so a change
// costs O(change × tabs), never O(cluster). A tab that stops reading cannot grow server memory
// without bound: past `maxBufferedBytes` in the socket its events wait in a queue of at most
// `queueLimit` events and `queueBytes` bytes; past that the queue is dropped and the tab gets a fresh
// snapshot once it drains. A resume never costs more than a snapshot: when the events missed add up
// to more bytes than the current state, the tab gets the state instead.
import {
  type FirstFrameRequest,
  type KindState,
  PROTOCOL_VERSION,
  parseClientMessage,
  type ServerMessage,
  type SourceInfo,
  type StoredEntry,
  type StreamEvent,
} from '@gatemap/shared'
import type { WebSocket } from 'ws'
import type { ResourceStore } from '../store/resource-store.ts'

export interface HubOptions {
  /** Events a stalled tab may have waiting before it is switched to a fresh snapshot. */
  queueLimit?: number
  /** Bytes a stalled tab may have waiting before it is switched to a fresh snapshot. */
  queueBytes?: number
  /** Bytes the socket may buffer before events are held back. */
  maxBufferedBytes?: number
  /** How often a stalled tab is checked for having drained. */
  drainCheckMs?: number
  /**
   * Draws the `first-frame` message a subscribing tab asks for (first-frame.ts); without it, or for
   * a tab that sees only part of the store (bearer mode), tabs draw their own.
   */
  firstFrame?: (request: FirstFrameRequest) => string
}

/** Decides what one tab may see (bearer mode); absent means everything. */
export interface StreamFilter {
  object(entry: StoredEntry): boolean
  /** The kind's state as this tab should see it (e.g. forbidden for this person). */
  kind(state: KindState): KindState
}

export interface HubCounters {
  deltasSent: number
  snapshotsSent: number
  firstFramesSent: number
  overflows: number
}

const OPEN = 1

class Tab {
  subscribed = false
  private queue: string[] = []
  private queued = 0
  private overflowed = false
  private timer: NodeJS.Timeout | undefined
  readonly socket: WebSocket
  readonly hub: StreamHub
  readonly filter: StreamFilter | undefined

  constructor(socket: WebSocket, hub: StreamHub, filter: StreamFilter | undefined) {
    this.socket = socket
    this.hub = hub
    this.filter = filter
  }

  /** Sends now, or queues while the socket is backed up. */
  deliver(text: string): void {
    if (this.overflowed) return
    if (this.queue.length === 0 && this.socket.bufferedAmount <= this.hub.maxBufferedBytes) {
      this.socket.send(text)
      return
    }
    this.queue.push(text)
    this.queued += text.length
    if (this.queue.length > this.hub.queueLimit || this.queued > this.hub.queueBytes) {
      this.queue = []
      this.queued = 0
      this.overflowed = true
      this.hub.counters.overflows++
    }
    this.watchDrain()
  }

  private watchDrain(): void {
    if (this.timer) return
    this.timer = setInterval(() => {
      if (this.socket.readyState !== OPEN) {
        this.close()
        return
      }
      if (this.socket.bufferedAmount > this.hub.maxBufferedBytes) return
      clearInterval(this.timer)
      this.timer = undefined
      if (this.overflowed) {
        this.overflowed = false
        this.hub.sendSnapshot(this, 'overflow')
        return
      }
      const queued = this.queue
      this.queue = []
      this.queued = 0
      for (const text of queued) this.deliver(text)
    }, this.hub.drainCheckMs)
    this.timer.unref()
  }

  close(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    this.queue = []
    this.queued = 0
  }
}

export class StreamHub {
  readonly queueLimit: number
  readonly queueBytes: number
  readonly maxBufferedBytes: number
  readonly drainCheckMs: number
  readonly counters: HubCounters = { deltasSent: 0, snapshotsSent: 0, firstFramesSent: 0, overflows: 0 }
  private readonly tabs = new Set<Tab>()
  private snapshotCache: { seq: number; reason: string; text: string } | undefined
  private readonly unsubscribe: () => void
  private readonly store: ResourceStore
  private readonly source: SourceInfo
  private readonly firstFrame: HubOptions['firstFrame']

  constructor(store: ResourceStore, source: SourceInfo, options: HubOptions = {}) {
    this.store = store
    this.source = source
    this.queueLimit = options.queueLimit ?? 5_000
    this.queueBytes = options.queueBytes ?? 16 * 1024 * 1024
    this.maxBufferedBytes = options.maxBufferedBytes ?? 16 * 1024 * 1024
    this.drainCheckMs = options.drainCheckMs ?? 100
    this.firstFrame = options.firstFrame
    this.unsubscribe = store.subscribe((event, text) => this.broadcast(event, text))
  }

  get clients(): number {
    return this.tabs.size
  }

  /**
   * Takes over a freshly upgraded socket. Listeners are attached at once, so a subscribe sent
   * right after the upgrade is never lost while the tab's filter is still being worked out.
   */
  accept(socket: WebSocket, filter?: StreamFilter | Promise<StreamFilter | undefined>): void {
    const pending = Promise.resolve(filter)
    const ready = pending.then(
      (resolved) => {
        const tab = new Tab(socket, this, resolved)
        if (socket.readyState === OPEN) this.tabs.add(tab)
        return tab
      },
      (error: unknown) => {
        socket.close(1011, `cannot decide what you may see: ${(error as Error).message}`.slice(0, 120))
        return undefined
      },
    )
    socket.on('message', (data, isBinary) => {
      const text = isBinary ? undefined : data.toString()
      void ready.then((t) => {
        if (!t) return
        if (text === undefined) this.refuse(t, 'binary messages are not part of the protocol')
        else this.onMessage(t, text)
      })
    })
    const drop = () => {
      void ready.then((t) => {
        if (!t) return
        t.close()
        this.tabs.delete(t)
      })
    }
    socket.on('close', drop)
    socket.on('error', drop)
  }

  close(): void {
    this.unsubscribe()
    for (const tab of this.tabs) {
      tab.close()
      tab.socket.close(1001, 'server shutting down')
    }
    this.tabs.clear()
  }

  private onMessage(tab: Tab, text: string): void {
    const parsed = parseClientMessage(text)
    if (!parsed.ok) {
      this.refuse(tab, `bad message: ${parsed.error}`)
      return
    }
    const message = parsed.value
    if (message.type === 'ping') {
      this.send(tab, { type: 'pong', seq: this.store.seq })
      return
    }
    if (tab.subscribed) {
      this.refuse(tab, 'already subscribed')
      return
    }
    tab.subscribed = true
    this.send(tab, {
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      epoch: this.store.epoch,
      source: this.source,
    })
    if (message.epoch === undefined || message.seq === undefined) {
      this.sendFirstFrame(tab, message.frame)
      this.sendSnapshot(tab, 'initial')
      return
    }
    if (message.epoch !== this.store.epoch) {
      this.sendFirstFrame(tab, message.frame)
      this.sendSnapshot(tab, 'epoch')
      return
    }
    const missed = this.store.since(message.seq)
    // Weighed unfiltered on both sides: cheap to add up, and the same rule for every tab.
    let replayBytes = 0
    for (const logged of missed ?? []) replayBytes += logged.text.length
    if (!missed || replayBytes > this.store.snapshotBytes) {
      this.sendSnapshot(tab, 'behind')
      return
    }
    let replayed = 0
    for (const logged of missed) {
      // The log keeps text only; a filtered tab needs the event itself to judge it.
      const text = tab.filter ? this.eventText(tab, JSON.parse(logged.text), logged.text) : logged.text
      if (text === undefined) continue
      tab.deliver(text)
      replayed++
    }
    this.counters.deltasSent += replayed
    this.send(tab, { type: 'resumed', seq: this.store.seq, replayed })
  }

  /** Before a snapshot, the frame the tab asked for, when this hub draws frames for what it sees. */
  private sendFirstFrame(tab: Tab, request: FirstFrameRequest | undefined): void {
    if (!request || !this.firstFrame || tab.filter) return
    let text: string
    try {
      text = this.firstFrame(request)
    } catch {
      // The tab's worker draws the same frame from the snapshot; it will say what is wrong, if anything.
      return
    }
    this.counters.firstFramesSent++
    tab.deliver(text)
  }

  sendSnapshot(tab: Tab, reason: 'initial' | 'epoch' | 'behind' | 'overflow'): void {
    this.counters.snapshotsSent++
    tab.deliver(this.snapshotText(tab.filter, reason))
  }

  private snapshotText(filter: StreamFilter | undefined, reason: string): string {
    const seq = this.store.seq
    // Tabs that see everything share one serialisation per sequence number.
    if (!filter && this.snapshotCache?.seq === seq && this.snapshotCache.reason === reason) {
      return this.snapshotCache.text
    }
    const snapshot = this.store.snapshot()
    const message: ServerMessage = {
      type: 'snapshot',
      seq,
      epoch: this.store.epoch,
      reason: reason as 'initial',
      objects: filter ? snapshot.objects.filter((e) => filter.object(e)) : snapshot.objects,
      kinds: filter ? snapshot.kinds.map((k) => filter.kind(k)) : snapshot.kinds,
      files: snapshot.files,
    }
    const text = JSON.stringify(message)
    if (!filter) this.snapshotCache = { seq, reason, text }
    return text
  }

  /** The event as this tab sees it (`text` is its shared serialisation); undefined when hidden. */
  private eventText(tab: Tab, event: StreamEvent, text: string): string | undefined {
    if (tab.filter) {
      if (event.type === 'delta' && !tab.filter.object(event)) return undefined
      if (event.type === 'kind-state')
        return JSON.stringify({ ...event, state: tab.filter.kind(event.state) })
    }
    return text
  }

  private broadcast(event: StreamEvent, shared: string): void {
    for (const tab of this.tabs) {
      if (!tab.subscribed || tab.socket.readyState !== OPEN) continue
      const text = this.eventText(tab, event, shared)
      if (text === undefined) continue
      tab.deliver(text)
      if (event.type === 'delta') this.counters.deltasSent++
    }
  }

  private send(tab: Tab, message: ServerMessage): void {
    tab.deliver(JSON.stringify(message))
  }

  private refuse(tab: Tab, message: string): void {
    if (tab.socket.readyState === OPEN) {
      tab.socket.send(JSON.stringify({ type: 'error', message } satisfies ServerMessage))
      tab.socket.close(1008, message.slice(0, 120))
    }
  }
}
