// `gatemap analyze PATH --context/--kubeconfig` against the real API server: the cluster holds a
// GatewayClass, a Gateway and routes (applied with the real kubectl); a local folder changes some of
// them, and the CLI, run as a person runs it, says what the change introduces, fixes and leaves,
// with exit codes that follow --fail-on introduced.
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Cluster, uniqueName } from '../../cluster/harness.ts'
import { kubectl } from '../../cluster/kubectl.ts'
import { sharedCluster } from '../cluster.ts'

const MAIN = path.join(import.meta.dirname, '../../../server/src/cli/main.ts')
const GW = 'gateway.networking.k8s.io/v1'

let cluster: Cluster
let ns: string
let gatewayClass: string

interface Run {
  code: number
  stdout: string
  stderr: string
}

function analyze(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, 'analyze', ...args], { stdio: 'pipe' })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    child.once('error', reject)
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

/** A folder with one file, `routes.yaml`, holding these documents. */
function folder(documents: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatemap-analyze-cluster-'))
  writeFileSync(path.join(dir, 'routes.yaml'), documents.join('---\n'))
  return dir
}

const route = (name: string, sectionName: string, backend = 'web') => `apiVersion: ${GW}
kind: HTTPRoute
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  parentRefs:
  - name: edge
    sectionName: ${sectionName}
  rules:
  - matches:
    - path: {type: PathPrefix, value: /${name}}
    backendRefs:
    - name: ${backend}
      port: 8080
`

beforeAll(async () => {
  cluster = sharedCluster()
  ns = await cluster.uniqueNamespace('analyze-cluster')
  gatewayClass = uniqueName('analyze')
  // Listener `http` takes HTTPRoutes; `grpc` takes only GRPCRoutes, so an HTTPRoute aimed at it is
  // not allowed there.
  const platform = `apiVersion: ${GW}
kind: GatewayClass
metadata:
  name: ${gatewayClass}
spec:
  controllerName: example.com/analyze-cluster
---
apiVersion: ${GW}
kind: Gateway
metadata:
  name: edge
  namespace: ${ns}
spec:
  gatewayClassName: ${gatewayClass}
  listeners:
  - name: http
    port: 80
    protocol: HTTP
  - name: grpc
    port: 8080
    protocol: HTTP
    allowedRoutes:
      kinds:
      - kind: GRPCRoute
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: ${ns}
spec:
  ports:
  - port: 8080
`
  const routes = [
    route('stays-good', 'http'),
    route('breaks', 'http'),
    route('gets-fixed', 'grpc'),
    route('stays-broken', 'http', 'missing'),
  ]
  const applied = await kubectl(['apply', '--server-side', '--field-manager=platform', '-f', '-'], {
    kubeconfig: cluster.adminKubeconfigPath,
    input: [platform, ...routes].join('---\n'),
  })
  expect(applied, applied.stderr).toMatchObject({ code: 0 })
}, 120_000)

interface JsonFinding {
  severity: string
  code: string
  object: { kind: string; namespace?: string; name: string }
  path?: string
  location: string
}
interface JsonReport {
  cluster: { context: string; server: string; objects: number }
  replaced: string[]
  added: string[]
  introduced: JsonFinding[]
  fixed: JsonFinding[]
  unchanged: JsonFinding[]
  unreadableKinds: { kind: string; state: string }[]
}

const ours = (list: JsonFinding[]) =>
  list.filter((f) => f.object.namespace === ns).map((f) => `${f.object.name} ${f.code}`)

// Each run starts a Node process that reads the whole cluster; on a loaded machine that takes a while.
const SLOW = { timeout: 300_000 }

