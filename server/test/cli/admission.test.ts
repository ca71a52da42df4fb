// `gatemap analyze` refuses what the API server would refuse, with the file and line: names by their
// kind's rule and, with the Gateway API CRDs (from the Go module, as ./gatemap fetches them), each
// CRD's schema and CEL rules. Also: a folder of routes without the platform's GatewayClass is still
// judged, and the summary line counts exactly what the report lists.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const REPO = fileURLToPath(new URL('../../../', import.meta.url))
const CLI = join(REPO, 'server/src/cli/main.ts')

let dir: string
let crds: string

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, 'analyze', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, GATEMAP_CRDS_DIR: '', ...env },
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const ROUTES = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: edge
  namespace: shop
spec:
  gatewayClassName: platform
  listeners:
    - name: http
      port: 80
      protocol: HTTP
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: storefront
  namespace: shop
spec:
  parentRefs:
    - name: edge
  hostnames:
    - "<img src=x>"
  rules:
    - backendRefs:
        - name: web
          port: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: Web_Frontend
  namespace: shop
spec:
  ports:
    - port: 8080
`

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatemap-admission-'))
  writeFileSync(join(dir, 'routes.yaml'), ROUTES)
  crds = execFileSync('bash', [join(REPO, 'e2e/cluster/cluster.sh'), 'crds', 'experimental'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 180_000,
  }).trim()
}, 200_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// Each test starts the CLI, which takes seconds on a loaded machine.
describe('gatemap analyze: what the API server would refuse', { timeout: 120_000 }, () => {
  it('names the hostname the CRD forbids and the Service name, each with file:line, and exits 1', () => {
    const result = run([dir, '--crds', crds])
    expect(result.code, result.stderr).toBe(1)
    // hostnames[0] is on line 22 of routes.yaml; the Service's name on line 31.
    expect(result.stdout).toMatch(/routes\.yaml:22:\d+: error: HTTPRoute shop\/storefront: Invalid/)
    expect(result.stdout).toMatch(/spec\.hostnames\[0\]/)
    expect(result.stdout).toMatch(/routes\.yaml:31:\d+: error: Service shop\/Web_Frontend: Invalid/)
    expect(result.stdout).toMatch(/RFC 1035 label/)
  })

  it('checks names even without CRDs, and says the schema was not checked', () => {
    const result = run([dir])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/Service shop\/Web_Frontend: Invalid/)
    expect(result.stdout).not.toMatch(/spec\.hostnames\[0\]/)
    expect(result.stdout).toMatch(/Schema and CEL checks were not run/)
  })

  it('takes the CRDs from $GATEMAP_CRDS_DIR as serve does', () => {
    const result = run([dir], { GATEMAP_CRDS_DIR: crds })
    expect(result.stdout).toMatch(/spec\.hostnames\[0\]/)
  })

  it('puts the refusals on stderr in JSON mode, keeping stdout a List', () => {
    const result = run([dir, '--crds', crds, '--output', 'json'])
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout).kind).toBe('List')
    expect(result.stderr).toMatch(/routes\.yaml:22:\d+: error: .*spec\.hostnames\[0\]/)
  })
})

describe('gatemap analyze: the platform GatewayClass lives elsewhere', { timeout: 120_000 }, () => {
  it('assumes the absent class, says so once, and judges the route', () => {
    const result = run([dir, '--crds', crds])
    expect(result.stdout.match(/GatewayClassAssumed/g)).toHaveLength(1)
    expect(result.stdout).toMatch(/GatewayClass platform .* is not among the inputs; it is assumed/)
    // Judged: the route's backend Service "web" is not in the folder.
    expect(result.stdout).toMatch(/HTTPRoute shop\/storefront: BackendNotFound/)
    expect(result.stdout).toMatch(/Gateway shop\/edge \(class platform\): Accepted=True Accepted/)
  })

  it('leaves everything Pending with --no-assume-gatewayclass', () => {
    const result = run([dir, '--crds', crds, '--no-assume-gatewayclass'])
    expect(result.stdout).not.toMatch(/GatewayClassAssumed/)
    expect(result.stdout).toMatch(/Gateway shop\/edge: Accepted=Unknown Pending/)
    expect(result.stdout).toMatch(/Gateway shop\/edge \(class platform\): Accepted=Unknown Pending/)
  })

  it('counts exactly what it lists in the summary line', () => {
    const result = run([dir, '--crds', crds])
    const entries = result.stdout.match(/^\S+:\d+:\d+: (error|warning|info): /gm) ?? []
    const count = (s: string) => entries.filter((e) => e.includes(`: ${s}: `)).length
    const summary = result.stdout.split('\n').find((l) => /^\d+ errors?, \d+ warnings?/.test(l)) ?? ''
    const [, errors, warnings, infos] =
      /^(\d+) errors?, (\d+) warnings?(?:, (\d+) for information)?\.$/.exec(summary) ?? []
    expect(Number(errors)).toBe(count('error'))
    expect(Number(warnings)).toBe(count('warning'))
    expect(Number(infos ?? 0)).toBe(count('info'))
    expect(count('error')).toBeGreaterThan(0)
    expect(count('info')).toBeGreaterThan(0)
  })
})

// Parsed CEL rules are kept under $GATEMAP_CACHE_DIR (server/src/crds/cel-parse-cache.ts): a run that
// plans the rules from the kept trees must report a rule's failure exactly as a run that parsed them.
describe('gatemap analyze: CEL rules from the parse cache', { timeout: 120_000 }, () => {
  const RELATIVE_PATH = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: relative
  namespace: shop
spec:
  parentRefs:
    - name: edge
  rules:
    - matches:
        - path:
            type: PathPrefix
            value: no-leading-slash
`

  it('reports the failing rule at the same file and line with a cold and a filled cache', () => {
    const folder = mkdtempSync(join(tmpdir(), 'gatemap-cel-cache-'))
    try {
      writeFileSync(join(folder, 'route.yaml'), RELATIVE_PATH)
      const cache = join(folder, 'cache')
      const cold = run([join(folder, 'route.yaml'), '--crds', crds], { GATEMAP_CACHE_DIR: cache })
      // The rule lives on the match's path node, line 11 column 11.
      expect(cold.stdout).toMatch(/route\.yaml:11:11: error: HTTPRoute shop\/relative: Invalid/)
      expect(cold.stdout).toMatch(/spec\.rules\[0\]\.matches\[0\]\.path: value must be an absolute path/)
      expect(readdirSync(join(cache, 'gatemap')).some((f) => f.startsWith('cel-parsed-'))).toBe(true)
      const warm = run([join(folder, 'route.yaml'), '--crds', crds], { GATEMAP_CACHE_DIR: cache })
      expect(warm.stdout).toBe(cold.stdout)
      expect(warm.code).toBe(cold.code)
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })
})
