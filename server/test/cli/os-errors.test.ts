// The command line's answers to an unlucky operator, run as a person would run them (a real process,
// a real occupied port, a real pipe closed early, real files): one line each, never a stack.
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const REPO = fileURLToPath(new URL('../../../', import.meta.url))
const CLI = join(REPO, 'server/src/cli/main.ts')
const STACK_LINE = /^\s+at /m

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatemap-cli-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function run(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('gatemap serve on a port already in use', () => {
  let blocker: Server
  let port: number
  beforeAll(async () => {
    blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    port = (blocker.address() as { port: number }).port
  })
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())))

  it('prints one line naming the port and the flag, and exits 1', () => {
    const result = run(['serve', '--manifests', join(REPO, 'examples/basic'), '--port', String(port)])
    expect(result.code).toBe(1)
    const lines = result.stderr.trim().split('\n')
    expect(lines.at(-1)).toBe(
      `gatemap: port ${port} on 127.0.0.1 is already in use; pick another with --port`,
    )
    expect(result.stderr).not.toMatch(STACK_LINE)
    expect(result.stderr).not.toMatch(/internal error/)
  }, 60_000)
})

describe('gatemap analyze | head', () => {
  it('exits quietly with the analysis exit code when the reader closes the pipe early', async () => {
    const big = join(dir, 'big')
    mkdirSync(big)
    // Enough output to overflow a pipe's buffer, so writing meets the closed pipe.
    const routes = Array.from(
      { length: 3000 },
      (_, i) =>
        `---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r${i}\n  namespace: default\nspec:\n  parentRefs:\n  - name: missing\n`,
    )
    writeFileSync(join(big, 'routes.yaml'), routes.join(''))
    const child = spawn(process.execPath, [CLI, 'analyze', big], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    let firstChunk = ''
    child.stdout.once('data', (chunk: Buffer) => {
      firstChunk = chunk.toString()
      child.stdout.destroy()
    })
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)))
    expect(firstChunk).toMatch(/^Gatemap analysis/)
    expect(stderr).toBe('')
    // The routes name a missing Gateway: problems found.
    expect(code).toBe(1)
  }, 60_000)
})

describe('gatemap analyze on deeply nested files', () => {
  const nestedJson = (levels: number) =>
    `{"apiVersion":"v1","kind":"Service","metadata":{"name":"deep"},"spec":${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}}`
  const nestedYaml = (levels: number) =>
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: deep\nspec:\n  ports:\n  ${'- '.repeat(levels)}x\n`

  it.each([
    ['JSON, 10,000 levels', 'deep.json', nestedJson(10_000), 1],
    ['JSON, 100 levels', 'deep.json', nestedJson(100), 1],
    ['YAML, 10,000 levels', 'deep.yaml', nestedYaml(10_000), 7],
    ['YAML, 100 levels', 'deep.yaml', nestedYaml(100), 7],
  ])(
    '%s: one error naming the file and line, the other file read',
    (_, name, text, line) => {
      const folder = mkdtempSync(join(dir, 'deep-'))
      writeFileSync(join(folder, name), text)
      writeFileSync(
        join(folder, 'namespace.yaml'),
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shallow\n',
      )
      const result = run(['analyze', folder, '--output', 'json'])
      expect(result.code).toBe(1)
      const problems = result.stderr.trim().split('\n')
      expect(problems).toHaveLength(1)
      expect(problems[0]).toMatch(
        new RegExp(
          `^${join(folder, name)}:${line}:\\d+: error: document 1: nesting deeper than 64 levels; it was not read$`,
        ),
      )
      expect(result.stderr).not.toMatch(/stack|regular expression/i)
      expect(result.stdout).toMatch(/"kind": "List"/)
    },
    60_000,
  )
})
