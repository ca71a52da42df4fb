// What a command loads is what it costs to start: `gatemap analyze` on files must not load the HTTP
// server or the cluster client (fastify, @kubernetes/client-node and what they pull in), which only
// `serve` and `analyze --context` need. Timings belong in `pnpm bench`; this checks the cause.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const REPO = fileURLToPath(new URL('../../../', import.meta.url))
const CLI = join(REPO, 'server/src/cli/main.ts')
const HOOK = join(import.meta.dirname, 'support/record-modules.mjs')
const dir = mkdtempSync(join(tmpdir(), 'gatemap-startup-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function modulesLoadedBy(args: string[]): string[] {
  const out = join(dir, `${args[0]}-${Math.random().toString(36).slice(2)}.txt`)
  const result = spawnSync(process.execPath, ['--import', HOOK, CLI, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, GATEMAP_MODULES_OUT: out, GATEMAP_CRDS_DIR: '' },
  })
  expect(result.status, result.stderr).not.toBeNull()
  return readFileSync(out, 'utf8').split('\n')
}

const SERVE_ONLY = /\/(fastify|@fastify\+|@kubernetes\+client-node|prom-client|chokidar|ws@)/

describe('gatemap analyze starts without the serve path', { timeout: 120_000 }, () => {
  it('loads no HTTP server, cluster client, metrics or file watcher', () => {
    const loaded = modulesLoadedBy(['analyze', join(REPO, 'examples/tcp')])
    expect(loaded.some((m) => m.includes('/server/src/cli/analyze.ts'))).toBe(true)
    expect(loaded.filter((m) => SERVE_ONLY.test(m))).toEqual([])
  })

  it('the recorder itself sees them when serve asks for help (the check can fail)', () => {
    // `serve --help`-like usage error still imports serve.ts and its dependencies.
    const loaded = modulesLoadedBy(['serve', '--no-such-flag'])
    expect(loaded.some((m) => SERVE_ONLY.test(m))).toBe(true)
  })
})
