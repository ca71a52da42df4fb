// Safe defaults of the HTTP layer: nothing without a token, no foreign origins, CSRF on writes,
// read-only, body and YAML limits, and security headers everywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../src/http/security.ts'
import { route, startTestServer, type TestServer } from './helpers.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
  server.source.put(route('shop'))
})
afterAll(() => server.close())

const PROTECTED: [string, string, unknown?][] = [
  ['GET', '/api/session'],
  ['GET', '/api/object?kind=HTTPRoute&namespace=default&name=shop'],
  ['GET', '/api/status?kind=HTTPRoute&namespace=default&name=shop'],
  ['GET', '/api/crds'],
  ['GET', '/api/crd?group=gateway.networking.k8s.io&kind=HTTPRoute'],
  ['GET', '/metrics'],
  ['POST', '/api/validate', { yaml: 'a: 1' }],
  ['POST', '/api/apply', { yaml: 'a: 1' }],
  ['POST', '/api/create', { yaml: 'a: 1' }],
  ['POST', '/api/logout', {}],
  ['DELETE', '/api/object?apiVersion=v1&kind=Service&name=x'],
  ['GET', '/api/no-such-route'],
]

/** Response bodies in these tests: an ErrorResponse or a ValidateResponse. */
interface Body {
  message: string
  reason: string
  valid: boolean
  findings: unknown[]
  causes: { line: number }[]
  current: { metadata: { resourceVersion: string } }
}
const json = async (response: Response) => (await response.json()) as Body

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
}

describe('without a token', () => {
  it.each(PROTECTED)('%s %s is 401 with a JSON reason', async (method, path, body) => {
    const response = await call(method, path, body)
    expect(response.status).toBe(401)
    expect(await json(response)).toMatchObject({ status: 401, reason: 'Unauthorized' })
  })

  it('a wrong token is 401 too, as a header or a cookie', async () => {
    expect((await call('GET', '/api/session', undefined, { authorization: 'Bearer nope' })).status).toBe(401)
    expect((await call('GET', '/api/session', undefined, { cookie: 'gatemap_session=forged' })).status).toBe(
      401,
    )
  })

  it('the page asks to sign in', async () => {
    const response = await call('GET', '/')
    expect(response.status).toBe(401)
    expect(await response.text()).toContain('access token')
  })

  it('the WebSocket upgrade is refused with 401', async () => {
    const ws = server.socket()
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
      ws.on('open', () => resolve(101))
    })
    expect(status).toBe(401)
  })

  it('probes answer without a token', async () => {
    expect((await call('GET', '/healthz')).status).toBe(200)
    expect(await (await call('GET', '/readyz')).json()).toMatchObject({ ready: true })
  })
})

describe('signing in', () => {
  it('the printed URL sets an HttpOnly SameSite=Strict cookie and drops the token from the address', async () => {
    const response = await fetch(`${server.url}/login?token=${server.token}`, { redirect: 'manual' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/')
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^gatemap_session=/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Strict/i)
    const session = await call('GET', '/api/session', undefined, { cookie: cookie.split(';')[0]! })
    expect(session.status).toBe(200)
  })

  it('a wrong token in the URL is 401 and sets no cookie', async () => {
    const response = await fetch(`${server.url}/login?token=wrong`, { redirect: 'manual' })
    expect(response.status).toBe(401)
    expect(response.headers.get('set-cookie')).toBeNull()
  })

  it('logging out ends the session', async () => {
    const { cookie, csrf } = await server.login()
    expect((await call('POST', '/api/logout', {}, { cookie, 'x-csrf-token': csrf })).status).toBe(200)
    expect((await call('GET', '/api/session', undefined, { cookie })).status).toBe(401)
  })
})

describe('CSRF and origins', () => {
  it('a cookie session must send its CSRF token with a write', async () => {
    const { cookie, csrf } = await server.login()
    const yaml = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n1\n'
    const without = await call('POST', '/api/apply', { yaml }, { cookie })
    expect(without.status).toBe(403)
    expect((await json(without)).message).toMatch(/x-csrf-token/)
    expect((await call('POST', '/api/apply', { yaml }, { cookie, 'x-csrf-token': 'guess' })).status).toBe(403)
    expect((await call('POST', '/api/apply', { yaml }, { cookie, 'x-csrf-token': csrf })).status).toBe(201)
  })

  it('a script with the token in the Authorization header needs no CSRF token (no ambient credentials)', async () => {
    const yaml = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n2\n'
    const response = await call('POST', '/api/apply', { yaml }, { authorization: `Bearer ${server.token}` })
    expect(response.status).toBe(201)
  })

  it('a foreign Origin is refused on requests and on the WebSocket', async () => {
    const { cookie } = await server.login()
    const response = await call('GET', '/api/session', undefined, { cookie, origin: 'http://evil.example' })
    expect(response.status).toBe(403)
    const ws = server.socket({ cookie, origin: 'http://evil.example' })
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
      ws.on('open', () => resolve(101))
    })
    expect(status).toBe(403)
  })

  it('our own Origin is accepted on the WebSocket', async () => {
    const { cookie } = await server.login()
    const ws = server.socket({ cookie, origin: server.url })
    await new Promise((resolve, reject) => {
      ws.on('open', resolve)
      ws.on('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)))
    })
    ws.close()
  })

  it('a Host that is not loopback is refused (DNS rebinding)', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { host: 'attacker.example:7480' },
    })
    expect(response.statusCode).toBe(403)
    expect(response.json().message).toMatch(/attacker\.example/)
  })
})

