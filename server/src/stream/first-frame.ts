// The first frame a subscribing tab asks for (shared/src/view/frame/first-frame.ts says why), drawn
// by the pipeline the tab's worker runs, over the server's own live analysis: no second analysis is
// built, and the code is warm after the first tab. Tabs that open the same view of the same state
// share one drawing, as they share the snapshot's serialisation.
import {
  applyMessage,
  createMirror,
  type FirstFrameRequest,
  PROTOCOL_VERSION,
  type SourceInfo,
} from '@gatemap/shared'
import { GraphPipeline } from '@gatemap/shared/view/frame/pipeline.ts'
import type { AnalysisService } from '../analysis/service.ts'
import type { ResourceStore } from '../store/resource-store.ts'

/** Views drawn for one state of the store (a tab's filters and selection make each different; 5.8 MB each at 10k). */
const KEPT = 4

export class FirstFrames {
  private readonly store: ResourceStore
  private readonly analysis: AnalysisService
  private readonly source: SourceInfo
  /** Messages drawn at `seq`, by request; dropped as soon as the store moves on. */
  private drawn = new Map<string, string>()
  private seq = -1
  /** Frames drawn (not served from the cache), for tests and /metrics. */
  draws = 0

  constructor(store: ResourceStore, analysis: AnalysisService, source: SourceInfo) {
    this.store = store
    this.analysis = analysis
    this.source = source
  }

  /** The `first-frame` message for this request, as its text, for the store as it is now. */
  message(request: FirstFrameRequest): string {
    const { seq } = this.store
    if (seq !== this.seq) {
      this.drawn = new Map()
      this.seq = seq
    }
    const key = JSON.stringify(request)
    const kept = this.drawn.get(key)
    if (kept !== undefined) return kept
    const text = JSON.stringify({ type: 'first-frame', seq, frame: this.draw(request) })
    if (this.drawn.size >= KEPT) this.drawn.delete(this.drawn.keys().next().value as string)
    this.drawn.set(key, text)
    return text
  }

  private draw(request: FirstFrameRequest) {
    // The mirror the tab will hold once the hello and the snapshot after this frame are applied.
    const mirror = createMirror()
    const snapshot = this.store.snapshot()
    applyMessage(mirror, {
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      epoch: this.store.epoch,
      source: this.source,
    })
    applyMessage(mirror, { type: 'snapshot', epoch: this.store.epoch, reason: 'initial', ...snapshot })
    const pipeline = GraphPipeline.over(mirror, this.analysis.analyzer)
    pipeline.problemsShown = request.problems
    this.draws++
    return this.analysis.timed(() => pipeline.frame(request.view))
  }
}
