// A namespaced kind watched only in some namespaces (`gatemap serve --namespace`), for people whose
// rights stop at their namespaces: one list-then-watch loop per namespace, seen from outside as one
// watcher of the kind. Each loop's full list replaces only its own namespace's objects, and the
// kind's state is the worst of its namespaces', naming the namespace.
import type { KindStateName, WireObject } from '@gatemap/shared'
import type { ResourceInfo } from './discovery.ts'
import { KindWatcher, type KindWatcherOptions, type WatcherSink, type WatcherState } from './watcher.ts'

/** What ClusterSource needs of a kind's watcher, scoped or not. */
export interface Watcher {
  readonly resource: ResourceInfo
  readonly running: boolean
  start(): void
  stop(): Promise<void>
}

/** Worst first: the state a kind shows when its namespaces disagree. */
const ORDER: KindStateName[] = ['not-installed', 'forbidden', 'failing', 'pending', 'ok']

export class ScopedKindWatcher implements Watcher {
  readonly resource: ResourceInfo
  private readonly loops: KindWatcher[]
  private readonly held = new Map<string, Map<string, WireObject>>()
  private readonly states = new Map<string, WatcherState>()

  constructor(options: KindWatcherOptions, namespaces: readonly string[]) {
    this.resource = options.resource
    const all = () => [...this.held.values()].flatMap((objects) => [...objects.values()])
    this.loops = namespaces.map((namespace) => {
      const objects = new Map<string, WireObject>()
      this.held.set(namespace, objects)
      const sink: WatcherSink = {
        replace: (list) => {
          objects.clear()
          for (const o of list) objects.set(o.metadata.name, o)
          options.sink.replace(all())
        },
        upsert: (o) => {
          objects.set(o.metadata.name, o)
          options.sink.upsert(o)
        },
        remove: (o) => {
          objects.delete(o.metadata.name)
          options.sink.remove(o)
        },
      }
      return new KindWatcher({
        ...options,
        namespace,
        sink,
        onState: (state) => {
          this.states.set(namespace, state)
          options.onState(this.merged(namespaces))
        },
      })
    })
  }

  get running(): boolean {
    return this.loops.some((loop) => loop.running)
  }

  start(): void {
    for (const loop of this.loops) loop.start()
  }

  async stop(): Promise<void> {
    await Promise.all(this.loops.map((loop) => loop.stop()))
  }

  private merged(namespaces: readonly string[]): WatcherState {
    const known = namespaces.map((ns) => [ns, this.states.get(ns) ?? { state: 'pending' }] as const)
    const worst = known.reduce((a, b) => (ORDER.indexOf(b[1].state) < ORDER.indexOf(a[1].state) ? b : a))
    const [namespace, state] = worst
    if (state.state === 'ok' || state.state === 'pending') return { state: state.state }
    return {
      state: state.state,
      ...(state.message ? { message: `namespace ${namespace}: ${state.message}` } : {}),
      ...(state.retryAt ? { retryAt: state.retryAt } : {}),
    }
  }
}