describe('limits and bad input', () => {
  const auth = () => ({ authorization: `Bearer ${server.token}` })

  it('an oversized body is 413 with a reason', async () => {
    const response = await call('POST', '/api/validate', { yaml: 'x'.repeat(2 * 1024 * 1024) }, auth())
    expect(response.status).toBe(413)
    expect(await json(response)).toMatchObject({ reason: 'RequestEntityTooLarge' })
  })

  it('a YAML alias bomb gets a clear 422 on apply and a finding on validate', async () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    ].join('\n')
    const apply = await call('POST', '/api/apply', { yaml: bomb, file: 'bomb.yaml' }, auth())
    expect(apply.status).toBe(422)
    expect((await json(apply)).message).toMatch(/bomb\.yaml.*alias/)
    const validate = await call('POST', '/api/validate', { yaml: bomb }, auth())
    const body = await json(validate)
    expect(body.valid).toBe(false)
    expect(body.findings[0]).toMatchObject({ source: 'yaml', line: 1 })
  })

  it('deeply nested YAML is refused with a message, and the server keeps serving', async () => {
    const deep = `a: ${'['.repeat(50_000)}${']'.repeat(50_000)}`
    const response = await call('POST', '/api/apply', { yaml: deep }, auth())
    expect(response.status).toBe(422)
    expect((await json(response)).message).toBe(
      'the YAML cannot be read: document 1: nesting deeper than 64 levels; it was not read (line 1, column 67)',
    )
    expect((await call('GET', '/healthz')).status).toBe(200)
  })

  it('a body that is not JSON, or has the wrong shape, is 400 naming the problem', async () => {
    const notJson = await fetch(`${server.url}/api/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth() },
      body: '{"yaml": ',
    })
    expect(notJson.status).toBe(400)
    const both = await call('POST', '/api/validate', { yaml: 'a: 1', object: route('x') }, auth())
    expect(both.status).toBe(400)
    expect((await json(both)).message).toMatch(/exactly one/)
  })

  it('a broken YAML document is 422 with line and column', async () => {
    const response = await call(
      'POST',
      '/api/apply',
      { yaml: 'kind: Service\nmetadata: [\n', file: 'svc.yaml' },
      auth(),
    )
    expect(response.status).toBe(422)
    const body = await json(response)
    expect(body.message).toMatch(/svc\.yaml/)
    expect(body.causes[0]).toHaveProperty('line')
  })

  it('a stale resourceVersion is a 409 carrying the current object', async () => {
    const current = server.source.put(route('conflicted'))
    const yaml = `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: conflicted\n  namespace: default\n  resourceVersion: "0"\nspec: {}\n`
    const response = await call('POST', '/api/apply', { yaml }, auth())
    expect(response.status).toBe(409)
    const body = await json(response)
    expect(body.reason).toBe('Conflict')
    expect(body.current.metadata.resourceVersion).toBe(current.metadata.resourceVersion)
  })
})

describe('read-only', () => {
  it('refuses writes but allows dry runs and validation', async () => {
    const ro = await startTestServer({ readOnly: true })
    try {
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${ro.token}` }
      const yaml = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n'
      const post = (path: string, body: unknown) =>
        fetch(`${ro.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
      const apply = await post('/api/apply', { yaml })
      expect(apply.status).toBe(403)
      expect(await json(apply)).toMatchObject({ reason: 'ReadOnly' })
      expect((await post('/api/create', { yaml })).status).toBe(403)
      const del = await fetch(`${ro.url}/api/object?apiVersion=v1&kind=Namespace&name=n`, {
        method: 'DELETE',
        headers: { authorization: headers.authorization },
      })
      expect(del.status).toBe(403)
      expect((await post('/api/apply', { yaml, dryRun: true })).status).toBe(200)
      expect((await post('/api/validate', { yaml })).status).toBe(200)
      expect(ro.store.size).toBe(0)
    } finally {
      await ro.close()
    }
  })
})

describe('security headers', () => {
  it.each([
    ['/healthz', 200],
    ['/api/session', 401],
    ['/nothing-here', 401],
    ['/', 401],
  ])('%s carries CSP, nosniff, frame and referrer policies', async (path, status) => {
    const response = await fetch(`${server.url}${path}`)
    expect(response.status).toBe(status)
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(response.headers.get('referrer-policy')).toBe('same-origin')
  })

  it("the CSP lets Monaco's workers run from our origin and blobs, and nothing from elsewhere", () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/worker-src 'self' blob:/)
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'self'/)
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/)
  })
})
