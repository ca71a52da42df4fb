// `node e2e/bench/unfold.ts`: unfolding a namespace group in Chromium on the realistic folder of
// shared/bench/realistic.ts (GATEMAP_BENCH_ROUTES, default 1000 routes), served by a real
// `gatemap serve --manifests` with the app of $GATEMAP_BENCH_WEB (default web/dist). The first
// complete graph is timed from `page.goto`; then GATEMAP_BENCH_UNFOLDS (default 7) group buttons are
// clicked in turn, each timed in the page from the click to the graph reading complete again (the
// app marks it two animation frames after React committed the worker's frame), and the page's main
// thread's CPU time over the same span from a Chromium trace (a loaded machine stretches wall time,
// not CPU time). Medians; measured, never asserted. GATEMAP_BENCH_THREADS=1 also prints each
// thread's CPU per unfold (raster runs on pool threads); =2 adds the pool's tasks by name.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { generateRealistic } from '../../shared/bench/realistic.ts'
import { launchChromium } from '../test/browser/chromium.ts'
import { closeDashboard, openDashboard, waitForGraph } from '../test/browser/dashboard.ts'
import { startServe } from '../test/serve-process.ts'
import { armWatchdog, BENCH_WEB, cleanup, cleanups, ensureBuiltApp, median } from './support.ts'

const ROUTES = Number(process.env.GATEMAP_BENCH_ROUTES ?? 1000)
const UNFOLDS = Number(process.env.GATEMAP_BENCH_UNFOLDS ?? 7)
const disarm = armWatchdog(15 * 60_000)

ensureBuiltApp()
const dir = mkdtempSync(path.join(tmpdir(), 'gatemap-bench-unfold-'))
cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
const folder = generateRealistic(ROUTES)
for (const [file, text] of folder.files) {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
  writeFileSync(path.join(dir, file), text)
}
const serve = await startServe(['--manifests', dir, '--web', BENCH_WEB])
cleanups.push(() => serve.stop())
await serve.synced
const browser = await launchChromium()
cleanups.push(() => browser.close())

console.log(
  `Unfold benchmark, ${new Date().toISOString().slice(0, 16)}Z, ${ROUTES} routes (${folder.objects} objects), Chromium ${browser.version()}, load ${loadavg()[0]!.toFixed(1)} at the start`,
)
const page = await openDashboard(browser, serve, { path: '/', viewport: { width: 1440, height: 900 } })
type Tapped = { __frames: { at: number; timings: Record<string, number> }[] }
// The graph worker's frames as they reach the page, with the worker's own step timings (the app is
// not changed: its Worker is wrapped before it starts, and the page loaded again).
await page.context().addInitScript(() => {
  const frames: Tapped['__frames'] = []
  ;(window as unknown as Tapped).__frames = frames
  const Original = window.Worker
  window.Worker = class extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options)
      this.addEventListener('message', (event: MessageEvent) => {
        const data = event.data as { type: string; frame?: { timings: Record<string, number> } }
        if (data.frame) frames.push({ at: performance.now(), timings: data.frame.timings })
      })
    }
  }
})
await page.reload()

const start = Date.now()
await waitForGraph(page, { timeoutMs: 180_000 })
const firstGraph = Date.now() - start
await page.locator('.react-flow__controls-fitview').click()
await waitForGraph(page, { timeoutMs: 60_000 })

const TOP_LEVEL_TASKS = new Set(['RunTask', 'ThreadControllerImpl::RunTask', 'ThreadPool_RunTask'])

/** Adds `ms` to the sum kept under `key`. */
const addTo = (sums: Map<string, number>, key: string, ms: number) => sums.set(key, (sums.get(key) ?? 0) + ms)
/** The sums, largest first, as `name ms` (the first `most` only, if given). */
const largestFirst = (sums: Map<string, number>, most?: number) =>
  [...sums]
    .sort((a, b) => b[1] - a[1])
    .slice(0, most)
    .map(([name, ms]) => `${name} ${ms.toFixed(0)}`)
    .join(', ')

