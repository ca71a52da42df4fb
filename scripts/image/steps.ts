// The Dockerfile's build, outside Docker, then the container's behaviour checked as a runtime would
// run it (scripts/run-image.sh: read-only root, the image's non-root user, its ENV and WORKDIR):
// the CLI, the safe default of the plain CMD outside a pod, the server with its HEALTHCHECK and
// probes, and the built web app. Exits non-zero, saying what failed, on the first failure.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { buildImage, type ImageConfig } from './build.ts'

const repo = path.join(import.meta.dirname, '../..')
const out = path.join(repo, '.cache/image')
const runImage = path.join(repo, 'scripts/run-image.sh')
const log = (line: string) => process.stderr.write(`image steps: ${line}\n`)

function fail(message: string): never {
  throw new Error(message)
}

function inImage(args: string[], env: string[] = []) {
  const flags = env.flatMap((e) => ['--env', e])
  return spawnSync('bash', [runImage, '--image', out, ...flags, '--', ...args], { encoding: 'utf8' })
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

function checkConfig(config: ImageConfig) {
  if (!/^[1-9]\d*:[1-9]\d*$/.test(config.user)) fail(`USER ${config.user} must be a numeric non-root uid:gid`)
  if (config.healthcheck.length === 0) fail('the final stage has no HEALTHCHECK')
  if (!config.env.some((e) => e.startsWith('GATEMAP_WEB_DIR=')))
    fail('the final stage does not set GATEMAP_WEB_DIR')
}

function checkCli(config: ImageConfig) {
  const tcp = inImage([...config.entrypoint, 'analyze', '/app/examples/tcp', '--output', 'json'])
  if (tcp.status !== 0) fail(`analyze examples/tcp exited ${tcp.status}: ${tcp.stderr}`)
  const list = JSON.parse(tcp.stdout) as { kind?: string; items?: unknown[] }
  if (list.kind !== 'List' || !list.items?.length) fail('analyze --output json printed no List of objects')
  const broken = inImage([...config.entrypoint, 'analyze', '/app/examples/broken'])
  if (broken.status !== 1)
    fail(`analyze examples/broken must exit 1 (problems found), exited ${broken.status}`)
  // Outside a pod, the image's own CMD binds beyond loopback with no auth mode: it must refuse.
  const plain = inImage([...config.entrypoint, ...config.cmd])
  if (plain.status !== 2 || !/needs --auth/.test(plain.stderr))
    fail(
      `the plain CMD outside a pod must refuse to start without --auth; exited ${plain.status}: ${plain.stderr}`,
    )
  log('CLI in the image: analyze exit codes 0 and 1; the plain CMD outside a pod refuses to run without auth')
}

async function checkServer(config: ImageConfig) {
  const port = await freePort()
  const token = 'image-steps-token-0123456789'
  const args = [...config.entrypoint, ...config.cmd, '--auth', 'token', '--port', String(port)]
  const server = spawn('bash', [runImage, '--image', out, '--env', `GATEMAP_TOKEN=${token}`, '--', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  server.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const base = `http://127.0.0.1:${port}`
  try {
    const deadline = Date.now() + 30_000
    while (!stderr.includes('in sync')) {
      if (server.exitCode !== null) fail(`the server exited ${server.exitCode}: ${stderr}`)
      if (Date.now() > deadline) fail(`the server did not get in sync within 30 s: ${stderr}`)
      await new Promise((r) => setTimeout(r, 200))
    }
    // HEALTHCHECK runs inside the container; the test server's port is passed on.
    const health = inImage([...config.healthcheck, '--port', String(port)])
    if (health.status !== 0) fail(`HEALTHCHECK failed: ${health.stderr}`)
    const ready = await fetch(`${base}/readyz`)
    if (!ready.ok || !((await ready.json()) as { ready?: boolean }).ready) fail('/readyz is not ready')
    if ((await fetch(`${base}/api/session`)).status !== 401) fail('/api/session without a token must be 401')
    const auth = { headers: { authorization: `Bearer ${token}` } }
    const page = await (await fetch(`${base}/`, auth)).text()
    const index = readFileSync(path.join(out, 'rootfs/app/web/dist/index.html'), 'utf8')
    if (page !== index) fail('/ is not the image’s web/dist/index.html (GATEMAP_WEB_DIR)')
    const asset = /\/assets\/[^"]+/.exec(index)?.[0] ?? fail('index.html references no /assets/ file')
    if (!(await fetch(`${base}${asset}`, auth)).ok) fail(`${asset} is not served`)
    log(
      `server in the image (read-only root, user ${config.user}): HEALTHCHECK, /readyz, auth and the web app`,
    )
  } finally {
    server.kill('SIGTERM')
  }
  const stopped = await new Promise<number | null>((resolve) => {
    if (server.exitCode !== null) resolve(server.exitCode)
    else server.once('exit', (code) => resolve(code))
  })
  if (stopped !== 0) fail(`the server did not stop cleanly on SIGTERM (exit ${stopped}): ${stderr}`)
  // Health must also fail when nothing answers, or the check above proves nothing.
  const dead = inImage([...config.healthcheck, '--port', String(port)])
  if (dead.status === 0) fail('HEALTHCHECK passed with no server running')
}

async function main() {
  log(`building from ${path.join(repo, 'Dockerfile')} into ${out}`)
  const config = buildImage(repo, out)
  checkConfig(config)
  execFileSync('du', ['-sh', path.join(out, 'rootfs/app')], { stdio: ['ignore', 2, 2] })
  checkCli(config)
  await checkServer(config)
  log('the image works')
}

main().catch((error: unknown) => {
  process.stderr.write(`image steps: FAILED: ${(error as Error).message}\n`)
  process.exitCode = 1
})