describe('gatemap analyze --kubeconfig over the live cluster', SLOW, () => {
  const breaking = () => folder([route('breaks', 'grpc'), route('gets-fixed', 'http')])

  it('lists what the files introduce, fix and leave unchanged (JSON)', async () => {
    const run = await analyze([breaking(), '--kubeconfig', cluster.adminKubeconfigPath, '-o', 'json'])
    const report = JSON.parse(run.stdout) as JsonReport
    expect(report.introduced.map((f) => `${f.object.name} ${f.code}`)).toEqual([
      'breaks NotAllowedByListeners',
    ])
    expect(report.fixed.map((f) => `${f.object.name} ${f.code}`)).toEqual([
      'gets-fixed NotAllowedByListeners',
    ])
    expect(ours(report.unchanged)).toEqual(['stays-broken BackendNotFound'])
    expect(report.replaced.sort()).toEqual([`HTTPRoute/${ns}/breaks`, `HTTPRoute/${ns}/gets-fixed`])
    expect(report.added).toEqual([])
    expect(report.introduced[0]?.location).toMatch(/routes\.yaml:\d+:\d+$/)
    expect(report.cluster.objects).toBeGreaterThan(0)
    // The admin may read everything.
    expect(report.unreadableKinds).toEqual([])
  })

  it('text: introduced first with file:line:column, then fixed, then a count of unchanged', async () => {
    const dir = breaking()
    const run = await analyze([dir, '--kubeconfig', cluster.adminKubeconfigPath])
    const out = run.stdout
    const introduced = out.indexOf('Introduced by the change: 1 (1 error).')
    const fixed = out.indexOf('Fixed by the change: 1 (1 error).')
    const unchanged = out.search(/Unchanged \(already in the cluster\): \d+ \(/)
    expect(introduced).toBeGreaterThan(-1)
    expect(fixed).toBeGreaterThan(introduced)
    expect(unchanged).toBeGreaterThan(fixed)
    const breaksLine = new RegExp(
      `\\n${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/routes\\.yaml:(\\d+):\\d+: error: HTTPRoute ${ns}/breaks: NotAllowedByListeners\\n`,
    ).exec(out.slice(introduced, fixed))
    expect(breaksLine, out).not.toBeNull()
    // The line is inside the first document (the `breaks` route, lines 1-15).
    expect(Number(breaksLine![1])).toBeGreaterThanOrEqual(1)
    expect(Number(breaksLine![1])).toBeLessThanOrEqual(15)
    expect(out.slice(fixed, unchanged)).toContain(`HTTPRoute ${ns}/gets-fixed: NotAllowedByListeners`)
    // Unchanged problems are counted, not listed.
    expect(out).not.toContain(`${ns}/stays-broken`)
  })

  it('--fail-on introduced: exit 1 when the change breaks a route, 0 when it only fixes', async () => {
    const kc = ['--kubeconfig', cluster.adminKubeconfigPath]
    const broke = await analyze([breaking(), ...kc, '--fail-on', 'introduced'])
    expect(broke.code, broke.stdout + broke.stderr).toBe(1)
    const onlyFix = folder([route('gets-fixed', 'http')])
    const fixes = await analyze([onlyFix, ...kc, '--fail-on', 'introduced'])
    expect(fixes.code, fixes.stdout + fixes.stderr).toBe(0)
    expect(fixes.stdout).toContain('Introduced by the change: none.')
    // Without the option, today's rule judges the merged world, which still has stays-broken.
    const merged = await analyze([onlyFix, ...kc])
    expect(merged.code, merged.stdout + merged.stderr).toBe(1)
  })

  it('judges a new local object in the cluster it would land in', async () => {
    const dir = folder([route('new-one', 'grpc')])
    const run = await analyze([dir, '--kubeconfig', cluster.adminKubeconfigPath, '-o', 'json'])
    const report = JSON.parse(run.stdout) as JsonReport
    expect(report.added).toEqual([`HTTPRoute/${ns}/new-one`])
    expect(report.introduced.map((f) => `${f.object.name} ${f.code}`)).toEqual([
      'new-one NotAllowedByListeners',
    ])
  })

  it("checks the files as the cluster's API server would (its CRDs' schema and CEL rules)", async () => {
    const invalid = route('bad-hostname', 'http').replace(
      '  parentRefs:',
      '  hostnames: ["<img src=x>"]\n  parentRefs:',
    )
    const run = await analyze([
      folder([invalid]),
      '--kubeconfig',
      cluster.adminKubeconfigPath,
      '--fail-on',
      'introduced',
      '-o',
      'json',
    ])
    const report = JSON.parse(run.stdout) as JsonReport
    const refused = report.introduced.find((f) => f.code === 'Invalid')
    expect(refused, run.stdout).toMatchObject({
      severity: 'error',
      object: { kind: 'HTTPRoute', namespace: ns, name: 'bad-hostname' },
    })
    expect(refused?.path).toMatch(/^spec\.hostnames\[0\]/)
    expect(run.code).toBe(1)
  })

  it('writes nothing to the cluster', async () => {
    await analyze([breaking(), '--kubeconfig', cluster.adminKubeconfigPath])
    const got = await kubectl(
      ['get', 'httproute', 'breaks', '-n', ns, '-o', 'jsonpath={.spec.parentRefs[0].sectionName}'],
      {
        kubeconfig: cluster.adminKubeconfigPath,
      },
    )
    expect(got).toMatchObject({ code: 0, stdout: 'http' })
  })
})

describe('gatemap analyze against a cluster it cannot use', SLOW, () => {
  it('--fail-on without a cluster is a usage error', async () => {
    const run = await analyze([folder([route('x', 'http')]), '--fail-on', 'introduced'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--fail-on compares the files with a cluster')
  })

  it('an unknown context: exit 2 and which context', async () => {
    const run = await analyze([
      folder([route('x', 'http')]),
      '--kubeconfig',
      cluster.adminKubeconfigPath,
      '--context',
      'no-such-context',
    ])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('context "no-such-context" is not in')
    expect(run.stdout).toBe('')
  })

  it('an API server that does not answer: exit 2, naming the server', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gatemap-kubeconfig-'))
    const file = path.join(dir, 'config')
    // Port 1 on loopback: nothing listens there.
    writeFileSync(
      file,
      `apiVersion: v1
kind: Config
clusters: [{name: gone, cluster: {server: "https://127.0.0.1:1"}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: gone, context: {cluster: gone, user: u}}]
current-context: gone
`,
    )
    const run = await analyze([folder([route('x', 'http')]), '--kubeconfig', file, '--timeout', '5'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(
      /the API server of context gone \(https:\/\/127\.0\.0\.1:1\) did not answer within 5 s/,
    )
  })

  it('kinds it may not read are named, and references into them are not judged', async () => {
    const reader = { namespace: ns, name: uniqueName('reader') }
    await cluster.grant(reader, {
      name: uniqueName('analyze-reader'),
      rules: [
        { apiGroups: ['gateway.networking.k8s.io'], resources: ['*'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['namespaces', 'services'], verbs: ['get', 'list', 'watch'] },
        {
          apiGroups: ['apiextensions.k8s.io'],
          resources: ['customresourcedefinitions'],
          verbs: ['get', 'list', 'watch'],
        },
      ],
    })
    const token = await cluster.serviceAccountToken(reader.namespace, reader.name)
    const dir = mkdtempSync(path.join(tmpdir(), 'gatemap-kubeconfig-'))
    const file = path.join(dir, 'config')
    writeFileSync(file, cluster.kubeConfigForToken(token, 'reader').exportConfig(), { mode: 0o600 })
    // A new HTTPS listener whose certificate Secret Gatemap may not look for.
    const gateway = `apiVersion: ${GW}
kind: Gateway
metadata:
  name: secure
  namespace: ${ns}
spec:
  gatewayClassName: ${gatewayClass}
  listeners:
  - name: https
    port: 443
    protocol: HTTPS
    tls:
      certificateRefs:
      - name: no-such-secret
`
    const run = await analyze([
      folder([gateway]),
      '--kubeconfig',
      file,
      '--fail-on',
      'introduced',
      '-o',
      'json',
    ])
    const report = JSON.parse(run.stdout) as JsonReport
    expect(report.unreadableKinds.map((k) => `${k.kind} ${k.state}`).sort()).toEqual([
      'ConfigMap forbidden',
      'Secret forbidden',
    ])
    expect(run.stderr).toMatch(/could not read from the cluster: .*Secret \(forbidden/)
    expect(run.stderr).toContain('Verdicts that depend on these kinds are unknown')
    expect(ours(report.introduced)).toEqual(['secure CannotCheck'])
    expect(run.code, run.stderr).toBe(0)
  })
})
