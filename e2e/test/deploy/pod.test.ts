// The server run as deploy/'s pod would run it, against the real API server: deploy/ applied for
// real (no kubelet here, so the Deployment never starts a pod; its ServiceAccount and RBAC are what
// count), the image that scripts/image-steps.sh assembled run through scripts/run-image.sh (read-only
// root, the image's non-root user), with the Deployment's own args, a ServiceAccount token from the
// TokenRequest API, the cluster's CA and namespace mounted where a kubelet mounts them, and the
// in-cluster environment variables. It must read with the read-only role, report Secrets as
// unreadable, and refuse a person's write until the editor role is bound to them.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Cluster } from '../../cluster/harness.ts'
import { kubectl } from '../../cluster/kubectl.ts'
import { sharedCluster } from '../cluster.ts'
import { type ServeProcess, startServe } from '../serve-process.ts'
import { connectStream } from '../stream-client.ts'
import { DEPLOY, type Manifest, rendered } from './manifests.ts'

const REPO = path.join(import.meta.dirname, '../../..')
const IMAGE = path.join(REPO, '.cache/image')
const RUN_IMAGE = path.join(REPO, 'scripts/run-image.sh')
const GROUP = 'gateway.networking.k8s.io'

let cluster: Cluster
let serve: ServeProcess
let ns: string
let aliceToken: string

const admin = () => ({ kubeconfig: cluster.adminKubeconfigPath })

function serviceAccountFolder(token: string, namespace: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatemap-sa-'))
  writeFileSync(path.join(dir, 'token'), token)
  writeFileSync(path.join(dir, 'ca.crt'), readFileSync(cluster.state.caFile))
  writeFileSync(path.join(dir, 'namespace'), namespace)
  return dir
}

function fixtures(namespace: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatemap-pod-'))
  writeFileSync(
    path.join(dir, 'objects.yaml'),
    `apiVersion: ${GROUP}/v1
kind: GatewayClass
metadata: { name: pod-test }
spec: { controllerName: example.com/pod-test }
---
apiVersion: v1
kind: Secret
metadata: { name: cert, namespace: ${namespace} }
type: kubernetes.io/tls
stringData: { tls.crt: not-a-certificate, tls.key: not-a-key }
---
apiVersion: ${GROUP}/v1
kind: Gateway
metadata: { name: gw, namespace: ${namespace} }
spec:
  gatewayClassName: pod-test
  listeners:
  - name: https
    port: 443
    protocol: HTTPS
    tls: { certificateRefs: [{ name: cert }] }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: ${namespace} }
spec: { ports: [{ port: 8080 }] }
---
apiVersion: ${GROUP}/v1
kind: HTTPRoute
metadata: { name: r, namespace: ${namespace} }
spec:
  parentRefs: [{ name: gw }]
  rules: [{ backendRefs: [{ name: web, port: 8080 }] }]
`,
  )
  return dir
}

async function login(token: string) {
  const session = await serve.signIn(token)
  expect(session.status).toBe(200)
  return session
}

const routeYaml = (weight: number) => `apiVersion: ${GROUP}/v1
kind: HTTPRoute
metadata: { name: r, namespace: ${ns} }
spec:
  parentRefs: [{ name: gw }]
  rules: [{ backendRefs: [{ name: web, port: 8080, weight: ${weight} }] }]
`

async function applyAs(token: string, yaml: string) {
  const { cookie, csrf } = await login(token)
  return serve.fetch('/api/apply', {
    method: 'POST',
    token: '',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
    // force: the setup applied these fields under another field manager; taking them over is the
    // person's choice in the editor, and here the question is RBAC, not ownership.
    body: JSON.stringify({ yaml, force: true }),
  })
}

beforeAll(async () => {
  if (!existsSync(path.join(IMAGE, 'config.json')))
    throw new Error(`no image in ${IMAGE}: run scripts/image-steps.sh first (scripts/test.sh does)`)
  cluster = sharedCluster()
  const docs = await rendered(DEPLOY, admin())
  const applied = await kubectl(['apply', '-k', DEPLOY, '--server-side'], admin())
  expect(applied.code, applied.stderr).toBe(0)
  ns = await cluster.uniqueNamespace('pod')
  await cluster.applyFolder(fixtures(ns))
  // alice may read what is in her namespace (the read role, bound there) and nothing more yet.
  await cluster.grant(
    { namespace: ns, name: 'alice' },
    { name: 'alice-reads', namespace: ns, clusterRole: 'gatemap-read' },
  )
  // Also creates the ServiceAccount.
  aliceToken = await cluster.serviceAccountToken(ns, 'alice')

  const deployment = docs.find((d) => d.kind === 'Deployment') as Manifest & {
    metadata: { namespace: string }
    spec: { template: { spec: { serviceAccountName: string; containers: { args: string[] }[] } } }
  }
  const pod = deployment.spec.template.spec
  const podNamespace = deployment.metadata.namespace
  const token = await cluster.serviceAccountToken(podNamespace, pod.serviceAccountName)
  const api = new URL(cluster.server)
  const config = JSON.parse(readFileSync(path.join(IMAGE, 'config.json'), 'utf8')) as { entrypoint: string[] }
  serve = await startServe(['--port', '0'], {
    command: [
      'bash',
      RUN_IMAGE,
      '--image',
      IMAGE,
      '--service-account',
      serviceAccountFolder(token, podNamespace),
      '--env',
      `KUBERNETES_SERVICE_HOST=${api.hostname}`,
      '--env',
      `KUBERNETES_SERVICE_PORT=${api.port}`,
      '--',
      ...config.entrypoint,
      // Kubernetes' args replace the image's CMD and keep its ENTRYPOINT; the port is the test's.
      ...(pod.containers[0]?.args ?? []),
    ],
  })
  await serve.synced
}, 300_000)

