// The list-then-watch loop of one kind, with the semantics of client-go's reflector (client-node's
// informer is not used: it stops for good on any error but 410, and relists from scratch).
//
// - The state comes from a WatchList stream where the server offers it (sendInitialEvents: the
//   objects, then a bookmark marking their end, on the connection that goes on to carry changes);
//   a server that refuses it gets a paged list, and is not asked again.
// - The first state is a consistent read. A later one (after a 410 on the watch) starts from the
//   last resourceVersion seen with resourceVersionMatch=NotOlderThan, which the API server answers
//   from its watch cache; only when that resourceVersion itself is refused (410, or newer than the
//   server knows) does the next read go to etcd (no resourceVersion).
// - A watch that breaks for a passing reason (5xx, 429, a refused or dropped connection) is opened
//   again from the last resourceVersion after a backoff (429: the server's Retry-After), without a
//   new list. A watch the server ends at its timeout resumes at once.
// - 403 → `forbidden`, retried slowly (RBAC may change); 404 → `not-installed`, and the loop ends
//   (discovery starts a new one when the kind comes back); anything else → `failing`, backoff, and
//   a new list.
import type { KindStateName, WireObject } from '@gatemap/shared'
import { Backoff, type BackoffOptions } from './backoff.ts'
import type { ResourceInfo } from './discovery.ts'
import type { KubeHttp } from './http.ts'
import { listAll } from './list.ts'
import type { WatchMetrics } from './metrics.ts'
import { classify, errorText, type Failure } from './watch-errors.ts'
import { openStream, type StreamEnd } from './watch-stream.ts'

export interface WatcherSink {
  /** A full list: the held objects of this kind become exactly these. */
  replace(objects: WireObject[]): void
  upsert(object: WireObject): void
  remove(object: WireObject): void
}

export interface WatcherState {
  state: KindStateName
  message?: string
  retryAt?: string
}

export interface WatcherTuning {
  backoff?: BackoffOptions
  /** Delay between retries while forbidden (default 60 s). */
  forbiddenRetryMs?: number
  /** Server-side watch timeout in seconds (default: random in [300, 600), like client-go). */
  watchTimeoutSeconds?: () => number
  /** Items per page of a consistent list (default 500). */
  pageSize?: number
  /** Ask for the state as a WatchList stream where the server offers it (default true). */
  watchList?: boolean
  /** Sees every object as the server sent it, before normalizing (diagnostics and tests). */
  onRaw?: (resource: ResourceInfo, raw: unknown, phase: 'list' | 'watch') => void
  /** Waits between retries (default a timer); tests record the delays asked for instead of waiting. */
  sleep?: (ms: number) => Promise<void>
}

export interface KindWatcherOptions extends WatcherTuning {
  http: KubeHttp
  resource: ResourceInfo
  /** Watch only this namespace (a namespace scope); all namespaces when undefined. */
  namespace?: string
  /** Ask for PartialObjectMetadata (Secrets, ConfigMaps). */
  metadataOnly?: boolean
  /** Only the objects this field selector selects (the Events about one object). */
  fieldSelector?: string
  sink: WatcherSink
  onState: (state: WatcherState) => void
  metrics: WatchMetrics
}

/** A watch open this long ends a run of failures. */
const HEALTHY_MS = 30_000
/** A watch the server closes sooner than this counts as a failure, so we cannot spin. */
const TOO_SHORT_MS = 1000

export class KindWatcher {
  readonly resource: ResourceInfo
  private readonly options: KindWatcherOptions
  private readonly backoff: Backoff
  private readonly kindKey: string
  private stopped = false
  private cancelStream: (() => void) | undefined
  private wake: (() => void) | undefined
  private done: Promise<void> | undefined
  /** The newest resourceVersion seen in a list, an event or a bookmark ('' before the first). */
  private resourceVersion = ''
  /** The server refused `resourceVersion` (410, or too new): the next read is a consistent one. */
  private resourceVersionUnavailable = false
  /** Whether we hold a complete state to watch on from; false means list (or WatchList) first. */
  private synced = false
  private syncs = 0
  private watchList: 'try' | 'refused'
  private state: KindStateName = 'pending'

  constructor(options: KindWatcherOptions) {
    this.options = options
    this.resource = options.resource
    this.backoff = new Backoff(options.backoff)
    this.kindKey = `${options.resource.group}/${options.resource.kind}`
    this.watchList = options.watchList === false ? 'refused' : 'try'
  }

  /** Starts the loop; it runs until stop() or the kind turns out not installed. */
  start(): void {
    this.done ??= this.run()
  }

  get running(): boolean {
    return this.done !== undefined && !this.stopped
  }

  /** Whether the server streams this kind's state (WatchList), as far as we know yet. */
  get usesWatchList(): boolean {
    return this.watchList === 'try'
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.cancelStream?.()
    this.wake?.()
    await this.done
  }

  private async run(): Promise<void> {
    this.setState({ state: 'pending' })
    while (!this.stopped) {
      let failure: Failure | undefined
      let watching = false
      let listing = false
      if (!this.synced && this.watchList === 'refused') {
        listing = true
        try {
          await this.list()
        } catch (error) {
          failure = classify(error)
        }
      } else {
        watching = this.synced
        const opened = Date.now()
        const wasSynced = this.synced
        const end = await this.watch(!this.synced)
        if (this.stopped) return
        if (Date.now() - opened >= HEALTHY_MS) this.backoff.reset()
        if (end.end === 'failed') {
          failure = classify(end.error, { watchList: !wasSynced })
        } else if (!this.synced) {
          // The stream ended before the state was complete: a server that accepts the request but
          // does not mark the end of the initial events does not do WatchList.
          failure = {
            kind: 'watch-list-refused',
            error: new Error('the stream ended before its initial state'),
          }
        } else if (Date.now() - opened < TOO_SHORT_MS) {
          failure = { kind: 'transient', error: new Error('watch closed at once') }
        }
        watching ||= this.synced
      }
      if (this.stopped) return
      if (failure && (await this.recover(failure, watching, listing ? 'list' : 'watch'))) return
    }
  }

