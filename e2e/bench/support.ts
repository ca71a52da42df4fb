// What the Chromium benchmarks share: the built app they serve, one cleanup list that runs once on
// every way out (done, failed, interrupted, or stopped by the watchdog), and the statistics and
// formatting of their Markdown tables.
import { execFileSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
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

/** Builds the app when it is missing, and says so when it is older than the sources it measures. */
export function ensureBuiltApp(): void {
  const index = path.join(BENCH_WEB, 'index.html')
  if (!existsSync(index)) execFileSync('pnpm', ['-C', path.join(repo, 'web'), 'build'], { stdio: 'inherit' })
  const lastChange = Number(
    execFileSync('git', ['-C', repo, 'log', '-1', '--format=%ct', '--', 'web', 'shared'], {
      encoding: 'utf8',
    }),
  )
  if (statSync(index).mtimeMs < lastChange * 1000) {
    process.stderr.write(
      `bench: ${BENCH_WEB} is older than the last commit to web/ or shared/; this measures that build\n`,
    )
  }
}

/** The heading of a result: what, when, which commit, on what machine and browser. */
export function resultHeading(what: string, chromium: string, extra = ''): string {
  const commit = execFileSync('git', ['-C', repo, 'rev-parse', '--short', 'HEAD'], {
    encoding: 'utf8',
  }).trim()
  const cpu = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`
  return `### ${what} (${new Date().toISOString().slice(0, 10)}, commit ${commit}, ${cpu}, ${mb(totalmem())} RAM, Node ${process.versions.node}, Chromium ${chromium}${extra})`
}
