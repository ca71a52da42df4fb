// `pnpm bench`: the memory and resume drills. One large HTTPRoute (about 500 KB of YAML) in a
// folder is changed 400 times while a tab watches; the server's RSS is read every 100 changes. Then
// a tab resumes from seq 0 and from an old sequence number, and the bytes it is sent are counted.
// Run once with the default event-log budget and once with the budget raised out of the way (only
// the 10,000-event count bound left, as before the budget existed), to show what the budget buys.
// Prints a Markdown section for docs/benchmarks.md. Numbers are measured here, never asserted.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import path from 'node:path'
import type WebSocket from 'ws'
import { stringify } from 'yaml'
import { startServe } from '../test/serve-process.ts'

const CHANGES = Number(process.env.GATEMAP_BENCH_CHANGES ?? 400)
const RULES = 1_950
const mb = (v: number) => `${(v / 1024 / 1024).toFixed(0)} MB`

function routeTemplate(): string {
  const rules = Array.from({ length: RULES }, (_, i) => ({
    matches: [
      {
        path: { type: 'PathPrefix', value: `/service-${i}/api/v1` },
        headers: [{ name: 'x-tenant', value: `tenant-${i % 97}` }],
      },
    ],
    backendRefs: [{ name: `backend-${i % 50}`, port: 8080, weight: 1 }],
  }))
  return stringify({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'large', namespace: 'drill', annotations: { revision: 'REVISION' } },
    spec: { parentRefs: [{ name: 'gw' }], rules },
  })
}

interface Resume {
  from: string
  bytes: number
  messages: string[]
  ms: number
}

/** Subscribes as a resuming tab (or, without `seq`, a new one) and counts what it is sent. */
async function resume(serve: Awaited<ReturnType<typeof startServe>>, epoch: string, seq?: number) {
  const ws = serve.socket()
  const start = performance.now()
  const result: Resume = { from: `seq ${seq}`, bytes: 0, messages: [], ms: 0 }
  const subscribe = seq === undefined ? { type: 'subscribe' } : { type: 'subscribe', epoch, seq }
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject)
    ws.once('open', () => ws.send(JSON.stringify(subscribe)))
    ws.on('message', (data: Buffer) => {
      result.bytes += data.length
      const type = /^\{"type":"([a-z-]+)"/.exec(data.toString('utf8', 0, 40))?.[1] ?? '?'
      if (result.messages.at(-1) !== type) result.messages.push(type)
      if (type === 'snapshot' || type === 'resumed') resolve()
    })
  })
  result.ms = performance.now() - start
  ws.close()
  return result
}

const TEMPLATE = routeTemplate()
const routeText = (revision: number) => TEMPLATE.replace('REVISION', `"${revision}"`)

/**
 * A watching tab that only looks for the revision in the text: the drill measures the server, and
 * validating half a megabyte per message here would only slow the drill down.
 */
function watchingTab(ws: WebSocket) {
  let epoch = ''
  let seen = ''
  const waiters = new Set<() => void>()
  ws.on('message', (data: Buffer) => {
    const text = data.toString()
    if (text.startsWith('{"type":"hello"')) epoch = (JSON.parse(text) as { epoch: string }).epoch
    seen = text
    for (const waiter of [...waiters]) waiter()
  })
  ws.once('open', () => ws.send('{"type":"subscribe"}'))
  return {
    epoch: () => epoch,
    until(revision: number): Promise<void> {
      const mark = `"revision":"${revision}"`
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`revision ${revision} never arrived`)), 60_000)
        const check = () => {
          if (!seen.includes(mark)) return
          clearTimeout(timer)
          waiters.delete(check)
          resolve()
        }
        waiters.add(check)
        check()
      })
    },
  }
}

async function drill(name: string, extraArgs: string[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatemap-drill-'))
  const file = path.join(dir, 'large.yaml')
  writeFileSync(file, routeText(0))
  const serve = await startServe(['--manifests', dir, ...extraArgs])
  try {
    await serve.synced
    const ws = serve.socket()
    const tab = watchingTab(ws)
    await tab.until(0)
    const rss = [{ changes: 0, bytes: serve.rssBytes() }]
    const started = performance.now()
    for (let i = 1; i <= CHANGES; i++) {
      writeFileSync(file, routeText(i))
      await tab.until(i)
      if (i % 100 === 0) {
        rss.push({ changes: i, bytes: serve.rssBytes() })
        process.stderr.write(`bench drill (${name}): ${i} changes, RSS ${mb(serve.rssBytes())}\n`)
      }
    }
    const drillMs = performance.now() - started
    const epoch = tab.epoch()
    ws.close()
    const snapshot = await resume(serve, epoch)
    const resumes = [await resume(serve, epoch, 0), await resume(serve, epoch, 2)]
    return { rss, drillMs, resumes, fileBytes: Buffer.byteLength(routeText(CHANGES)), snapshot }
  } finally {
    await serve.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

// Side by side, each with a server of its own: RSS is per process, and the wall time halves.
const [budgeted, unbounded] = await Promise.all([
  drill('default budget', []),
  drill('4Gi budget', ['--event-log-bytes', '4Gi']),
])
const rssRow = (name: string, run: typeof budgeted) =>
  `| ${name} | ${run.rss.map((r) => mb(r.bytes)).join(' | ')} |`
const resumeRow = (name: string, run: typeof budgeted) =>
  run.resumes.map(
    (r) =>
      `| ${name} | ${r.from} | ${r.messages.join(', ')} | ${(r.bytes / 1024 / 1024).toFixed(2)} MB | ${r.ms.toFixed(0)} ms |`,
  )
const lines = [
  `### Memory and resume drills (${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${mb(totalmem())} RAM, Node ${process.versions.node})`,
  '',
  `One HTTPRoute of ${(budgeted.fileBytes / 1024).toFixed(0)} KB of YAML (${RULES} rules) in a folder, changed ${CHANGES} times (each change waited for at a watching tab); server RSS after every 100 changes:`,
  '',
  `| event log | ${budgeted.rss.map((r) => `${r.changes} changes`).join(' | ')} |`,
  `| --- | ${budgeted.rss.map(() => '---').join(' | ')} |`,
  rssRow('default budget (64 MiB)', budgeted),
  rssRow('`--event-log-bytes 4Gi` (count bound only)', unbounded),
  '',
  `A fresh snapshot is ${(budgeted.snapshot.bytes / 1024 / 1024).toFixed(2)} MB. A tab resuming after the drill (same epoch):`,
  '',
  '| event log | resume from | messages | bytes sent | until done |',
  '| --- | --- | --- | --- | --- |',
  ...resumeRow('default budget', budgeted),
  ...resumeRow('`--event-log-bytes 4Gi`', unbounded),
]
process.stdout.write(`${lines.join('\n')}\n`)
