// Bearer mode: the analysis of what one person can see. Validate, the attachment preview and the
// computed status must judge with the person's view — the objects their stream gets and the facts of
// what is hidden from them — or their verdicts would rest on (and their messages name) objects RBAC
// keeps from them. A view is an Analyzer fed from the store through the person's stream filter, kept
// current by the store's events; people with the same RBAC share one, and only the most recently
// used few are kept.
import {
  Analyzer,
  type KubeObject,
  type StreamEvent,
  sameUnreadable,
  type Unreadable,
  unreadableFrom,
} from '@gatemap/shared'
import type { ResourceStore } from '../store/resource-store.ts'
import type { StreamFilter } from '../stream/hub.ts'

export interface ViewSpec {
  /** Equal for two people whose RBAC lets them see the same things. */
  key: string
  filter: StreamFilter
}

export interface ViewOptions {
  assumeAbsentGatewayClasses?: boolean
  /** Views kept at most (least recently used dropped first). */
  max?: number
}

class View {
  analyzer: Analyzer
  private unreadable: Unreadable
  private readonly store: ResourceStore
  private readonly filter: StreamFilter
  private readonly options: ViewOptions

  constructor(store: ResourceStore, filter: StreamFilter, options: ViewOptions) {
    this.store = store
    this.filter = filter
    this.options = options
    this.unreadable = this.unreadableNow()
    this.analyzer = this.rebuilt()
  }

  private unreadableNow(): Unreadable {
    return unreadableFrom(this.store.kindStates().map((s) => this.filter.kind(s)))
  }

  private rebuilt(): Analyzer {
    const analyzer = new Analyzer({
      unreadable: this.unreadable,
      assumeAbsentGatewayClasses: this.options.assumeAbsentGatewayClasses ?? false,
    })
    for (const entry of this.store.all())
      if (this.filter.object(entry)) analyzer.upsert(entry.object as KubeObject)
    return analyzer
  }

  follow(event: StreamEvent): void {
    if (event.type === 'kind-state') {
      const unreadable = this.unreadableNow()
      if (!sameUnreadable(unreadable, this.unreadable)) {
        this.unreadable = unreadable
        this.analyzer = this.rebuilt()
      }
      return
    }
    if (event.type !== 'delta') return
    const { object } = event
    if (event.op === 'deleted')
      this.analyzer.remove(object.kind, object.metadata.namespace, object.metadata.name)
    else if (this.filter.object(event)) this.analyzer.upsert(object as KubeObject)
  }
}

export class PersonalViews {
  private readonly views = new Map<string, View>()
  private readonly store: ResourceStore
  private readonly options: ViewOptions
  private readonly unsubscribe: () => void

  constructor(store: ResourceStore, options: ViewOptions = {}) {
    this.store = store
    this.options = options
    this.unsubscribe = store.subscribe((event) => {
      for (const view of this.views.values()) view.follow(event)
    })
  }

  /** The analysis of what `spec` lets its person see, built on first use. */
  analyzer(spec: ViewSpec): Analyzer {
    let view = this.views.get(spec.key)
    if (view) this.views.delete(spec.key)
    else view = new View(this.store, spec.filter, this.options)
    this.views.set(spec.key, view) // most recently used last
    const max = this.options.max ?? 16
    for (const key of this.views.keys()) {
      if (this.views.size <= max) break
      this.views.delete(key)
    }
    return view.analyzer
  }

  get size(): number {
    return this.views.size
  }

  close(): void {
    this.unsubscribe()
    this.views.clear()
  }
}
