// `pnpm bench` for the analysis: full analysis against JSON.parse of the same objects (the floor:
// the objects must at least be read), re-analysis after one route changes, and memory.
// Run with --expose-gc for the memory figures.
import { analyze, findings } from '../src/index.ts'
import { DEFAULT_SIZE, generateCluster, makeRoute } from './generate.ts'
import { traceRows } from './trace.ts'

const gc = (globalThis as { gc?: () => void }).gc

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

function time<T>(fn: () => T): [number, T] {
  const start = performance.now()
  const result = fn()
  return [performance.now() - start, result]
}

const size = DEFAULT_SIZE
const objects = generateCluster(size)
const text = JSON.stringify(objects)
const rounds = 7

const parseTimes: number[] = []
const analyzeTimes: number[] = []
for (let i = 0; i < rounds; i++) {
  const [parseMs, parsed] = time(() => JSON.parse(text) as typeof objects)
  parseTimes.push(parseMs)
  // Analyze freshly parsed objects each round, so no round benefits from a warm object graph.
  analyzeTimes.push(time(() => analyze(parsed))[0])
}

gc?.()
const before = process.memoryUsage().heapUsed
const parsed = JSON.parse(text) as typeof objects
gc?.()
const afterParse = process.memoryUsage().heapUsed
const analyzer = analyze(parsed)
gc?.()
const afterAnalysis = process.memoryUsage().heapUsed

// One route edited at a time: its hostname moves to another Gateway's domain and back.
const changeTimes: number[] = []
for (let i = 0; i < 500; i++) {
  const r = (i * 7919) % size.routes
  const changed = makeRoute(size, r, i + 1)
  changeTimes.push(
    time(() => {
      analyzer.upsert(changed)
      analyzer.refresh()
    })[0],
  )
}
const [findingsMs, found] = time(() => findings(analyzer))

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1)
const parseMs = median(parseTimes)
const analyzeMs = median(analyzeTimes)
const counts = `${size.gateways} Gateways × ${size.listenersPerGateway} listeners, ${size.routes} HTTPRoutes in ${size.namespaces} namespaces, ${size.services} Services, ${size.referenceGrants} ReferenceGrants (${objects.length} objects, ${mb(text.length)} MB of JSON)`
console.log(`Analysis benchmark: ${counts}`)
console.log('')
console.log('| measure | result |')
console.log('| --- | --- |')
console.log(`| JSON.parse of the objects (median of ${rounds}) | ${parseMs.toFixed(1)} ms |`)
console.log(`| full analysis (median of ${rounds}) | ${analyzeMs.toFixed(1)} ms |`)
console.log(`| ratio analysis / parse (target ≤ 1.0) | ${(analyzeMs / parseMs).toFixed(2)} |`)
console.log(
  `| re-analysis after one route change, median / p99 of 500 | ${median(changeTimes).toFixed(3)} ms / ${[...changeTimes].sort((a, b) => a - b)[Math.floor(changeTimes.length * 0.99)]!.toFixed(3)} ms |`,
)
console.log(`| findings over the whole cluster | ${findingsMs.toFixed(1)} ms (${found.length} findings) |`)
for (const row of traceRows(analyzer)) console.log(row)
console.log(`| heap: parsed objects | ${gc ? `${mb(afterParse - before)} MB` : 'run with --expose-gc'} |`)
console.log(
  `| heap: analysis on top of them | ${gc ? `${mb(afterAnalysis - afterParse)} MB` : 'run with --expose-gc'} |`,
)
