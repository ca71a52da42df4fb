// ./gatemap runs the CLI as a bundle (server/src/cli/bundle.ts). The bundle must be the same
// program as the sources: byte-identical reports and exit codes, and the paths serve finds through
// its modules' locations (the bundled examples, the version in server/package.json) still right.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleCli, GATEMAP_NODE_FLAGS } from '../../src/cli/bundle.ts'

const REPO = fileURLToPath(new URL('../../../', import.meta.url))
const SOURCES = join(REPO, 'server/src/cli/main.ts')
const dir = mkdtempSync(join(tmpdir(), 'gatemap-bundle-'))
let bundle = ''
let crds = ''
afterAll(() => rmSync(dir, { recursive: true, force: true }))
beforeAll(async () => {
  bundle = await bundleCli(join(dir, 'cli'))
  // With the CRDs, analyze runs the schema and CEL checks: the bundled validator and CEL too.
  crds = execFileSync('bash', [join(REPO, 'e2e/cluster/cluster.sh'), 'crds', 'experimental'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 180_000,
  }).trim()
}, 200_000)

function run(entry: string, args: string[]) {
  const result = spawnSync(process.execPath, [...GATEMAP_NODE_FLAGS, entry, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 1 << 26,
    cwd: REPO,
    env: { ...process.env, GATEMAP_CRDS_DIR: crds, GATEMAP_CACHE_DIR: join(dir, 'cache') },
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('the bundled CLI', { timeout: 120_000 }, () => {
  it.each([
    ['analyze', 'examples'],
    ['analyze', '--output', 'json', 'examples'],
    ['analyze', 'examples/broken'],
    [
      'trace',
      'examples/routing',
      '--gateway',
      'routing-demo/edge',
      '--request',
      'GET http://shop.example.com/cart',
    ],
    ['serve', '--no-such-flag'],
    ['help'],
  ])('prints what the sources print: %s %s', (...args) => {
    const fromSources = run(SOURCES, args)
    const fromBundle = run(bundle, args)
    expect(fromBundle).toEqual(fromSources)
    expect(fromSources.stdout.length + fromSources.stderr.length).toBeGreaterThan(0)
  })

  it('runs the CEL rules of the CRDs (the bundled CEL interpreter answers)', () => {
    const { stdout } = run(bundle, ['analyze', 'examples/broken'])
    expect(stdout).toContain('(a validation rule of its CRD)')
  })

  it('serves the bundled examples, found from the bundle', async () => {
    const kubeconfig = join(dir, 'no-cluster.yaml')
    writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n')
    const child = spawn(process.execPath, [...GATEMAP_NODE_FLAGS, bundle, 'serve', '--port', '0'], {
      env: { ...process.env, KUBECONFIG: kubeconfig },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let output = ''
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no address:\n${output}`)), 90_000)
        child.stderr.on('data', (chunk: Buffer) => {
          output += chunk.toString()
          const found = /open (http:\/\/[^\s/]+)\//.exec(output)
          if (found && /in sync: [1-9]/.test(output)) {
            clearTimeout(timer)
            resolve(found[1]!)
          }
        })
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)))
      })
      expect(output).toContain(join(REPO, 'examples'))
      expect((await fetch(`${url}/readyz`)).status).toBe(200)
    } finally {
      child.kill()
    }
  })

  it('./gatemap starts node with the V8 flags the bench measures', () => {
    const flags = GATEMAP_NODE_FLAGS.join(' ')
    expect(flags).toMatch(/--max-semi-space-size=\d+/)
    expect(readFileSync(join(REPO, 'gatemap'), 'utf8')).toContain(`exec node ${flags} "$cli" "$@"`)
  })
})
