// Prometheus metrics. Most are read at scrape time from the parts that count them, so counting
// costs nothing on the hot paths.
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client'
import type { AnalysisService } from '../analysis/service.ts'
import type { Source } from '../sources/source.ts'
import type { StreamHub } from '../stream/hub.ts'

export interface Metrics {
  registry: Registry
  applyResults: Counter<'operation' | 'result'>
}

export function createMetrics(parts: { hub: StreamHub; analysis: AnalysisService; source: Source }): Metrics {
  const registry = new Registry()
  // Process and Node.js metrics (resident memory, heap, event-loop lag, GC) under the usual names.
  collectDefaultMetrics({ register: registry })
  const { hub, analysis, source } = parts
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read())
      },
    })
  // Counters that live elsewhere are exported as gauges of a monotonic value, named *_total so
  // rate() still reads naturally.
  gauge('gatemap_stream_clients', 'Connected WebSocket stream clients (browser tabs).', () => hub.clients)
  gauge('gatemap_stream_deltas_sent_total', 'Deltas sent to stream clients.', () => hub.counters.deltasSent)
  gauge(
    'gatemap_stream_snapshots_sent_total',
    'Snapshots sent to stream clients.',
    () => hub.counters.snapshotsSent,
  )
  gauge(
    'gatemap_stream_overflows_total',
    'Times a stalled client fell so far behind it was switched to a fresh snapshot.',
    () => hub.counters.overflows,
  )
  gauge(
    'gatemap_watch_restarts_total',
    'Watches restarted after an error or disconnect.',
    () => source.stats?.().watchRestarts ?? 0,
  )
  gauge(
    'gatemap_analysis_seconds_total',
    'Time spent in the analysis for REST requests.',
    () => analysis.seconds,
  )
  gauge('gatemap_analysis_runs_total', 'Analysis runs for REST requests.', () => analysis.runs)
  const applyResults = new Counter({
    name: 'gatemap_apply_results_total',
    help: 'Writes by operation (apply, create, delete), dry run or not, and result (ok or the HTTP status).',
    labelNames: ['operation', 'result'] as const,
    registers: [registry],
  })
  return { registry, applyResults }
}