/** CPU time of the page's main thread (the renderer's, by the trace's thread clock) while `run` runs. */
async function mainThreadCpu<T>(run: () => Promise<T>): Promise<{ value: T; cpuMs: number }> {
  const cdp = await page.context().newCDPSession(page)
  const events: {
    name: string
    ph: string
    pid: number
    tid: number
    tdur?: number
    args?: { name?: string }
  }[] = []
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as typeof events)))
  await cdp.send('Tracing.start', {
    categories:
      process.env.GATEMAP_BENCH_THREADS === '2'
        ? 'devtools.timeline,toplevel,cc,gpu,skia,viz,benchmark'
        : 'devtools.timeline,toplevel',
    transferMode: 'ReportEvents',
  })
  const value = await run()
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve))
  await cdp.send('Tracing.end')
  await complete
  await cdp.detach()
  const names = new Map(
    events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name ?? '?']),
  )
  // Each thread's top-level tasks only (their names changed across Chromium versions; a pool
  // thread's are ThreadPool_RunTask), so nested tasks are not counted twice.
  const byThread = new Map<string, number>()
  for (const e of events) {
    if (e.ph !== 'X' || !e.tdur || !TOP_LEVEL_TASKS.has(e.name)) continue
    addTo(byThread, `${e.pid}:${e.tid}`, e.tdur / 1000)
  }
  // Every renderer's main thread: the page's is one of them.
  const cpuMs = [...byThread].reduce(
    (sum, [id, ms]) => (names.get(id) === 'CrRendererMain' ? sum + ms : sum),
    0,
  )
  if (process.env.GATEMAP_BENCH_THREADS) {
    if (process.env.GATEMAP_BENCH_THREADS === '2') {
      const pools = new Map<string, number>()
      for (const e of events) {
        if (e.ph !== 'X' || !e.tdur || names.get(`${e.pid}:${e.tid}`) !== 'ThreadPoolForegroundWorker')
          continue
        addTo(pools, `${e.pid} ${e.name}`, e.tdur / 1000)
      }
      const procs = events.filter((e) => e.name === 'process_name').map((e) => `${e.pid}=${e.args?.name}`)
      process.stderr.write(`  pool: ${procs.join(' ')} ${largestFirst(pools, 12)}\n`)
    }
    // Where the rest of the wall time goes, by thread name.
    const byName = new Map<string, number>()
    for (const [id, ms] of byThread) addTo(byName, names.get(id) ?? id, ms)
    process.stderr.write(`  threads: ${largestFirst(byName)}\n`)
  }
  return { value, cpuMs }
}

const unfolds: {
  ms: number
  toFrame: number
  frames: number
  worker: number
  nodes: number
  cpuMs: number
}[] = []
for (let i = 0; i < UNFOLDS; i++) {
  const group = page.locator('.react-flow__node[data-id^="ns:"]').first()
  // Only nodes in view are in the document: when the unfolds so far pushed every group out of it,
  // fit the graph again first (outside the timed span).
  if ((await group.count()) === 0) {
    await page.locator('.react-flow__controls-fitview').click()
    await waitForGraph(page, { timeoutMs: 60_000 })
  }
  await group.waitFor({ timeout: 30_000 })
  const id = (await group.getAttribute('data-id'))!
  const { value: seen, cpuMs } = await mainThreadCpu(() =>
    page.evaluate(async (groupId) => {
      const graph = document.querySelector<HTMLElement>('[data-testid="graph"]')!
      const button = document.querySelector<HTMLButtonElement>(
        `.react-flow__node[data-id="${CSS.escape(groupId)}"] button`,
      )!
      const t0 = performance.now()
      button.click()
      await new Promise((resolve) => setTimeout(resolve, 0))
      while (graph.dataset.graphState !== 'complete') await new Promise(requestAnimationFrame)
      const frames = (window as unknown as Tapped).__frames.filter((f) => f.at >= t0)
      const worker = frames.reduce((sum, f) => sum + Object.values(f.timings).reduce((a, b) => a + b, 0), 0)
      return {
        ms: performance.now() - t0,
        toFrame: (frames[frames.length - 1]?.at ?? Number.NaN) - t0,
        frames: frames.length,
        worker,
        nodes: document.querySelectorAll('.react-flow__node').length,
      }
    }, id),
  )
  unfolds.push({ ...seen, cpuMs })
  process.stderr.write(
    `unfold ${id}: ${seen.ms.toFixed(0)} ms; ${seen.frames} frame(s), the last on the page at ${seen.toFrame.toFixed(0)} ms, worker steps ${seen.worker.toFixed(0)} ms, page main thread ${cpuMs.toFixed(0)} ms CPU\n`,
  )
}
await closeDashboard(page)
const times = unfolds.map((u) => u.ms)
console.log(`| first complete graph (goto → complete) | ${firstGraph} ms |`)
console.log(
  `| unfold one namespace group (click → complete), median of ${times.length} | ${median(times).toFixed(0)} ms (${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}) |`,
)
console.log(
  `| of which: click → the worker's frame on the page / the worker's own steps (wall) | ${median(unfolds.map((u) => u.toFrame)).toFixed(0)} / ${median(unfolds.map((u) => u.worker)).toFixed(0)} ms |`,
)
console.log(
  `| the page's main thread during the unfold, CPU (trace thread time), median | ${median(unfolds.map((u) => u.cpuMs)).toFixed(0)} ms |`,
)
console.log(`load at the end: ${loadavg()[0]!.toFixed(1)}`)
disarm()
await cleanup()
