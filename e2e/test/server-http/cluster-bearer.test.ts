// Bearer mode against the real API server: each person signs in with their own Kubernetes token,
// sees in the stream only what RBAC lets them list, and their writes are decided by RBAC too (a
// 403 is passed through with the API server's reason and message).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Cluster } from '../../cluster/harness.ts'
import { sharedCluster } from '../cluster.ts'
import { type ServeProcess, startServe } from '../serve-process.ts'
import { connectStream } from '../stream-client.ts'

const GROUP = 'gateway.networking.k8s.io'
let cluster: Cluster
let serve: ServeProcess
let visible: string
let hidden: string
let viewerToken: string

beforeAll(async () => {
  cluster = sharedCluster()
  visible = await cluster.uniqueNamespace('bearer-visible')
  hidden = await cluster.uniqueNamespace('bearer-hidden')
  await cluster.grant(
    { namespace: visible, name: 'viewer' },
    {
      name: 'route-viewer',
      namespace: visible,
      rules: [{ apiGroups: [GROUP], resources: ['httproutes'], verbs: ['get', 'list', 'watch'] }],
    },
  )
  viewerToken = await cluster.serviceAccountToken(visible, 'viewer')
  for (const ns of [visible, hidden]) {
    await cluster.applyFolder(await routeFile(ns))
  }
  serve = await startServe(['--kubeconfig', cluster.adminKubeconfigPath, '--auth', 'bearer'])
  await serve.synced
}, 120_000)
afterAll(() => serve?.stop())

async function routeFile(ns: string): Promise<string> {
  const { mkdtempSync, writeFileSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const dir = mkdtempSync(`${tmpdir()}/gatemap-bearer-`)
  writeFileSync(
    `${dir}/route.yaml`,
    `apiVersion: ${GROUP}/v1\nkind: HTTPRoute\nmetadata:\n  name: r\n  namespace: ${ns}\nspec:\n  parentRefs:\n  - name: gw\n`,
  )
  return dir
}

const login = (token: string) => serve.signIn(token)

describe('bearer mode', () => {
  it('prints no token of its own and asks for a Kubernetes token', () => {
    expect(serve.token).toBeUndefined()
    expect(serve.output()).toMatch(/your own Kubernetes bearer token/)
  })

  it('a token the API server does not accept gets no session', async () => {
    const { status } = await login('not-a-real-token')
    expect(status).toBe(401)
  })

  it('knows who signed in from the API server (SelfSubjectReview), and says so in the session', async () => {
    const { status, cookie } = await login(viewerToken)
    expect(status).toBe(200)
    const session = await serve.fetch('/api/session', { token: '', headers: { cookie } })
    expect(await session.json()).toMatchObject({
      authMode: 'bearer',
      user: `system:serviceaccount:${visible}:viewer`,
    })
  })

  it('checks a token sent as Authorization: Bearer with the API server before doing anything with it', async () => {
    const wrong = await serve.fetch('/api/session', { token: 'not-a-real-token' })
    expect(wrong.status).toBe(401)
    expect(((await wrong.json()) as { message: string }).message).toMatch(
      /the API server did not accept this token/,
    )
    const right = await serve.fetch('/api/session', { token: viewerToken })
    expect(await right.json()).toMatchObject({ user: `system:serviceaccount:${visible}:viewer` })
  })

  it('never takes a Kubernetes token from the address: the sign-in page posts it', async () => {
    const inUrl = await fetch(`${serve.url}/login?token=${encodeURIComponent(viewerToken)}`, {
      redirect: 'manual',
    })
    expect(inUrl.status).toBe(400)
    expect(inUrl.headers.get('set-cookie')).toBeNull()
    const page = await (await fetch(`${serve.url}/login`)).text()
    expect(page).toContain('<form method="post" action="/login">')
    expect(page).toContain('Kubernetes token')
  })

  it('the stream shows a person only what they may list', async () => {
    const { status, cookie } = await login(viewerToken)
    expect(status).toBe(200)
    const WebSocket = (await import('ws')).default
    const tab = await connectStream(
      () => new WebSocket(`${serve.url.replace('http', 'ws')}/api/stream`, { headers: { cookie } }),
    )
    await tab.until((m) => m.objects.has(`HTTPRoute/${visible}/r`), 30_000, 'the visible route')
    const kinds = new Set([...tab.mirror.objects.values()].map((e) => e.object.kind))
    expect([...kinds]).toEqual(['HTTPRoute'])
    expect(tab.mirror.objects.has(`HTTPRoute/${hidden}/r`)).toBe(false)
    expect(tab.mirror.kinds.get(`${GROUP}/Gateway`)?.state).toBe('forbidden')
    expect(tab.mirror.kinds.get(`${GROUP}/HTTPRoute`)?.state).toBe('ok')
    tab.close()
  })

  it('single reads go through their own token, and status is only given about what they may see', async () => {
    const { cookie } = await login(viewerToken)
    const get = (q: string) => serve.fetch(q, { token: '', headers: { cookie } })
    expect((await get(`/api/object?kind=HTTPRoute&namespace=${hidden}&name=r`)).status).toBe(400)
    const hiddenRead = await get(
      `/api/object?apiVersion=${GROUP}/v1&kind=HTTPRoute&namespace=${hidden}&name=r`,
    )
    expect(hiddenRead.status).toBe(403)
    const visibleRead = await get(
      `/api/object?apiVersion=${GROUP}/v1&kind=HTTPRoute&namespace=${visible}&name=r`,
    )
    expect(visibleRead.status).toBe(200)
    expect((await get(`/api/status?kind=HTTPRoute&namespace=${hidden}&name=r`)).status).toBe(404)
    expect((await get(`/api/status?kind=HTTPRoute&namespace=${visible}&name=r`)).status).toBe(200)
  })

  it("their write is refused by the API server's RBAC, and the 403 reaches them", async () => {
    const { cookie, csrf } = await login(viewerToken)
    const yaml = `apiVersion: ${GROUP}/v1\nkind: HTTPRoute\nmetadata:\n  name: mine\n  namespace: ${visible}\nspec: {}\n`
    const response = await serve.fetch('/api/apply', {
      method: 'POST',
      token: '',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      body: JSON.stringify({ yaml }),
    })
    expect(response.status).toBe(403)
    const body = (await response.json()) as { reason: string; message: string }
    expect(body.reason).toBe('Forbidden')
    expect(body.message).toMatch(/system:serviceaccount:.*viewer.*cannot patch/)
  })

  it('the admin token, by contrast, may write', async () => {
    const adminToken = await cluster.serviceAccountToken(hidden, 'admin-sa')
    await cluster.grant(
      { namespace: hidden, name: 'admin-sa' },
      { name: `gatemap-e2e-${hidden}`, clusterRole: 'cluster-admin' },
    )
    const yaml = `apiVersion: ${GROUP}/v1\nkind: HTTPRoute\nmetadata:\n  name: theirs\n  namespace: ${hidden}\nspec: {}\n`
    const response = await serve.fetch('/api/apply', {
      method: 'POST',
      token: adminToken,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ yaml }),
    })
    expect(response.status).toBe(201)
  })
})
