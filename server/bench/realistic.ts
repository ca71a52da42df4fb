// `pnpm bench` for the CLI and the server on a realistic folder (shared/bench/realistic.ts): every
// figure beside the floors measured in the same run, because the machine is shared and its load
// moves absolute times by 2-3x. Floors: a bare `node` start, and a script that only reads the files
// and parses them with the `yaml` package. Sizes: GATEMAP_BENCH_SIZES (default 1000,5000,10000,20000).
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { generateRealistic } from '../../shared/bench/realistic.ts'
import { bundleCli, GATEMAP_NODE_FLAGS } from '../src/cli/bundle.ts'

const REPO = join(import.meta.dirname, '../..')
const SOURCES = join(REPO, 'server/src/cli/main.ts')
// What ./gatemap runs: the bundle, rebuilt here as ./gatemap would, with the launcher's V8 flags.
const CLI = await bundleCli()
const NODE = [process.execPath, ...GATEMAP_NODE_FLAGS]
const STEPS = join(import.meta.dirname, 'steps.ts')
const sizes = (process.env.GATEMAP_BENCH_SIZES ?? '1000,5000,10000,20000').split(',').map(Number)
const crds = execFileSync('bash', [join(REPO, 'e2e/cluster/cluster.sh'), 'crds', 'experimental'], {
  encoding: 'utf8',
}).trim()
const env = {
  ...process.env,
  GATEMAP_CRDS_DIR: crds,
  NODE_COMPILE_CACHE: join(REPO, '.cache/node-compile'),
  GATEMAP_CACHE_DIR: join(REPO, '.cache'),
}
const root = mkdtempSync(join(tmpdir(), 'gatemap-bench-'))
process.on('exit', () => rmSync(root, { recursive: true, force: true }))

interface Run {
  cpu: number
  rss: number
  wall: number
}

/** CPU seconds (user + system) and peak RSS of a child, from GNU time. */
function measure(args: string[]): Run {
  const report = join(root, 'time.txt')
  // Exit code 1 is `analyze` finding problems, which the folder has on purpose.
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S %M %e', '-o', report, ...args], {
    env,
    stdio: 'ignore',
  })
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')}: exit ${result.status}`)
  const [user, sys, kb, wall] = readFileSync(report, 'utf8').trim().split(/\s+/).slice(-4).map(Number)
  return { cpu: user! + sys!, rss: kb! * 1024, wall: wall! }
}

/** The best of `n` runs (least disturbed by the other processes on the machine). */
function best(n: number, args: string[]): Run {
  const runs = Array.from({ length: n }, () => measure(args))
  return {
    cpu: Math.min(...runs.map((r) => r.cpu)),
    rss: Math.min(...runs.map((r) => r.rss)),
    wall: Math.min(...runs.map((r) => r.wall)),
  }
}

function writeFolder(routes: number): { dir: string; objects: number; files: number; bytes: number } {
  const dir = join(root, `r${routes}`)
  const folder = generateRealistic(routes)
  let bytes = 0
  for (const [path, text] of folder.files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
    bytes += text.length
  }
  return { dir, objects: folder.objects, files: folder.files.size, bytes }
}

