// An unexpected failure reaches the client as a 500 with its gist only: never a stack, never a path
// of the server's machine. The source is the faked boundary (it fails as a file system would).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Writer } from '../../src/sources/source.ts'
import { startTestServer, type TestServer } from './helpers.ts'

let server: TestServer
let failure: Error
beforeAll(async () => {
  server = await startTestServer()
  const writer = server.source.writer()
  server.source.writer = (): Writer => ({
    ...writer,
    apply: async () => {
      throw failure
    },
  })
})
afterAll(() => server.close())

async function apply() {
  const response = await fetch(`${server.url}/api/apply`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify({
      object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a', namespace: 'default' } },
    }),
  })
  return { status: response.status, body: (await response.json()) as { reason: string; message: string } }
}

function systemError(code: string, syscall: string, path: string): Error {
  return Object.assign(new Error(`${code}: name too long, ${syscall} '${path}'`), { code, syscall, path })
}

describe('internal errors', () => {
  it('a file system error is named by its call and code, without the path', async () => {
    failure = systemError('ENAMETOOLONG', 'open', '/srv/manifests/httproute-shop-xxxxxxxx.yaml')
    const { status, body } = await apply()
    expect(status).toBe(500)
    expect(body).toEqual({
      status: 500,
      reason: 'InternalError',
      message: 'internal error: open failed with ENAMETOOLONG',
    })
  })

  it('any other error keeps its first line, with paths taken out', async () => {
    failure = new Error(
      "cannot read '/home/op/.kube/config' or C:\\Users\\op\\x (see /var/log/x)\nsecond line",
    )
    const { body } = await apply()
    expect(body.message).toBe("internal error: cannot read '<path>' or <path> (see <path>)")
    expect(body.message).not.toMatch(/\n|\bat\s/)
  })

  it('API versions and URLs in a message are not paths', async () => {
    failure = new Error('no gateway.networking.k8s.io/v1 served at https://10.0.0.1:6443/apis')
    const { body } = await apply()
    expect(body.message).toBe(
      'internal error: no gateway.networking.k8s.io/v1 served at https://10.0.0.1:6443/apis',
    )
  })
})
