// The Events about one object, followed for one reader (the server's identity, or one person in
// bearer mode): a list-then-watch with a field selector, by the same reflector loop that watches the
// Gateway API kinds. events.k8s.io/v1 is asked first; where it is forbidden, not served or failing,
// core v1 (the same Events, another API and another RBAC resource) is asked too, and the two are
// merged.
import type { EventsResponse, WireObject } from '@gatemap/shared'
import type { EventSubject, EventTarget } from '../../events.ts'
import type { ResourceInfo } from '../discovery.ts'
import type { KubeHttp } from '../http.ts'
import type { WatchMetrics } from '../metrics.ts'
import { KindWatcher, type WatcherState, type WatcherTuning } from '../watcher.ts'
import {
  type EventsApi,
  eventFieldSelector,
  eventsAbout,
  type HeldEvent,
  heldEvent,
  newestFirst,
} from './rows.ts'

export interface ObjectEventsOptions {
  http: KubeHttp
  target: EventTarget
  /** Who reads: a person with their own token (bearer mode), or the server's own identity. */
  reader: 'person' | 'server'
  metrics: WatchMetrics
  tuning?: WatcherTuning
}

/** Events shown at most; the rest are counted. */
export const SHOWN_EVENTS = 50
/** Events held per API at most: a controller in a hot loop must not grow memory without bound. */
const HELD_EVENTS = 1000

const RESOURCES: Record<EventsApi, ResourceInfo> = {
  'events.k8s.io/v1': {
    group: 'events.k8s.io',
    version: 'v1',
    kind: 'Event',
    plural: 'events',
    namespaced: true,
  },
  v1: { group: '', version: 'v1', kind: 'Event', plural: 'events', namespaced: true },
}

interface Followed {
  watcher: KindWatcher
  held: Map<string, HeldEvent>
  state: WatcherState
}

export class ObjectEvents {
  private readonly options: ObjectEventsOptions
  private readonly followed = new Map<EventsApi, Followed>()
  private readonly waiters = new Set<() => void>()
  private stopped = false

  constructor(options: ObjectEventsOptions) {
    this.options = options
  }

  start(): void {
    this.follow('events.k8s.io/v1')
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.wake()
    await Promise.all([...this.followed.values()].map((f) => f.watcher.stop()))
  }

  /** Resolves once the state is known (or after `timeoutMs`, still pending). */
  settled(timeoutMs: number): Promise<void> {
    if (this.combined().state !== 'pending') return Promise.resolve()
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.waiters.delete(done)
        resolve()
      }
      const timer = setTimeout(done, timeoutMs)
      this.waiters.add(done)
    })
  }

  /** What the page is sent: the Events about `subject`, or why there are none to show. */
  answer(subject: EventSubject, now: Date): EventsResponse {
    const { state, message } = this.combined()
    const base = { now: now.toISOString() }
    if (state === 'ok') {
      const lists = [...this.followed.values()]
        .filter((f) => f.state.state === 'ok')
        .map((f) => f.held.values())
      return { state, ...eventsAbout(lists, subject, SHOWN_EVENTS), ...base }
    }
    if (state === 'forbidden') {
      return {
        state,
        message: this.forbiddenWords(),
        ...(message ? { detail: message } : {}),
        events: [],
        total: 0,
        ...base,
      }
    }
    return { state, ...(message ? { message } : {}), events: [], total: 0, ...base }
  }

  /** One state for both APIs: any that reads decides; forbidden only when neither may read. */
  private combined(): { state: EventsResponse['state']; message?: string } {
    const states = [...this.followed.values()].map((f) => f.state)
    if (states.some((s) => s.state === 'ok')) return { state: 'ok' }
    // Core v1 is asked only once events.k8s.io has answered; until both have, it is too early.
    if (states.some((s) => s.state === 'pending')) return { state: 'pending' }
    const refused = states.find((s) => s.state === 'failing') ?? states.find((s) => s.state === 'forbidden')
    if (refused?.state === 'failing' || refused?.state === 'forbidden') {
      return { state: refused.state, ...(refused.message ? { message: refused.message } : {}) }
    }
    return { state: 'failing', message: 'neither events.k8s.io/v1 nor v1 Events are served' }
  }

  private forbiddenWords(): string {
    const { namespace } = this.options.target
    const where = namespace
      ? `in namespace ${namespace}`
      : 'across namespaces (a cluster-scoped object’s Events may be in any)'
    return this.options.reader === 'person'
      ? `You may not list Events ${where}.`
      : `The identity Gatemap reads the cluster with may not list Events ${where}; grant list and watch on events (events.k8s.io) to show them.`
  }

  private follow(api: EventsApi): void {
    if (this.followed.has(api) || this.stopped) return
    const { http, target, metrics, tuning } = this.options
    const held = new Map<string, HeldEvent>()
    const hold = (object: WireObject) => {
      const event = heldEvent(object, api)
      if (!event) return
      held.set(event.row.uid, event)
      if (held.size > HELD_EVENTS) dropOldest(held)
    }
    const watcher = new KindWatcher({
      ...tuning,
      http,
      resource: RESOURCES[api],
      ...(target.namespace ? { namespace: target.namespace } : {}),
      fieldSelector: eventFieldSelector(api, target.kind, target.name),
      metrics,
      sink: {
        replace: (objects) => {
          held.clear()
          for (const object of objects) hold(object)
          this.changed()
        },
        upsert: (object) => {
          hold(object)
          this.changed()
        },
        remove: (object) => {
          const uid = object.metadata.uid || `${object.metadata.namespace ?? ''}/${object.metadata.name}`
          held.delete(uid)
          this.changed()
        },
      },
      onState: (state) => {
        followed.state = state
        // events.k8s.io refused, absent or failing (a server that does not take its field selector):
        // the same Events may be readable as core v1 Events.
        if (api === 'events.k8s.io/v1' && state.state !== 'ok' && state.state !== 'pending') this.follow('v1')
        this.changed()
      },
    })
    const followed: Followed = { watcher, held, state: { state: 'pending' } }
    this.followed.set(api, followed)
    watcher.start()
  }

  private changed(): void {
    if (this.combined().state !== 'pending') this.wake()
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter()
  }
}

function dropOldest(held: Map<string, HeldEvent>): void {
  let oldest: HeldEvent | undefined
  for (const event of held.values()) if (!oldest || newestFirst(event.row, oldest.row) > 0) oldest = event
  if (oldest) held.delete(oldest.row.uid)
}
