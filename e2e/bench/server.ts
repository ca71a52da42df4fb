// `pnpm bench` for the server (run from e2e/, since it needs the real-cluster harness):
// 1. delivery latency from an API write to a WebSocket client of `gatemap serve`, side by side with
//    a bare client-node watch on the same API server (the floor);
// 2. snapshot size and time, a tab's first frame, and server RSS, at 10,000 routes (folder mode, the
//    synthetic cluster of shared/bench/generate.ts).
// GATEMAP_BENCH_FOLDER=realistic: part 2 on shared/bench/realistic.ts' folder instead.
// Prints a Markdown section for docs/benchmarks.md.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { ClientRequest } from 'node:http'
import https from 'node:https'
import { cpus, tmpdir, totalmem } from 'node:os'
import path from 'node:path'
import { PROBLEMS_PAGE } from '@gatemap/shared/view/frame/messages.ts'
import { EMPTY_VIEW_STATE } from '@gatemap/shared/view/model/view-types.ts'
import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node'
import { stringify } from 'yaml'
import { DEFAULT_SIZE, generateCluster } from '../../shared/bench/generate.ts'
import { generateRealistic } from '../../shared/bench/realistic.ts'
import { startCluster } from '../cluster/harness.ts'
import { startServe } from '../test/serve-process.ts'
import { connectStream } from '../test/stream-client.ts'

const GROUP = 'gateway.networking.k8s.io'
const WRITES = Number(process.env.GATEMAP_BENCH_WRITES ?? 300)

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}
const ms = (v: number) => `${v.toFixed(2)} ms`
const mb = (v: number) => `${(v / 1024 / 1024).toFixed(0)} MB`

/** A watch request on node:https, each JSON line handed to `onLine` as it arrives. */
async function bareWatch(
  kc: KubeConfig,
  path: string,
  onLine: (line: string) => void,
): Promise<ClientRequest> {
  const options: https.RequestOptions = { headers: {} }
  await kc.applyToHTTPSOptions(options)
  const url = new URL(path, kc.getCurrentCluster()!.server)
  return new Promise((resolve, reject) => {
    const request = https.request(url, { ...options, method: 'GET' }, (response) => {
      let buffer = ''
      response.on('data', (chunk: Buffer) => {
        buffer += chunk.toString()
        let newline = buffer.indexOf('\n')
        while (newline >= 0) {
          onLine(buffer.slice(0, newline))
          buffer = buffer.slice(newline + 1)
          newline = buffer.indexOf('\n')
        }
      })
      response.on('error', () => {})
      response.on('end', () =>
        process.stderr.write(`bench: bare watch ended (HTTP ${response.statusCode})\n`),
      )
      resolve(request)
    })
    request.on('error', reject)
    request.end()
  })
}

