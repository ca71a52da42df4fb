// The list-then-watch loop of one kind. client-node's informer is not used: it stops for good on
// any error but 410. Here every failure leads somewhere: 410 → relist at once; 403 → `forbidden`,
// retried slowly (RBAC may change); 404 → `not-installed` and the loop ends (discovery starts a new
// one when the kind comes back); anything else → `failing`, backoff, relist.
import type { KindStateName, WireObject } from '@gatemap/shared'
import { Backoff, type BackoffOptions } from './backoff.ts'
import { collectionPath, type ResourceInfo } from './discovery.ts'
import { ApiError, type KubeHttp, type KubeStatus, type WatchHandle } from './http.ts'
import type { WatchMetrics } from './metrics.ts'
import { METADATA_LIST_ACCEPT, METADATA_WATCH_ACCEPT, normalize } from './objects.ts'

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
  /** Items per list page (default 500). */
  pageSize?: number
  /** Sees every object as the server sent it, before normalizing (diagnostics and tests). */
  onRaw?: (resource: ResourceInfo, raw: unknown, phase: 'list' | 'watch') => void
}

export interface KindWatcherOptions extends WatcherTuning {
  http: KubeHttp
  resource: ResourceInfo
  /** Ask for PartialObjectMetadata (Secrets, ConfigMaps). */
  metadataOnly?: boolean
  sink: WatcherSink
  onState: (state: WatcherState) => void
  metrics: WatchMetrics
}

type WatchOutcome =
  | { end: 'clean' }
  | { end: 'expired' }
  | { end: 'throttled'; retryAfterMs?: number }
  | { end: 'error'; error: unknown }

const HEALTHY_MS = 30_000

function openFailure(error: unknown): WatchOutcome {
  if (!(error instanceof ApiError)) return { end: 'error', error }
  if (error.status === 410) return { end: 'expired' }
  if (error.status === 429) {
    const seconds = error.body.details?.retryAfterSeconds
    return seconds ? { end: 'throttled', retryAfterMs: seconds * 1000 } : { end: 'throttled' }
  }
  return { end: 'error', error }
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error))

export class KindWatcher {
  readonly resource: ResourceInfo
  private readonly options: KindWatcherOptions
  private readonly backoff: Backoff
  private readonly kindKey: string
  private stopped = false
  private handle: WatchHandle | undefined
  /** Ends the open watch (its promise resolves); set while one is open. */
  private cancelWatch: (() => void) | undefined
  private wake: (() => void) | undefined
  private resourceVersion = ''
  private listed = false
  private done: Promise<void> | undefined

  constructor(options: KindWatcherOptions) {
    this.options = options
    this.resource = options.resource
    this.backoff = new Backoff(options.backoff)
    this.kindKey = `${options.resource.group}/${options.resource.kind}`
  }

  /** Starts the loop; it runs until stop() or the kind turns out not installed. */
  start(): void {
    this.done ??= this.run()
  }

  get running(): boolean {
    return this.done !== undefined && !this.stopped
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.cancelWatch?.()
    this.wake?.()
    await this.done
  }

  private async run(): Promise<void> {
    this.options.onState({ state: 'pending' })
    while (!this.stopped) {
      try {
        await this.list()
      } catch (error) {
        if (await this.failed(error, 'list')) return
        continue
      }
      if (this.stopped) return
      this.options.onState({ state: 'ok' })
      while (!this.stopped) {
        const opened = Date.now()
        const outcome = await this.watch()
        if (this.stopped) return
        // A watch that was healthy for a while ends the run of failures.
        if (Date.now() - opened >= HEALTHY_MS) this.backoff.reset()
        // A watch the server closed after its timeout resumes where it was; a very short one
        // counts as a failure so a server that closes at once cannot make us spin.
        if (outcome.end === 'clean' && Date.now() - opened >= 1000) continue
        // 429 on opening (e.g. "storage is (re)initializing" while the watch cache warms up): the
        // server asks to come back later, and the resourceVersion is still good, so no relist.
        if (outcome.end === 'throttled') {
          await this.sleep(outcome.retryAfterMs ?? this.backoff.next())
          continue
        }
        this.options.metrics.watchRestarts++
        if (outcome.end === 'expired') break
        const error = outcome.end === 'error' ? outcome.error : new Error('watch closed at once')
        if (await this.failed(error, 'watch')) return
        break
      }
    }
  }