/** `gatemap serve --manifests DIR` until /readyz answers; its CPU and RSS then, from /proc. */
async function serve(dir: string): Promise<{ cpu: number; rss: number; hwm: number }> {
  const port = 20000 + Math.floor(Math.random() * 20000)
  const child = spawn(
    NODE[0]!,
    [...NODE.slice(1), CLI, 'serve', '--manifests', dir, '--port', String(port)],
    {
      env,
      stdio: 'ignore',
    },
  )
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`)
        .then((r) => r.ok)
        .catch(() => false)
      if (ok) break
      if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(fields[11]) + Number(fields[12])
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)![1]) * 1024
    return { cpu: ticks / 100, rss: kb('VmRSS'), hwm: kb('VmHWM') }
  } finally {
    child.kill()
  }
}

const s = (v: number) => `${v.toFixed(2)} s`
const mb = (v: number) => `${(v / 1024 / 1024).toFixed(0)} MB`
const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`

console.log(
  `Realistic folder benchmark, ${new Date().toISOString().slice(0, 16)}Z; ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load ${loadavg()[0]!.toFixed(1)} at the start`,
)
const bare = best(3, [process.execPath, '-e', '0'])
const one = join(root, 'one')
mkdirSync(one)
writeFileSync(
  join(one, 'class.yaml'),
  'apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: one\nspec:\n  controllerName: example.com/one\n',
)
const analyzeOne = best(3, [...NODE, CLI, 'analyze', one])
const sourcesOne = best(3, [process.execPath, SOURCES, 'analyze', one])
const serveOne = await serve(one)
console.log('')
console.log('| measure | value | against the floor |')
console.log('| --- | --- | --- |')
console.log(`| bare \`node -e 0\` (floor) | ${s(bare.cpu)} CPU, ${mb(bare.rss)} | — |`)
console.log(
  `| \`gatemap analyze\` of a one-object folder | ${s(analyzeOne.cpu)} CPU, ${mb(analyzeOne.rss)} | ${x(analyzeOne.cpu, bare.cpu)} CPU, ${x(analyzeOne.rss, bare.rss)} RSS |`,
)
console.log(
  `| the same from the sources (\`node server/src/cli/main.ts\`, no bundle, no flags) | ${s(sourcesOne.cpu)} CPU, ${mb(sourcesOne.rss)} | ${x(sourcesOne.cpu, bare.cpu)} CPU, ${x(sourcesOne.rss, bare.rss)} RSS |`,
)
console.log(`| server RSS with one object | ${mb(serveOne.rss)} (peak ${mb(serveOne.hwm)}) | — |`)

const slopes: { objects: number; cpu: number; rss: number }[] = []
for (const routes of sizes) {
  const folder = writeFolder(routes)
  const parse = measure([process.execPath, STEPS, 'parse', folder.dir])
  const analyze = measure([...NODE, CLI, 'analyze', folder.dir])
  const json = measure([...NODE, CLI, 'analyze', '--output', 'json', folder.dir])
  const steps = JSON.parse(
    execFileSync(process.execPath, [STEPS, 'steps', folder.dir], {
      env,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    }),
  ) as Record<string, number>
  const served = await serve(folder.dir)
  slopes.push({ objects: folder.objects, cpu: analyze.cpu, rss: analyze.rss })
  console.log(
    `| **${routes} routes**: ${folder.objects} objects, ${folder.files} files, ${(folder.bytes / 2 ** 20).toFixed(1)} MB | | |`,
  )
  console.log(`| read + parse with \`yaml\` only (floor) | ${s(parse.cpu)} CPU, ${mb(parse.rss)} | — |`)
  console.log(
    `| \`gatemap analyze\` | ${s(analyze.cpu)} CPU, ${mb(analyze.rss)} | ${x(analyze.cpu, parse.cpu)} CPU, ${x(analyze.rss, parse.rss)} RSS |`,
  )
  console.log(
    `| \`gatemap analyze --output json\` | ${s(json.cpu)} CPU, ${mb(json.rss)} | ${x(json.cpu, parse.cpu)} CPU, ${x(json.rss, parse.rss)} RSS |`,
  )
  console.log(
    `| in one process: \`yaml\` parse / Gatemap's read with positions / analysis / findings | ${steps.yaml!.toFixed(0)} / ${steps.read!.toFixed(0)} / ${steps.analysis!.toFixed(0)} / ${steps.findings!.toFixed(0)} ms | read ${x(steps.read!, steps.yaml!)}, analysis ${x(steps.analysis!, steps.yaml!)} the parse |`,
  )
  console.log(
    `| in one process: admission checks (schema + CEL) reusing equal values' CEL findings, as analyze runs them / evaluating every rule / reusing again, warm | ${steps.admission!.toFixed(0)} / ${steps.admissionFull!.toFixed(0)} / ${steps.admissionWarm!.toFixed(0)} ms | ${x(steps.admission!, steps.yaml!)} / ${x(steps.admissionFull!, steps.yaml!)} / ${x(steps.admissionWarm!, steps.yaml!)} the parse |`,
  )
  console.log(
    `| \`gatemap serve --manifests\`: folder loaded (ready) | ${s(served.cpu)} CPU, RSS ${mb(served.rss)} (peak ${mb(served.hwm)}) | ${x(served.cpu, analyze.cpu)} the CLI's analyze CPU |`,
  )
}
if (slopes.length >= 2) {
  const a = slopes[0]!
  const b = slopes[slopes.length - 1]!
  const per = (d: number) => d / (b.objects - a.objects)
  console.log(
    `| slope of \`gatemap analyze\`, ${a.objects} → ${b.objects} objects | ${(per(b.cpu - a.cpu) * 1e6).toFixed(0)} µs CPU and ${(per(b.rss - a.rss) / 1024).toFixed(1)} KB peak RSS per object | ${a.cpu / a.objects < b.cpu / b.objects ? 'per-object CPU grows with size' : 'linear or better'} |`,
  )
}
console.log(`\nload at the end: ${loadavg()[0]!.toFixed(1)}`)