  /** Decides what follows a failure (and waits when it should); true when the loop should end. */
  private async recover(failure: Failure, watching: boolean, request: 'list' | 'watch'): Promise<boolean> {
    const { metrics, sink } = this.options
    if (watching && failure.kind !== 'watch-list-refused') metrics.watchRestarts++
    switch (failure.kind) {
      case 'expired':
        // Watching, the resourceVersion aged out of the watch cache: list again from it (the cache
        // answers with a state at least that new). Reading, the server refused it: read afresh.
        if (!watching) this.resourceVersionUnavailable = true
        this.synced = false
        return false
      case 'too-new':
        this.resourceVersionUnavailable = true
        this.synced = false
        return false
      case 'watch-list-refused':
        this.watchList = 'refused'
        this.synced = false
        return false
      case 'throttled':
        await this.sleep(failure.retryAfterMs ?? this.backoff.next())
        return this.stopped
      case 'transient':
        return this.waitAfter('failing', failure.error, request, this.backoff.next())
      case 'not-found':
        sink.replace([])
        this.synced = false
        this.setState({ state: 'not-installed' })
        this.stopped = true
        return true
      case 'forbidden':
        sink.replace([])
        this.synced = false
        return this.waitAfter('forbidden', failure.error, request, this.options.forbiddenRetryMs ?? 60_000)
      case 'other':
        this.synced = false
        return this.waitAfter('failing', failure.error, request, this.backoff.next())
    }
  }

  /** Reports the failure of a `list` or `watch` request (a WatchList is a watch) and waits. */
  private async waitAfter(
    state: KindStateName,
    error: unknown,
    request: 'list' | 'watch',
    delay: number,
  ): Promise<boolean> {
    const retryAt = new Date(Date.now() + delay).toISOString()
    this.setState({ state, message: `${request}: ${errorText(error)}`, retryAt })
    await this.sleep(delay)
    return this.stopped
  }

  /** A complete state was read: it replaces what is held, and the watch goes on from it. */
  private synchronized(objects: WireObject[], resourceVersion: string): void {
    if (this.syncs++ > 0) this.options.metrics.relists++
    this.options.sink.replace(objects)
    this.resourceVersion = resourceVersion
    this.resourceVersionUnavailable = false
    this.synced = true
    this.setState({ state: 'ok' })
  }

  private async list(): Promise<void> {
    const { http, resource, metadataOnly, onRaw } = this.options
    const result = await listAll(http, resource, {
      namespace: this.options.namespace,
      fieldSelector: this.options.fieldSelector,
      metadataOnly: metadataOnly === true,
      pageSize: this.options.pageSize ?? 500,
      from: this.resourceVersionUnavailable ? '' : this.resourceVersion,
      stopped: () => this.stopped,
      ...(onRaw ? { onRaw: (raw: unknown) => onRaw(resource, raw, 'list') } : {}),
      onUnavailable: () => {
        this.resourceVersionUnavailable = true
      },
    })
    if (this.stopped) return
    this.synchronized(result.objects, result.resourceVersion)
  }

  /** One watch; with `initialEvents` a WatchList from the last resourceVersion (or afresh). */
  private watch(initialEvents: boolean): Promise<StreamEnd> {
    const { http, resource, metadataOnly, onRaw, sink, metrics } = this.options
    const timeoutSeconds = this.options.watchTimeoutSeconds?.() ?? 300 + Math.floor(Math.random() * 300)
    const stream = openStream(
      http,
      {
        resource,
        namespace: this.options.namespace,
        fieldSelector: this.options.fieldSelector,
        metadataOnly: metadataOnly === true,
        resourceVersion: initialEvents && this.resourceVersionUnavailable ? undefined : this.resourceVersion,
        initialEvents,
        timeoutSeconds,
      },
      {
        onOpen: () => {
          // A watch open again after failures: the held state is current once more.
          if (!initialEvents && this.state !== 'ok') this.setState({ state: 'ok' })
        },
        onInitial: (objects, resourceVersion) => this.synchronized(objects, resourceVersion),
        onEvent: (type, object, resourceVersion) => {
          if (resourceVersion) this.resourceVersion = resourceVersion
          metrics.countEvent(this.kindKey)
          if (type === 'DELETED') sink.remove(object)
          else sink.upsert(object)
        },
        onBookmark: (resourceVersion) => {
          this.resourceVersion = resourceVersion
          metrics.countBookmark(this.kindKey)
        },
        ...(onRaw ? { onRaw: (raw: unknown, phase: 'list' | 'watch') => onRaw(resource, raw, phase) } : {}),
      },
    )
    this.cancelStream = stream.cancel
    return stream.done.finally(() => {
      this.cancelStream = undefined
    })
  }

  private setState(state: WatcherState): void {
    this.state = state.state
    this.options.onState(state)
  }

  /** Waits `ms`, or less when stop() wakes it. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined
      const done = () => {
        clearTimeout(timer)
        if (this.wake === done) this.wake = undefined
        resolve()
      }
      this.wake = done
      if (this.options.sleep) void this.options.sleep(ms).then(done)
      else timer = setTimeout(done, ms)
    })
  }
}
