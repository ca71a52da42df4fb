// The server's live analysis: the shared Analyzer, fed from the ResourceStore, so the REST API can
// answer "what would this route's status be?" without re-analysing the cluster. The browser runs
// the same shared code on the same objects, so the two cannot disagree.
import { Analyzer, type Finding, findingsFor, type KubeObject, type StreamEvent } from '@gatemap/shared'
import type { ResourceStore } from '../store/resource-store.ts'

export interface Preview {
  /** The status the analysis computes for the proposed object. */
  status: unknown
  /** The status it computes for the object as it is now (undefined for a new object). */
  currentStatus: unknown
  findings: Finding[]
}

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

  private timed<T>(work: () => T): T {
    const start = performance.now()
    try {
      return work()
    } finally {
      this.seconds += (performance.now() - start) / 1000
      this.runs++
    }
  }

  /**
   * Judges a proposed object as if it replaced the current one, then puts the current one back.
   * Everything between runs synchronously, so no other request sees the proposal.
   */
  preview(proposed: KubeObject): Preview {
    return this.timed(() => {
      const { kind, metadata } = proposed
      const namespace = metadata.namespace ?? ''
      const current = this.analyzer.store.find(kind, metadata.namespace, metadata.name)
      this.analyzer.refresh()
      const currentStatus = current
        ? this.analyzer.statusOf(kind, metadata.namespace, metadata.name)
        : undefined
      this.analyzer.upsert(proposed)
      try {
        const findings = findingsFor(this.analyzer, kind, namespace, metadata.name)
        const status = this.analyzer.statusOf(kind, metadata.namespace, metadata.name)
        return { status, currentStatus, findings }
      } finally {
        if (current) this.analyzer.upsert(current)
        else this.analyzer.remove(kind, metadata.namespace, metadata.name)
        this.analyzer.refresh()
      }
    })
  }

  /** Current computed status of a stored object. */
  statusOf(kind: string, namespace: string | undefined, name: string): unknown {
    return this.timed(() => {
      this.analyzer.refresh()
      return this.analyzer.statusOf(kind, namespace, name)
    })
  }
}
