// Signing in over real HTTP: tokens only in a POST body or a header (the loopback link excepted, and
// exchanged at once), a sign-in page that asks for the right token per auth mode, throttled guessing
// that never locks the rightful user out for long, and /readyz details only for a signed-in caller.
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { CrdRegistry } from '../../src/crds/registry.ts'
import { buildServer } from '../../src/http/app.ts'
import { Auth, type AuthMode } from '../../src/http/auth.ts'
import { loopbackPolicy } from '../../src/http/security.ts'
import { LoginThrottle } from '../../src/http/throttle.ts'
import { ResourceStore } from '../../src/store/resource-store.ts'
import { MemorySource, route } from './helpers.ts'

const TOKEN = 'sign-in-test-token-0123456789'
const servers: { close(): Promise<void> }[] = []
afterAll(async () => {
  for (const server of servers) await server.close()
})

async function serve(mode: AuthMode) {
  const store = new ResourceStore()
  const source = new MemorySource(store)
  source.put(route('shop'))
  const { app } = await buildServer({
    source,
    store,
    crds: new CrdRegistry(),
    auth: new Auth(mode, mode === 'bearer' ? undefined : TOKEN),
    origins: loopbackPolicy(),
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  servers.push(app)
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const form = (token: string) =>
    fetch(`${url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
    })
  return { url, form }
}

const cookieOf = (response: Response) => (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''

describe('the sign-in page', () => {
  it.each([
    ['local', /sign-in link that <code>gatemap serve<\/code> printed/, 'Access token'],
    ['token', /access token this server was started with/, 'Access token'],
    ['bearer', /your own Kubernetes token/, 'Kubernetes token'],
  ] as const)('in %s mode asks for the right token, and posts it', async (mode, text, label) => {
    const { url } = await serve(mode)
    const page = await (await fetch(`${url}/login`)).text()
    expect(page).toMatch(text)
    expect(page).toContain(`<label>${label} <input name="token"`)
    expect(page).toContain('<form method="post" action="/login">')
    expect(page).not.toContain('method="get"')
  })

  it('the form post signs in: a session cookie and a redirect to the dashboard, nothing in the address', async () => {
    const { url, form } = await serve('token')
    const response = await form(TOKEN)
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/')
    const session = await fetch(`${url}/api/session`, { headers: { cookie: cookieOf(response) } })
    expect(session.status).toBe(200)
  })

  it('a wrong token in the form is 401 with the page again, saying so', async () => {
    const { form } = await serve('token')
    const response = await form('not-the-token')
    expect(response.status).toBe(401)
    expect(response.headers.get('set-cookie')).toBeNull()
    expect(await response.text()).toContain('<p role="alert">wrong token</p>')
  })

  it.each(['token', 'bearer'] as const)('in %s mode a token in the URL is refused unread', async (mode) => {
    const { url } = await serve(mode)
    const response = await fetch(`${url}/login?token=${TOKEN}`, { redirect: 'manual' })
    expect(response.status).toBe(400)
    expect(response.headers.get('set-cookie')).toBeNull()
    expect(await response.text()).toContain('A token in the address is not accepted')
  })

  it("in local mode the printed link's token is exchanged for a cookie and a redirect to a clean address", async () => {
    const { url } = await serve('local')
    const response = await fetch(`${url}/login?token=${TOKEN}`, { redirect: 'manual' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/')
    expect(cookieOf(response)).toMatch(/^gatemap_session=/)
  })
})

describe('/readyz', () => {
  it('tells an unauthenticated probe only whether it is ready', async () => {
    const { url } = await serve('token')
    const response = await fetch(`${url}/readyz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ready: true })
  })

  it('gives a signed-in caller the source, kinds and file count', async () => {
    const { url } = await serve('token')
    const response = await fetch(`${url}/readyz`, { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(await response.json()).toMatchObject({ ready: true, source: { mode: 'folder', name: 'memory' } })
  })
})

describe('guessing tokens', () => {
  it('is throttled after a few wrong tokens: 429 with Retry-After, also for the right token until it passes', async () => {
    const { url } = await serve('token')
    const login = (token: string) =>
      fetch(`${url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      })
    for (let i = 0; i < 5; i++) expect((await login(`wrong-${i}`)).status).toBe(401)
    const sixth = await login('wrong-6')
    expect(sixth.status).toBe(401)
    const blocked = await login(TOKEN)
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(await blocked.json()).toMatchObject({ reason: 'TooManyRequests' })
    // The header path counts against the same address.
    const header = await fetch(`${url}/api/session`, { headers: { authorization: 'Bearer wrong' } })
    expect(header.status).toBe(429)
  })

  it('a session cookie is never throttled', async () => {
    const { url, form } = await serve('token')
    const cookie = cookieOf(await form(TOKEN))
    for (let i = 0; i < 8; i++) await form(`wrong-${i}`)
    expect((await form(TOKEN)).status).toBe(429)
    expect((await fetch(`${url}/api/session`, { headers: { cookie } })).status).toBe(200)
  })
})

describe('LoginThrottle', () => {
  it('backs off by doubling, never beyond the cap, and one right token clears the record', () => {
    let now = 0
    const throttle = new LoginThrottle({
      freeFailures: 2,
      firstBlockMs: 1000,
      maxBlockMs: 60_000,
      now: () => now,
    })
    const waits: number[] = []
    for (let i = 0; i < 12; i++) {
      throttle.failed('a')
      waits.push(throttle.retryAfter('a'))
    }
    expect(waits).toEqual([0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60, 60])
    for (let i = 0; i < 1000; i++) throttle.failed('a')
    expect(throttle.retryAfter('a')).toBe(60)
    expect(throttle.retryAfter('b')).toBe(0)
    now += 60_000
    expect(throttle.retryAfter('a')).toBe(0)
    throttle.succeeded('a')
    throttle.failed('a')
    expect(throttle.retryAfter('a')).toBe(0)
  })

  it('forgets old wrong tokens, and remembers a bounded number of addresses', () => {
    let now = 0
    const throttle = new LoginThrottle({
      freeFailures: 1,
      forgetAfterMs: 1000,
      maxClients: 3,
      now: () => now,
    })
    throttle.failed('a')
    now += 2000
    throttle.failed('a')
    expect(throttle.retryAfter('a')).toBe(0)
    for (const client of ['b', 'c', 'd', 'e']) {
      throttle.failed(client)
      throttle.failed(client)
    }
    expect(throttle.retryAfter('b')).toBe(0)
    expect(throttle.retryAfter('e')).toBeGreaterThan(0)
  })
})
