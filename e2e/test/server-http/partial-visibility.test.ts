// Partial visibility against the real API server: a person whose ServiceAccount may read only their
// own namespace writes a route aimed at a Gateway in a namespace they cannot list. Both /api/validate
// and the browser's worker pipeline (fed from the person's own stream) must say "cannot check", never
// NoMatchingParent, and no answer may name what only the hidden namespace holds (a Gateway with a
// near name, a listener).
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseServerMessage, type ValidateResponse } from '@gatemap/shared'
import { GraphPipeline } from '@gatemap/shared/view/frame/pipeline.ts'
import { EMPTY_VIEW_STATE } from '@gatemap/shared/view/model/view-types.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { Cluster } from '../../cluster/harness.ts'
import { sharedCluster } from '../cluster.ts'
import { type ServeProcess, startServe } from '../serve-process.ts'

const GROUP = 'gateway.networking.k8s.io'
/** Only in the hidden namespace: no answer to the person may contain them. */
const HIDDEN_NAMES = ['edge-internal', 'hidden-listener']
let cluster: Cluster
let serve: ServeProcess
let team: string
let infra: string
let devToken: string

function manifests(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatemap-visibility-'))
  const gateway = (name: string) =>
    `apiVersion: ${GROUP}/v1\nkind: Gateway\nmetadata:\n  name: ${name}\n  namespace: ${infra}\nspec:\n  gatewayClassName: ${infra}\n  listeners:\n  - name: hidden-listener\n    protocol: HTTP\n    port: 80\n    allowedRoutes:\n      namespaces:\n        from: All\n`
  writeFileSync(
    path.join(dir, 'objects.yaml'),
    [
      `apiVersion: ${GROUP}/v1\nkind: GatewayClass\nmetadata:\n  name: ${infra}\nspec:\n  controllerName: example.com/visibility\n`,
      gateway('edge'),
      gateway('edge-internal'),
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: app\n  namespace: ${team}\nspec:\n  ports:\n  - port: 8080\n`,
      routeYaml('edge'),
    ].join('---\n'),
  )
  return dir
}

/** A route of the person's; validate proposes a new one (`mine`), as the stored `r` has another field manager. */
function routeYaml(parent: string, name = 'r'): string {
  return `apiVersion: ${GROUP}/v1\nkind: HTTPRoute\nmetadata:\n  name: ${name}\n  namespace: ${team}\nspec:\n  parentRefs:\n  - name: ${parent}\n    namespace: ${infra}\n  rules:\n  - backendRefs:\n    - name: app\n      port: 8080\n`
}

beforeAll(async () => {
  cluster = sharedCluster()
  team = await cluster.uniqueNamespace('vis-team')
  infra = await cluster.uniqueNamespace('vis-infra')
  await cluster.applyFolder(manifests())
  await cluster.grant(
    { namespace: team, name: 'dev' },
    {
      name: 'team-dev',
      namespace: team,
      rules: [
        { apiGroups: [GROUP], resources: ['*'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [GROUP], resources: ['httproutes'], verbs: ['patch', 'create'] },
        { apiGroups: [''], resources: ['services'], verbs: ['get', 'list', 'watch'] },
      ],
    },
  )
  devToken = await cluster.serviceAccountToken(team, 'dev')
  serve = await startServe(['--kubeconfig', cluster.adminKubeconfigPath, '--auth', 'bearer'])
  await serve.synced
}, 180_000)
afterAll(() => serve?.stop())

async function validate(parent: string): Promise<{ body: ValidateResponse; text: string }> {
  const response = await serve.fetch('/api/validate', {
    method: 'POST',
    token: devToken,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ yaml: routeYaml(parent, 'mine'), file: 'route.yaml' }),
  })
  expect(response.status).toBe(200)
  const text = await response.text()
  return { body: JSON.parse(text) as ValidateResponse, text }
}

describe('a route aimed at a Gateway the person cannot see', () => {
  it('/api/validate says "cannot check", not NoMatchingParent, and the dry run passes', async () => {
    const { body, text } = await validate('edge')
    const object = body.objects[0]!
    const codes = object.findings.map((f) => f.code)
    expect(codes).toContain('CannotCheck')
    expect(codes).not.toContain('NoMatchingParent')
    expect(object.findings.find((f) => f.code === 'CannotCheck')?.message).toBe(
      `parentRef 0 (Gateway ${infra}/edge): Accepted=Unknown (CannotCheck): Cannot check Gateway ${infra}/edge: Gateways in namespace ${infra} are not visible to you.`,
    )
    const status = object.preview?.status as { parents: { conditions: { type: string; reason: string }[] }[] }
    expect(status.parents[0]?.conditions[0]).toMatchObject({
      type: 'Accepted',
      status: 'Unknown',
      reason: 'CannotCheck',
    })
    expect(object.dryRun).toEqual({ accepted: true })
    expect(body.valid).toBe(true)
    for (const name of HIDDEN_NAMES) expect(text).not.toContain(name)
  })

  it('a misspelt name is not answered with the near name found in the hidden namespace', async () => {
    const { body, text } = await validate('edge-internl')
    expect(body.objects[0]!.findings.map((f) => f.code)).toContain('CannotCheck')
    for (const name of HIDDEN_NAMES) expect(text).not.toContain(name)
    expect(text).not.toMatch(/does not exist|Did you mean/)
  })

  it("the browser's pipeline, fed from the person's stream, computes the same", async () => {
    const { status, cookie } = await serve.signIn(devToken)
    expect(status).toBe(200)
    const pipeline = new GraphPipeline()
    const socket = new WebSocket(`${serve.url.replace('http', 'ws')}/api/stream`, { headers: { cookie } })
    const routeKey = `HTTPRoute/${team}/r`
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the route never reached the stream')), 30_000)
        socket.on('message', (data) => {
          const parsed = parseServerMessage(data.toString())
          if (!parsed.ok) return reject(new Error(parsed.error))
          expect(pipeline.apply(parsed.value)).toBe('ok')
          if (pipeline.mirror.objects.has(routeKey) && pipeline.mirror.objects.has(`Service/${team}/app`)) {
            clearTimeout(timer)
            resolve()
          }
        })
        socket.once('open', () => socket.send(JSON.stringify({ type: 'subscribe' })))
        socket.once('error', reject)
      })
      // The facts of what is hidden reached the worker over the wire.
      expect(pipeline.mirror.kinds.get(`${GROUP}/Gateway`)).toMatchObject({ state: 'ok', namespaces: [team] })
      expect(pipeline.mirror.kinds.get(`${GROUP}/GatewayClass`)?.state).toBe('forbidden')
      expect([...pipeline.mirror.objects.keys()].some((k) => k.includes(infra))).toBe(false)

      const frame = pipeline.frame({ ...EMPTY_VIEW_STATE, selected: `Route:${routeKey}` })
      const parent = frame.details?.parents?.[0]
      expect(parent?.accepted).toMatchObject({ status: 'Unknown', reason: 'CannotCheck' })
      expect(parent?.accepted.message).toBe(
        `Cannot check Gateway ${infra}/edge: Gateways in namespace ${infra} are not visible to you.`,
      )
      // Nothing about this route is an error or a warning: it is information, not a problem.
      expect(frame.problems.filter((p) => p.object.name === 'r')).toEqual([])
      // Drawn as not known, never as missing.
      const drawn = frame.nodes.find((n) => n.id === `Gateway:Gateway/${infra}/edge`)
      expect(drawn?.type === 'object' ? drawn.node.health : undefined).toBe('pending')
      for (const name of HIDDEN_NAMES) expect(JSON.stringify(frame)).not.toContain(name)
    } finally {
      socket.close()
    }
  })
})