async function latency() {
  const cluster = await startCluster({ channel: 'standard', output: 'ignore' })
  const serve = await startServe(['--kubeconfig', cluster.adminKubeconfigPath])
  try {
    await serve.synced
    const ns = await cluster.uniqueNamespace('bench')
    const arrivals = { bare: new Map<string, number>(), gatemap: new Map<string, number>() }
    // The floor: a bare watch over HTTPS with client-node's credentials and nothing else. client-node's
    // own Watch cannot serve here: in 2.0.1 it still aborts every watch after 30 s (measured).
    const watch = await bareWatch(
      cluster.admin,
      `/apis/${GROUP}/v1/namespaces/${ns}/httproutes?watch=true`,
      (line) => {
        const event = JSON.parse(line) as { type: string; object: { metadata: { name: string } } }
        if (event.type === 'ADDED') arrivals.bare.set(event.object.metadata.name, performance.now())
      },
    )
    const tab = await connectStream(() => serve.socket())
    const prefix = `HTTPRoute/${ns}/`
    const api = cluster.admin.makeApiClient(CustomObjectsApi)
    const starts = new Map<string, number>()
    let expecting = ''
    tab.observe((m) => {
      if (expecting && !arrivals.gatemap.has(expecting) && m.objects.has(`${prefix}${expecting}`)) {
        arrivals.gatemap.set(expecting, performance.now())
      }
    })
    for (let i = 0; i < WRITES; i++) {
      const name = `r${i}`
      expecting = name
      starts.set(name, performance.now())
      await api.createNamespacedCustomObject({
        group: GROUP,
        version: 'v1',
        namespace: ns,
        plural: 'httproutes',
        body: { apiVersion: `${GROUP}/v1`, kind: 'HTTPRoute', metadata: { name, namespace: ns }, spec: {} },
      })
      // Arrivals are stamped by the watch and WebSocket handlers themselves; this only waits for both.
      const deadline = performance.now() + 10_000
      while (!(arrivals.gatemap.has(name) && arrivals.bare.has(name))) {
        if (performance.now() > deadline) throw new Error(`route ${name} did not arrive on both paths`)
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
    }
    watch.destroy()
    tab.close()
    const bare: number[] = []
    const gatemap: number[] = []
    for (const [name, start] of starts) {
      bare.push(arrivals.bare.get(name)! - start)
      gatemap.push(arrivals.gatemap.get(name)! - start)
    }
    return { bare, gatemap, kubernetes: cluster.state.kubernetesVersion }
  } finally {
    await serve.stop()
    await cluster.stop()
  }
}

/** A new socket sends `subscribe`; how long until the message of `type` arrives, and its size. */
async function timedMessage(
  serve: Awaited<ReturnType<typeof startServe>>,
  subscribe: object,
  type: string,
): Promise<{ ms: number; bytes: number }> {
  const ws = serve.socket()
  await new Promise((resolve) => ws.once('open', resolve))
  const start = performance.now()
  const prefix = `{"type":"${type}"`
  const bytes = await new Promise<number>((resolve) => {
    ws.on('message', (data: Buffer) => {
      if (data.toString('latin1', 0, prefix.length) === prefix) resolve(data.length)
    })
    ws.send(JSON.stringify(subscribe))
  })
  const ms = performance.now() - start
  ws.close()
  return { ms, bytes }
}

async function snapshotAndMemory() {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatemap-bench-'))
  let objects: unknown[]
  if (process.env.GATEMAP_BENCH_FOLDER === 'realistic') {
    // shared/bench/realistic.ts' folder (teams' namespaces of small files), as the dashboard bench has it.
    const folder = generateRealistic(DEFAULT_SIZE.routes)
    for (const [file, text] of folder.files) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
      writeFileSync(path.join(dir, file), text)
    }
    objects = Array.from({ length: folder.objects })
  } else {
    objects = generateCluster(DEFAULT_SIZE)
    const byNamespace = new Map<string, unknown[]>()
    for (const o of objects as ReturnType<typeof generateCluster>) {
      const file = o.metadata.namespace ?? '_cluster'
      byNamespace.set(file, [...(byNamespace.get(file) ?? []), o])
    }
    for (const [file, list] of byNamespace) {
      writeFileSync(path.join(dir, `${file}.yaml`), list.map((o) => stringify(o)).join('---\n'))
    }
  }
  const serve = await startServe(['--manifests', dir])
  try {
    const loadStart = performance.now()
    await serve.synced
    const loadMs = performance.now() - loadStart
    const rssSynced = serve.rssBytes()
    const times: number[] = []
    let bytes = 0
    for (let i = 0; i < 5; i++) {
      const got = await timedMessage(serve, { type: 'subscribe' }, 'snapshot')
      times.push(got.ms)
      bytes = got.bytes
    }
    const rssAfter = serve.rssBytes()
    // Then tabs as the dashboard opens them: asking for the first frame of the default view. The
    // first one waits for the server's analysis (lazy until then) and its drawing; the next gets it
    // kept, as long as nothing changed.
    const frameMs: number[] = []
    let frameBytes = 0
    for (let i = 0; i < 2; i++) {
      const subscribe = { type: 'subscribe', frame: { view: EMPTY_VIEW_STATE, problems: PROBLEMS_PAGE } }
      const got = await timedMessage(serve, subscribe, 'first-frame')
      frameMs.push(got.ms)
      frameBytes = got.bytes
    }
    const rssAfterFrame = serve.rssBytes()
    const metrics = await (await serve.fetch('/metrics')).text()
    const heapUsed = Number(/^nodejs_heap_size_used_bytes (\S+)/m.exec(metrics)?.[1] ?? 0)
    const external = Number(/^nodejs_external_memory_bytes (\S+)/m.exec(metrics)?.[1] ?? 0)
    return {
      routes: DEFAULT_SIZE.routes,
      objects: objects.length,
      loadMs,
      rssSynced,
      rssAfter,
      rssAfterFrame,
      frameMs,
      frameBytes,
      heapUsed,
      external,
      times,
      bytes,
    }
  } finally {
    await serve.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

const snap = await snapshotAndMemory()
if (process.env.GATEMAP_BENCH_ONLY === 'memory') {
  process.stdout.write(
    `${JSON.stringify({ ...snap, times: undefined, snapshotMs: percentile(snap.times, 50) })}\n`,
  )
  process.exit(0)
}
const lat = await latency()
const bareP50 = percentile(lat.bare, 50)
const bareP99 = percentile(lat.bare, 99)
const gmP50 = percentile(lat.gatemap, 50)
const gmP99 = percentile(lat.gatemap, 99)
const lines = [
  `### Server (${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${mb(totalmem())} RAM, Node ${process.versions.node})`,
  '',
  `Delivery latency, API write → client, ${WRITES} sequential HTTPRoute creates on kube-apiserver ${lat.kubernetes}:`,
  '',
  '| path | p50 | p99 |',
  '| --- | --- | --- |',
  `| bare HTTPS watch, client-node credentials (floor) | ${ms(bareP50)} | ${ms(bareP99)} |`,
  `| gatemap serve → WebSocket | ${ms(gmP50)} | ${ms(gmP99)} |`,
  `| difference | ${ms(gmP50 - bareP50)} | ${ms(gmP99 - bareP99)} (target ≤ 10 ms: ${gmP99 - bareP99 <= 10 ? 'met' : 'NOT met'}) |`,
  '',
  `At ${snap.routes} routes (${snap.objects} objects, folder mode, ${snap.objects > 0 ? 'one file per namespace' : ''}):`,
  '',
  `- load the folder (parse every file, fill the store; the analysis runs lazily, on the first REST question): ${ms(snap.loadMs)}`,
  `- snapshot: ${(snap.bytes / 1024 / 1024).toFixed(1)} MB, ${ms(percentile(snap.times, 50))} median from subscribe to received (5 tabs, one after another)`,
  `- server RSS: ${mb(snap.rssSynced)} after loading, ${mb(snap.rssAfter)} after the snapshots (target < 300 MB: ${snap.rssAfter < 300 * 1024 * 1024 ? 'met' : 'NOT met'})`,
  `- a tab's first frame (the default view, drawn by the server): ${(snap.frameBytes / 1024 / 1024).toFixed(1)} MB, ${ms(snap.frameMs[0]!)} for the first tab (the analysis built, then the drawing), ${ms(snap.frameMs[1]!)} for the next (kept); server RSS then ${mb(snap.rssAfterFrame)} (target < 300 MB: ${snap.rssAfterFrame < 300 * 1024 * 1024 ? 'met' : 'NOT met'})`,
]
process.stdout.write(`${lines.join('\n')}\n`)
