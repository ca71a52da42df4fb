// The server's live analysis: the shared Analyzer, fed from the ResourceStore, so the REST API can
// answer "what would this route's status be?" without re-analysing the cluster. The browser runs
// the same shared code on the same objects, so the two cannot disagree.
import {
  Analyzer,
  type KubeObject,
  type ProposalPreview,
  previewProposal,
  type StreamEvent,
} from '@gatemap/shared'
import type { ResourceStore } from '../store/resource-store.ts'

export class AnalysisService {
  readonly analyzer = new Analyzer()
  /** Total seconds spent analysing, and how many times (for /metrics). */
  seconds = 0
  runs = 0
  private readonly unsubscribe: () => void

  constructor(store: ResourceStore) {
    for (const entry of store.all()) this.analyzer.upsert(entry.object as KubeObject)
    this.unsubscribe = store.subscribe((event) => this.follow(event))
  }

  close(): void {
    this.unsubscribe()
  }

  private follow(event: StreamEvent): void {
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

  /** Current computed status of a stored object. */
  statusOf(kind: string, namespace: string | undefined, name: string): unknown {
    return this.timed(() => {
      this.analyzer.refresh()
      return this.analyzer.statusOf(kind, namespace, name)
    })
  }
}
