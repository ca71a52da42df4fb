// The server's live analysis: the shared Analyzer, fed from the ResourceStore, so the REST API can
// answer "what would this route's status be?" without re-analysing the cluster. The browser runs
// the same shared code on the same objects, so the two cannot disagree. Like the browser's, it is
// rebuilt when RBAC keeps a kind (Secrets, ConfigMaps) from the source, so references to it read
// "cannot check" rather than "does not exist". In bearer mode each person's view is analysed too.
import {
  Analyzer,
  type KubeObject,
  type ProposalPreview,
  previewProposal,
  type StreamEvent,
  sameUnreadable,
  type Unreadable,
  unreadableFrom,
} from '@gatemap/shared'
import type { ResourceStore } from '../store/resource-store.ts'
import { PersonalViews } from './views.ts'

export class AnalysisService {
  private current: Analyzer
  private unreadable: Unreadable
  /** Total seconds spent analysing, and how many times (for /metrics). */
  seconds = 0
  runs = 0
  private readonly unsubscribe: () => void
  /** Bearer mode: the analysis of each person's view (views.ts). */
  readonly views: PersonalViews

  private readonly store: ResourceStore

  /** Folder sources assume a named GatewayClass they lack (see AnalyzerOptions); clusters do not. */
  private readonly assumeAbsentGatewayClasses: boolean

  constructor(store: ResourceStore, options: { assumeAbsentGatewayClasses?: boolean } = {}) {
    this.store = store
    this.assumeAbsentGatewayClasses = options.assumeAbsentGatewayClasses ?? false
    this.unreadable = unreadableFrom(store.kindStates())
    this.current = this.rebuilt()
    this.unsubscribe = store.subscribe((event) => this.follow(event))
    this.views = new PersonalViews(store, { assumeAbsentGatewayClasses: this.assumeAbsentGatewayClasses })
  }

  get analyzer(): Analyzer {
    return this.current
  }

  private rebuilt(): Analyzer {
    const analyzer = new Analyzer({
      unreadable: this.unreadable,
      assumeAbsentGatewayClasses: this.assumeAbsentGatewayClasses,
    })
    for (const entry of this.store.all()) analyzer.upsert(entry.object as KubeObject)
    return analyzer
  }

  close(): void {
    this.unsubscribe()
    this.views.close()
  }

  private follow(event: StreamEvent): void {
    if (event.type === 'kind-state') {
      const unreadable = unreadableFrom(this.store.kindStates())
      if (!sameUnreadable(unreadable, this.unreadable)) {
        this.unreadable = unreadable
        this.current = this.rebuilt()
      }
    }
    if (event.type !== 'delta') return
    const { object } = event
    if (event.op === 'deleted')
      this.analyzer.remove(object.kind, object.metadata.namespace, object.metadata.name)
    else this.analyzer.upsert(object as KubeObject)
  }

  /** Runs analysis work, counting its time for /metrics. */
  timed<T>(work: () => T): T {
    const start = performance.now()
    try {
      return work()
    } finally {
      this.seconds += (performance.now() - start) / 1000
      this.runs++
    }
  }

  /** The shared preview: the proposal judged as if applied, then the current object put back. */
  preview(proposed: KubeObject): ProposalPreview {
    return this.timed(() => previewProposal(this.analyzer, proposed))
  }

  /** Current computed status of a stored object, by the server's analysis or a person's view. */
  statusOf(kind: string, namespace: string | undefined, name: string, analyzer = this.analyzer): unknown {
    return this.timed(() => {
      analyzer.refresh()
      return analyzer.statusOf(kind, namespace, name)
    })
  }
}
