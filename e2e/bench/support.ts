// What the Chromium benchmarks share: the built app they serve, one cleanup list that runs once on
// every way out (done, failed, interrupted, or stopped by the watchdog), and the statistics and
// formatting of their Markdown tables.
import path from 'node:path'

const repo = path.join(import.meta.dirname, '../..')
/** The built app; $GATEMAP_BENCH_WEB points at another build (e.g. one made with `vite build --outDir`). */
export const BENCH_WEB = process.env.GATEMAP_BENCH_WEB || path.join(repo, 'web/dist')

/** Servers, browsers and temp folders register their teardown here. */
export const cleanups: (() => Promise<void> | void)[] = []
let cleaning: Promise<void> | undefined

export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step()
      } catch (error) {
        process.stderr.write(`bench: cleanup step failed: ${(error as Error).message}\n`)
      }
    }
  })()
  return cleaning
}

/** Gives up (cleaning up) after `limitMs`, and cleans up on Ctrl-C or SIGTERM. Returns the disarm. */
export function armWatchdog(limitMs: number): () => void {
  const watchdog = setTimeout(() => {
    process.stderr.write(`bench: still running after ${limitMs / 60_000} min, giving up\n`)
    void cleanup().finally(() => process.exit(1))
  }, limitMs)
  watchdog.unref()
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanup().finally(() => process.exit(130)))
  }
  return () => clearTimeout(watchdog)
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!
}

export const mb = (v: number) => `${(v / 1024 / 1024).toFixed(1)} MB`
export const verdict = (ok: boolean) => (ok ? 'met' : '**NOT met**')
export const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis))
