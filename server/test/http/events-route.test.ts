// `/api/events` where there is no cluster: a folder has no Events, and the answer says so rather
// than listing none; a question without the object's name is refused naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from './helpers.ts'

let server: TestServer
let cookie: string
beforeAll(async () => {
  server = await startTestServer()
  cookie = (await server.login()).cookie
})
afterAll(() => server.close())

describe('/api/events without a cluster', () => {
  it('says Events exist only in a cluster', async () => {
    const response = await fetch(`${server.url}/api/events?kind=HTTPRoute&namespace=default&name=web`, {
      headers: { cookie },
    })
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({
      reason: 'NotFound',
      message: 'Events exist only in a cluster; this server reads a folder of manifests',
    })
  })

  it('refuses a question without a name, naming the field', async () => {
    const response = await fetch(`${server.url}/api/events?kind=HTTPRoute`, { headers: { cookie } })
    expect(response.status).toBe(400)
    expect(JSON.stringify(await response.json())).toContain('name')
  })
})
