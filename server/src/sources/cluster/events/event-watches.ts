// Which objects' Events are being followed, for whom, and for how long. Events are never put in the
// ResourceStore (a large cluster has very many): a tab asks about the one object it shows, the
// first question starts a field-selected watch for that object and reader, each later question
// reads what it holds, and a watch nobody has asked about for a while is stopped.
import { createHash } from 'node:crypto'
import type { EventsResponse } from '@gatemap/shared'
import type { EventSubject, EventTarget } from '../../events.ts'
import type { Credentials } from '../../source.ts'
import type { KubeHttp } from '../http.ts'
import type { WatchMetrics } from '../metrics.ts'
import type { WatcherTuning } from '../watcher.ts'
import { ObjectEvents } from './object-events.ts'

export interface EventWatchesOptions {
  /** The API server as this reader: their own token in bearer mode, else the server's identity. */
  httpFor(credentials: Credentials): KubeHttp
  metrics: WatchMetrics
  tuning?: WatcherTuning
  /** A watch not asked about for this long is stopped (default 60 s; the page asks every few). */
  idleMs?: number
  /** Watches kept at most; the least recently asked goes first (default 100). */
  max?: number
  /** How long a first question waits for the first list (default 5 s). */
  firstAnswerMs?: number
}

interface Entry {
  events: ObjectEvents
  lastAsked: number
}

export class EventWatches {
  private readonly options: EventWatchesOptions
  private readonly entries = new Map<string, Entry>()
  private sweeper: NodeJS.Timeout | undefined

  constructor(options: EventWatchesOptions) {
    this.options = options
  }

  /** How many objects' Events are followed now (for tests and diagnostics). */
  get size(): number {
    return this.entries.size
  }

  async answer(
    credentials: Credentials,
    target: EventTarget,
    subject: EventSubject,
  ): Promise<EventsResponse> {
    const key = keyOf(credentials, target)
    let entry = this.entries.get(key)
    if (!entry) {
      this.makeRoom()
      const events = new ObjectEvents({
        http: this.options.httpFor(credentials),
        target,
        reader: credentials.bearerToken ? 'person' : 'server',
        metrics: this.options.metrics,
        ...(this.options.tuning ? { tuning: this.options.tuning } : {}),
      })
      entry = { events, lastAsked: Date.now() }
      this.entries.set(key, entry)
      events.start()
      this.startSweeping()
    }
    entry.lastAsked = Date.now()
    await entry.events.settled(this.options.firstAnswerMs ?? 5000)
    return entry.events.answer(subject, new Date())
  }

  async stop(): Promise<void> {
    clearInterval(this.sweeper)
    this.sweeper = undefined
    const all = [...this.entries.values()]
    this.entries.clear()
    await Promise.all(all.map((e) => e.events.stop()))
  }

  /** Stops the watches nobody asked about within `idleMs`. */
  sweep(now = Date.now()): void {
    const idleMs = this.options.idleMs ?? 60_000
    for (const [key, entry] of this.entries) {
      if (now - entry.lastAsked < idleMs) continue
      this.entries.delete(key)
      void entry.events.stop()
    }
    if (this.entries.size === 0) {
      clearInterval(this.sweeper)
      this.sweeper = undefined
    }
  }

  private makeRoom(): void {
    const max = this.options.max ?? 100
    while (this.entries.size >= max) {
      let oldest: [string, Entry] | undefined
      for (const item of this.entries) if (!oldest || item[1].lastAsked < oldest[1].lastAsked) oldest = item
      if (!oldest) return
      this.entries.delete(oldest[0])
      void oldest[1].events.stop()
    }
  }

  private startSweeping(): void {
    if (this.sweeper) return
    const idleMs = this.options.idleMs ?? 60_000
    this.sweeper = setInterval(() => this.sweep(), Math.max(1000, idleMs / 4))
    this.sweeper.unref()
  }
}

/** One watch per reader and object; a token is kept only as its digest in the key. */
function keyOf(credentials: Credentials, target: EventTarget): string {
  const reader = credentials.bearerToken
    ? createHash('sha256').update(credentials.bearerToken).digest('base64url')
    : ''
  return JSON.stringify([reader, target.namespace ?? '', target.kind, target.name])
}
