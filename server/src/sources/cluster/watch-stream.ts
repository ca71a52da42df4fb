// One watch request of one kind, from opening to its end: events decoded, normalized and handed on.
// With `initialEvents` it is a WatchList request (sendInitialEvents): the server first streams the
// current state as ADDED events and marks its end with a bookmark annotated
// `k8s.io/initial-events-end`; until then the objects are only collected, since they come in no
// resourceVersion order and are not changes.
import type { WireObject } from '@gatemap/shared'
import { collectionPath, type ResourceInfo } from './discovery.ts'
import { ApiError, type KubeHttp, type KubeStatus, type WatchHandle } from './http.ts'
import { METADATA_WATCH_ACCEPT, normalize } from './objects.ts'

export const INITIAL_EVENTS_END = 'k8s.io/initial-events-end'

export interface StreamRequest {
  resource: ResourceInfo
  /** Only this namespace's objects (a namespace scope); all namespaces when undefined. */
  namespace?: string | undefined
  fieldSelector?: string | undefined
  metadataOnly: boolean
  /** Watch from here; undefined with `initialEvents` asks for the newest state (a consistent read). */
  resourceVersion: string | undefined
  initialEvents: boolean
  timeoutSeconds: number
}

export interface StreamHandlers {
  /** The server answered 200: the watch is open. */
  onOpen(): void
  /** WatchList only: the state is complete at this resourceVersion. */
  onInitial(objects: WireObject[], resourceVersion: string): void
  /** A change after the initial state (or on a plain watch), with the resourceVersion it brings. */
  onEvent(
    type: 'ADDED' | 'MODIFIED' | 'DELETED',
    object: WireObject,
    resourceVersion: string | undefined,
  ): void
  /** A bookmark after the initial state: nothing changed up to this resourceVersion. */
  onBookmark(resourceVersion: string): void
  onRaw?: (raw: unknown, phase: 'list' | 'watch') => void
}

export type StreamEnd =
  /** The server ended the stream (its timeout, a shutdown) or we cancelled it. */
  { end: 'closed' } | { end: 'failed'; error: unknown }

export interface OpenStream {
  done: Promise<StreamEnd>
  cancel(): void
}

interface WatchEvent {
  type?: string
  object?: KubeStatus & {
    metadata?: {
      name?: string
      namespace?: string
      resourceVersion?: string
      annotations?: Record<string, string>
    }
  }
}

export function openStream(http: KubeHttp, request: StreamRequest, handlers: StreamHandlers): OpenStream {
  const { resource, metadataOnly, initialEvents, timeoutSeconds } = request
  let handle: WatchHandle | undefined
  let settled = false
  let resolveDone: (end: StreamEnd) => void = () => {}
  const done = new Promise<StreamEnd>((resolve) => {
    resolveDone = resolve
  })
  const finish = (end: StreamEnd) => {
    if (settled) return
    settled = true
    handle?.abort()
    handle = undefined
    resolveDone(end)
  }
  // Until the initial-events-end bookmark, objects of a WatchList are the state, not changes.
  let initial: Map<string, WireObject> | undefined = initialEvents ? new Map() : undefined

  const apply = (line: string): StreamEnd | undefined => {
    let event: WatchEvent
    try {
      event = JSON.parse(line) as WatchEvent
    } catch {
      return { end: 'failed', error: new Error(`unreadable watch event: ${line.slice(0, 200)}`) }
    }
    const raw = event.object
    if (event.type === 'ERROR') return { end: 'failed', error: new ApiError(raw?.code ?? 500, raw ?? {}) }
    const resourceVersion = raw?.metadata?.resourceVersion
    if (event.type === 'BOOKMARK') {
      if (!resourceVersion) return undefined
      if (initial && raw?.metadata?.annotations?.[INITIAL_EVENTS_END] === 'true') {
        const objects = [...initial.values()]
        initial = undefined
        handlers.onInitial(objects, resourceVersion)
      } else if (!initial) {
        handlers.onBookmark(resourceVersion)
      }
      return undefined
    }
    if (event.type !== 'ADDED' && event.type !== 'MODIFIED' && event.type !== 'DELETED') return undefined
    handlers.onRaw?.(raw, initial ? 'list' : 'watch')
    const object = normalize(raw, resource, metadataOnly)
    if (!object) return undefined
    if (initial) {
      const key = `${object.metadata.namespace ?? ''}/${object.metadata.name}`
      if (event.type === 'DELETED') initial.delete(key)
      else initial.set(key, object)
      return undefined
    }
    handlers.onEvent(event.type, object, resourceVersion)
    return undefined
  }

  http
    .stream(
      collectionPath(resource, request.namespace),
      {
        query: {
          watch: 1,
          fieldSelector: request.fieldSelector,
          resourceVersion: request.resourceVersion || undefined,
          allowWatchBookmarks: true,
          timeoutSeconds,
          ...(initialEvents ? { sendInitialEvents: true, resourceVersionMatch: 'NotOlderThan' } : {}),
        },
        headers: metadataOnly ? { accept: METADATA_WATCH_ACCEPT } : {},
        // Bookmarks (about once a minute) keep a healthy watch busy; silence beyond the server's own
        // timeout means a half-open connection.
        idleTimeoutMs: (timeoutSeconds + 30) * 1000,
      },
      {
        onLine: (line) => {
          if (settled) return
          const end = apply(line)
          if (end) finish(end)
        },
        onEnd: (error) => finish(error ? { end: 'failed', error } : { end: 'closed' }),
      },
    )
    .then(
      (opened) => {
        if (settled) {
          opened.abort()
          return
        }
        handle = opened
        handlers.onOpen()
      },
      (error: unknown) => finish({ end: 'failed', error }),
    )
  return { done, cancel: () => finish({ end: 'closed' }) }
}
