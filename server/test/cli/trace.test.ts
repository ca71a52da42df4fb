// `gatemap trace` as a person runs it: the real CLI on examples/routing (text and JSON as the
// command's contract names them, exit codes), the gRPC, TCP and TLS forms on the other examples,
// usage errors with exit 2, and `analyze` never loading the trace command's code.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const REPO = fileURLToPath(new URL('../../../', import.meta.url))
const CLI = join(REPO, 'server/src/cli/main.ts')
const HOOK = join(import.meta.dirname, 'support/record-modules.mjs')
const ROUTING = join(REPO, 'examples/routing')

function trace(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, 'trace', ...args], { encoding: 'utf8', timeout: 120_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const json = (args: string[]) => {
  const r = trace([...args, '--output', 'json'])
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout)
}

describe('gatemap trace on examples/routing', () => {
  const gw = ['--gateway', 'routing-demo/edge']

  it('a header canary wins over the same prefix without the header; the losers say why', () => {
    const out = json([
      ROUTING,
      ...gw,
      '--request',
      'GET http://shop.example.com/api/v2/items',
      '-H',
      'x-canary: true',
    ])
    expect(out.listener).toMatchObject({ gateway: 'routing-demo/edge', name: 'http' })
    expect(out.route).toEqual({ kind: 'HTTPRoute', namespace: 'routing-demo', name: 'catalog-canary' })
    expect([out.rule, out.outcome, out.status]).toEqual([0, 'backend', 200])
    expect(out.backends.map((b: { name: string; weight: number }) => [b.name, b.weight])).toEqual([
      ['catalog-v2', 90],
      ['catalog-canary', 10],
    ])
    expect(out.request).toEqual({
      host: 'shop.example.com',
      path: '/api/v2/items',
      headers: { 'x-canary': 'true' },
    })
    expect(out.redirect).toBeNull()
    const lost = out.candidates.find(
      (c: { name: string; rule: number }) => c.name === 'catalog' && c.rule === 1,
    )
    expect(lost).toMatchObject({ step: 'header matches', ruleName: 'api-v2' })
  })

  it('without the header the longer prefix of catalog wins', () => {
    const out = json([ROUTING, ...gw, '--request', 'GET http://shop.example.com/api/v2/items'])
    expect([out.route.name, out.rule, out.ruleName]).toEqual(['catalog', 1, 'api-v2'])
  })

  it('a redirect gives its Location and code; the shadowed rule loses on rule order', () => {
    const out = json([ROUTING, ...gw, '--request', 'GET http://shop.example.com/old/page?q=1'])
    expect([out.outcome, out.status, out.redirect]).toEqual([
      'redirect',
      301,
      { location: 'http://shop.example.com/page?q=1', statusCode: 301 },
    ])
    expect(
      out.candidates.find((c: { rule: number; name: string }) => c.name === 'storefront' && c.rule === 1)
        .step,
    ).toBe('rule order')
  })

  it('the tie goes to the older route, and the text says only creationTimestamp decided', () => {
    const r = trace([ROUTING, ...gw, '--request', 'GET http://shop.example.com/promo'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Route: HTTPRoute routing-demo/promo-spring rule 0')
    expect(r.stdout).toMatch(/promo-summer rule 0 — creationTimestamp: .*only this tie-break decides/)
  })

  it('a host no route serves is not found (404), and a request to an IP address carries no hostname', () => {
    expect(json([ROUTING, ...gw, '--request', 'GET http://other.example.org/']).status).toBe(404)
    const ip = json([
      ROUTING,
      ...gw,
      '--request',
      'GET http://192.0.2.1/api',
      '-H',
      'Host: shop.example.com:8080',
    ])
    expect([ip.route?.name, ip.request.host]).toEqual(['catalog', 'shop.example.com'])
  })
})

describe('the other request forms', () => {
  it('--grpc HOST:PORT pkg.Service/Method: a matching method outranks header matches; an unknown service is not found', () => {
    const base = [
      join(REPO, 'examples/grpc'),
      '--gateway',
      'grpc-demo/grpc-gateway',
      '--grpc',
      'inventory.grpc.example.com:443',
    ]
    const reads = json([...base, 'store.inventory.v1.InventoryService/ListItems', '-H', 'x-canary: true'])
    expect([reads.route?.name, reads.ruleName, reads.backends[0]?.name]).toEqual([
      'inventory',
      'reads',
      'inventory-readonly',
    ])
    const canary = reads.candidates.find((c: { ruleName?: string }) => c.ruleName === 'canary')
    expect(canary.step).toBe('method characters')
    const unknown = json([...base, 'no.such.Service/Method'])
    expect([unknown.outcome, unknown.status, unknown.route]).toEqual(['not-found', 404, null])
  })

  it('--tcp HOST:PORT takes the oldest TCPRoute on the listener of that port', () => {
    const out = json([join(REPO, 'examples/tcp'), '--gateway', 'tcp-demo/tcp-gateway', '--tcp', 'db:6379'])
    expect([out.route?.name, out.outcome, out.status]).toEqual(['redis', 'backend', null])
  })
})

describe('usage errors exit 2', () => {
  it.each([
    [['--gateway', 'routing-demo/edge', '--request', 'GET http://x/'], /name at least one file/],
    [[ROUTING, '--request', 'GET http://x/'], /--gateway NS\/NAME or --service/],
    [[ROUTING, '--gateway', 'routing-demo/edge', '--request', 'GET /relative'], /not an absolute URL/],
    [
      [ROUTING, '--gateway', 'routing-demo/edge', '--request', 'GET http://x/', '-H', 'broken'],
      /Name: value/,
    ],
    [
      [ROUTING, '--gateway', 'routing-demo/nope', '--request', 'GET http://x/'],
      /Gateway routing-demo\/nope is not among the inputs/,
    ],
    [
      [ROUTING, '--gateway', 'routing-demo/edge', '--request', 'GET http://x/', '--tcp', 'a:1'],
      /give one request/,
    ],
  ])('%j', (args, message) => {
    const r = trace(args)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
  })
})

it('gatemap analyze does not load the trace command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gatemap-modules-'))
  try {
    const out = join(dir, 'modules.txt')
    spawnSync(process.execPath, ['--import', HOOK, CLI, 'analyze', ROUTING], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, GATEMAP_MODULES_OUT: out },
    })
    const modules = readFileSync(out, 'utf8')
    expect(modules).toContain('/cli/analyze.ts')
    expect(modules).not.toContain('/cli/trace')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