afterAll(() => serve?.stop())

describe('the server as deploy/ runs it', () => {
  it('finds its service account, and defaults to bearer auth', () => {
    expect(serve.output()).toMatch(/showing cluster context in-cluster/)
    expect(serve.output()).toMatch(/in a pod: .*in bearer mode each person's own token decides/)
    expect(serve.token).toBeUndefined()
  })

  it('reads every kind it watches with the read-only role, except Secrets and ConfigMaps', async () => {
    // A probe without a session learns only that it is ready; a signed-in person sees the kinds.
    const probe = await serve.fetch('/readyz', { token: '' })
    expect([probe.status, await probe.json()]).toEqual([200, { ready: true }])
    const response = await serve.fetch('/readyz', { token: aliceToken })
    expect(response.status).toBe(200)
    const { kinds } = (await response.json()) as { kinds: { kind: string; state: string }[] }
    const state = Object.fromEntries(kinds.map((k) => [k.kind, k.state]))
    expect(state).toMatchObject({
      Gateway: 'ok',
      HTTPRoute: 'ok',
      GatewayClass: 'ok',
      ReferenceGrant: 'ok',
      Service: 'ok',
      Namespace: 'ok',
      Secret: 'forbidden',
      ConfigMap: 'forbidden',
    })
    const forbidden = kinds.filter((k) => k.state === 'forbidden').map((k) => k.kind)
    expect(forbidden.sort()).toEqual(['ConfigMap', 'Secret'])
  })

  it('shows a person their namespace, with Secrets unreadable', async () => {
    const { cookie } = await login(aliceToken)
    const WebSocket = (await import('ws')).default
    const tab = await connectStream(
      () => new WebSocket(`${serve.url.replace('http', 'ws')}/api/stream`, { headers: { cookie } }),
    )
    await tab.until((m) => m.objects.has(`HTTPRoute/${ns}/r`), 30_000, 'the route')
    expect(tab.mirror.objects.has(`Gateway/${ns}/gw`)).toBe(true)
    expect(tab.mirror.objects.has(`Secret/${ns}/cert`)).toBe(false)
    expect(tab.mirror.kinds.get('/Secret')?.state).toBe('forbidden')
    tab.close()
  })

  it('says it cannot check the certificate, rather than calling it missing or malformed', async () => {
    const { cookie, csrf } = await login(aliceToken)
    const gateway = await kubectl(['get', 'gateway', 'gw', '-n', ns, '-o', 'yaml'], admin())
    const response = await serve.fetch('/api/validate', {
      method: 'POST',
      token: '',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      body: JSON.stringify({ yaml: gateway.stdout }),
    })
    const body = (await response.json()) as {
      objects: { findings: { severity: string; code?: string; message: string }[] }[]
    }
    const findings = body.objects[0]?.findings ?? []
    expect(findings).toContainEqual(
      expect.objectContaining({
        severity: 'info',
        code: 'CannotCheck',
        message: `listener https: Cannot check Secret ${ns}/cert: no permission to read Secrets.`,
      }),
    )
    expect(findings.map((f) => f.code)).not.toContain('InvalidCertificateRef')
  })

  it("refuses a person's write until the editor role is bound to them, then applies it", async () => {
    const refused = await applyAs(aliceToken, routeYaml(5))
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { message: string }).message).toMatch(
      /cannot patch resource "httproutes"/,
    )

    const editor = await kubectl(
      ['apply', '--server-side', '-f', path.join(DEPLOY, 'editor/clusterrole-editor.yaml')],
      admin(),
    )
    expect(editor.code, editor.stderr).toBe(0)
    const bound = await kubectl(
      [
        'create',
        'rolebinding',
        'alice-edits',
        '--clusterrole=gatemap-route-editor',
        `--serviceaccount=${ns}:alice`,
        '-n',
        ns,
      ],
      admin(),
    )
    expect(bound.code, bound.stderr).toBe(0)
    // The API server's authorizer follows RBAC objects through a watch; give it a moment.
    let status = 0
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await applyAs(aliceToken, routeYaml(7))).status
      if (status !== 200) await new Promise((r) => setTimeout(r, 200))
    }
    expect(status).toBe(200)
    const route = await kubectl(
      ['get', 'httproute', 'r', '-n', ns, '-o', 'jsonpath={.spec.rules[0].backendRefs[0].weight}'],
      admin(),
    )
    expect(route.stdout).toBe('7')
  })

  it('its own service account can write nothing and read no Secrets', async () => {
    const as = ['--as', 'system:serviceaccount:gatemap:gatemap']
    for (const [verb, resource] of [
      ['patch', 'httproutes.gateway.networking.k8s.io'],
      ['create', 'gateways.gateway.networking.k8s.io'],
      ['list', 'secrets'],
      ['list', 'configmaps'],
    ] as const) {
      const answer = await kubectl(['auth', 'can-i', verb, resource, '-n', ns, ...as], admin())
      expect(answer.stdout.trim(), `${verb} ${resource}`).toBe('no')
    }
    const reads = await kubectl(
      ['auth', 'can-i', 'watch', 'httproutes.gateway.networking.k8s.io', '-A', ...as],
      admin(),
    )
    expect(reads.stdout.trim()).toBe('yes')
  })
})
