// Prometheus metrics. Most are read at scrape time from the parts that count them, so counting
// costs nothing on the hot paths. What only grows is a Counter (named *_total), what goes up and
// down a Gauge, so rate() and increase() mean what they say.
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client'
import type { AnalysisService } from '../analysis/service.ts'
import type { Source, SourceStats } from '../sources/source.ts'
import type { StreamHub } from '../stream/hub.ts'

export interface Metrics {
  registry: Registry
  applyResults: Counter<'operation' | 'result'>
}

const NO_STATS: SourceStats = {
  watchRestarts: 0,
  relists: 0,
  watchEvents: new Map(),
  watchBookmarks: new Map(),
}

export function createMetrics(parts: { hub: StreamHub; analysis: AnalysisService; source: Source }): Metrics {
  const registry = new Registry()
  // Process and Node.js metrics (resident memory, heap, event-loop lag, GC) under the usual names.
  collectDefaultMetrics({ register: registry })
  const { hub, analysis, source } = parts
  const stats = () => source.stats?.() ?? NO_STATS

  /** A Counter whose total is kept elsewhere: each scrape adds what was counted since the last. */
  const counter = (name: string, help: string, read: () => number) => {
    let exported = 0
    return new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        const now = read()
        if (now > exported) this.inc(now - exported)
        exported = Math.max(exported, now)
      },
    })
  }
  /** The same for counts per `group/kind`, as labels `group` and `kind`. */
  const kindCounter = (name: string, help: string, read: () => ReadonlyMap<string, number>) => {
    const exported = new Map<string, number>()
    return new Counter({
      name,
      help,
      labelNames: ['group', 'kind'] as const,
      registers: [registry],
      collect() {
        for (const [key, now] of read()) {
          const before = exported.get(key) ?? 0
          const slash = key.lastIndexOf('/')
          const labels = { group: key.slice(0, slash), kind: key.slice(slash + 1) }
          // Every kind seen has a series, at zero if it had nothing yet.
          this.inc(labels, Math.max(0, now - before))
          exported.set(key, Math.max(before, now))
        }
      },
    })
  }

  new Gauge({
    name: 'gatemap_stream_clients',
    help: 'Connected WebSocket stream clients (browser tabs).',
    registers: [registry],
    collect() {
      this.set(hub.clients)
    },
  })
  counter('gatemap_stream_deltas_sent_total', 'Deltas sent to stream clients.', () => hub.counters.deltasSent)
  counter(
    'gatemap_stream_snapshots_sent_total',
    'Snapshots sent to stream clients.',
    () => hub.counters.snapshotsSent,
  )
  counter(
    'gatemap_stream_first_frames_sent_total',
    'First frames drawn by the server for tabs that asked, sent before their snapshot.',
    () => hub.counters.firstFramesSent,
  )
  counter(
    'gatemap_stream_overflows_total',
    'Times a stalled client fell so far behind it was switched to a fresh snapshot.',
    () => hub.counters.overflows,
  )
  counter(
    'gatemap_watch_restarts_total',
    'Watches of the cluster re-established after an error, a lost connection or a 410 (not planned timeouts).',
    () => stats().watchRestarts,
  )
  counter(
    'gatemap_watch_relists_total',
    "Full states of a kind read again (list or WatchList) after the kind's first.",
    () => stats().relists,
  )
  kindCounter(
    'gatemap_watch_events_total',
    'Watch events (added, modified, deleted) received, by kind.',
    () => stats().watchEvents,
  )
  kindCounter(
    'gatemap_watch_bookmarks_total',
    'Watch bookmarks received, by kind.',
    () => stats().watchBookmarks,
  )
  counter(
    'gatemap_analysis_seconds_total',
    'Time spent in the analysis for REST requests.',
    () => analysis.seconds,
  )
  counter('gatemap_analysis_runs_total', 'Analysis runs for REST requests.', () => analysis.runs)
  const applyResults = new Counter({
    name: 'gatemap_apply_results_total',
    help: 'Writes by operation (apply, create, delete), dry run or not, and result (ok or the HTTP status).',
    labelNames: ['operation', 'result'] as const,
    registers: [registry],
  })
  return { registry, applyResults }
}