  /** Reports and waits after an error; true when the loop should end. */
  private async failed(error: unknown, phase: 'list' | 'watch'): Promise<boolean> {
    const status = error instanceof ApiError ? error.status : undefined
    if (status === 410) return false
    if (status === 404) {
      this.options.sink.replace([])
      this.options.onState({ state: 'not-installed' })
      this.stopped = true
      return true
    }
    let delay: number
    let state: WatcherState['state'] = 'failing'
    if (status === 403) {
      this.options.sink.replace([])
      state = 'forbidden'
      delay = this.options.forbiddenRetryMs ?? 60_000
    } else {
      delay = this.backoff.next()
    }
    const retryAt = new Date(Date.now() + delay).toISOString()
    this.options.onState({ state, message: `${phase}: ${errorText(error)}`, retryAt })
    await this.sleep(delay)
    return this.stopped
  }

  private async list(): Promise<void> {
    const { http, resource, metadataOnly, onRaw } = this.options
    const objects: WireObject[] = []
    let page: string | undefined
    let resourceVersion = ''
    do {
      const { body } = await http.request('GET', collectionPath(resource), {
        query: { limit: this.options.pageSize ?? 500, continue: page },
        headers: metadataOnly ? { accept: METADATA_LIST_ACCEPT } : {},
      })
      const list = body as { items?: unknown[]; metadata?: { continue?: string; resourceVersion?: string } }
      for (const raw of list.items ?? []) {
        onRaw?.(resource, raw, 'list')
        const object = normalize(raw, resource, metadataOnly === true)
        if (object) objects.push(object)
      }
      page = list.metadata?.continue || undefined
      resourceVersion = list.metadata?.resourceVersion ?? ''
    } while (page && !this.stopped)
    if (this.stopped) return
    if (this.listed) this.options.metrics.relists++
    this.listed = true
    this.options.sink.replace(objects)
    this.resourceVersion = resourceVersion
  }

  private watch(): Promise<WatchOutcome> {
    const { http, resource, metadataOnly } = this.options
    const timeoutSeconds = this.options.watchTimeoutSeconds?.() ?? 300 + Math.floor(Math.random() * 300)
    return new Promise<WatchOutcome>((resolve) => {
      let settled = false
      const finish = (outcome: WatchOutcome) => {
        if (settled) return
        settled = true
        this.handle?.abort()
        this.handle = undefined
        this.cancelWatch = undefined
        resolve(outcome)
      }
      this.cancelWatch = () => finish({ end: 'clean' })
      http
        .stream(
          collectionPath(resource),
          {
            query: {
              watch: 1,
              resourceVersion: this.resourceVersion,
              allowWatchBookmarks: true,
              timeoutSeconds,
            },
            headers: metadataOnly ? { accept: METADATA_WATCH_ACCEPT } : {},
            idleTimeoutMs: (timeoutSeconds + 30) * 1000,
          },
          {
            onLine: (line) => {
              const outcome = this.apply(line)
              if (outcome) finish(outcome)
            },
            onEnd: (error) => finish(error ? { end: 'error', error } : { end: 'clean' }),
          },
        )
        .then((handle) => {
          if (settled) handle.abort()
          else this.handle = handle
        })
        .catch((error: unknown) => finish(openFailure(error)))
    })
  }

  /** Applies one watch event; returns an outcome when the event ends the watch. */
  private apply(line: string): WatchOutcome | undefined {
    let event: { type?: string; object?: { metadata?: { resourceVersion?: string } } & KubeStatus }
    try {
      event = JSON.parse(line)
    } catch {
      return { end: 'error', error: new Error(`unreadable watch event: ${line.slice(0, 200)}`) }
    }
    const { resource, metadataOnly, sink, onRaw, metrics } = this.options
    const raw = event.object
    if (event.type === 'ERROR') {
      if (raw?.code === 410) return { end: 'expired' }
      return { end: 'error', error: new ApiError(raw?.code ?? 500, raw ?? {}) }
    }
    const resourceVersion = raw?.metadata?.resourceVersion
    if (resourceVersion) this.resourceVersion = resourceVersion
    if (event.type === 'BOOKMARK') return undefined
    onRaw?.(resource, raw, 'watch')
    const object = normalize(raw, resource, metadataOnly === true)
    if (!object) return undefined
    metrics.countEvent(this.kindKey)
    if (event.type === 'DELETED') sink.remove(object)
    else if (event.type === 'ADDED' || event.type === 'MODIFIED') sink.upsert(object)
    return undefined
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined
        resolve()
      }, ms)
      this.wake = () => {
        clearTimeout(timer)
        this.wake = undefined
        resolve()
      }
    })
  }
}
