// GET /api/source in folder mode: the object's own text in its file, comments included, read from
// the disk, with the object (and resourceVersion) that text reads as. A real FolderSource on a real
// temporary folder behind the real server.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SourceTextResponseSchema } from '@gatemap/shared'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CrdRegistry } from '../../src/crds/registry.ts'
import { buildServer } from '../../src/http/app.ts'
import { Auth } from '../../src/http/auth.ts'
import { loopbackPolicy } from '../../src/http/security.ts'
import { FolderSource } from '../../src/sources/folder/index.ts'
import { ResourceStore } from '../../src/store/resource-store.ts'

const TOKEN = 'source-text-token-0123456789abcdef'
const ROUTES = `# The shop's routes.
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: first
  namespace: shop
spec:
  hostnames: [a.example.com]
---
# Second route: the canary.
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: second   # keep this name
  namespace: shop
spec:
  rules:
    # 90/10 split
    - backendRefs:
        - name: v1
          port: 80
`

let dir: string
let app: FastifyInstance
let source: FolderSource
let store: ResourceStore
let url: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gatemap-source-text-'))
  await writeFile(join(dir, 'routes.yaml'), ROUTES)
  store = new ResourceStore()
  source = new FolderSource({ dir, store, debounceMs: 20 })
  ;({ app } = await buildServer({
    source,
    store,
    crds: new CrdRegistry(),
    auth: new Auth('local', TOKEN),
    origins: loopbackPolicy(),
  }))
  await app.listen({ host: '127.0.0.1', port: 0 })
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  await source.start()
}, 60_000)

afterAll(async () => {
  await app?.close()
  await source?.stop()
  await rm(dir, { recursive: true, force: true })
})

const headers = { authorization: `Bearer ${TOKEN}` }

async function sourceOf(name: string) {
  const query = new URLSearchParams({ kind: 'HTTPRoute', namespace: 'shop', name })
  const response = await fetch(`${url}/api/source?${query}`, { headers })
  return { status: response.status, body: (await response.json()) as unknown }
}

describe('GET /api/source (folder mode)', () => {
  it("gives the second document's own text with its comments, file and line", async () => {
    const { status, body } = await sourceOf('second')
    expect(status).toBe(200)
    const answer = SourceTextResponseSchema.parse(body)
    expect(answer.file).toBe('routes.yaml')
    expect(answer.line).toBe(11)
    expect(answer.text).toBe(ROUTES.slice(ROUTES.indexOf('# Second route')))
    expect(answer.object.metadata.resourceVersion).toBe(
      store.get('HTTPRoute', 'shop', 'second')?.object.metadata.resourceVersion,
    )
  })

  it('reads the disk: an edit not yet seen by the store comes with its own resourceVersion', async () => {
    const before = store.get('HTTPRoute', 'shop', 'first')?.object.metadata.resourceVersion
    await writeFile(join(dir, 'routes.yaml'), ROUTES.replace('[a.example.com]', '[b.example.com] # changed'))
    const answer = SourceTextResponseSchema.parse((await sourceOf('first')).body)
    expect(answer.text).toContain('hostnames: [b.example.com] # changed')
    expect(answer.object.metadata.resourceVersion).not.toBe(before)
    // A draft based on what was read applies: the same version the writer finds on disk.
    const apply = await fetch(`${url}/api/apply`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        object: {
          ...answer.object,
          spec: { hostnames: ['c.example.com'] },
        },
      }),
    })
    expect(apply.status, await apply.clone().text()).toBe(200)
    const text = await readFile(join(dir, 'routes.yaml'), 'utf8')
    expect(text).toContain('c.example.com')
    expect(text).toContain('# Second route: the canary.')
    expect(text).toContain('# 90/10 split')
  })

  it("gives the same version a stale apply's 409 carries, so a conflict view can show their text", async () => {
    const stale = SourceTextResponseSchema.parse((await sourceOf('second')).body)
    await writeFile(
      join(dir, 'routes.yaml'),
      (await readFile(join(dir, 'routes.yaml'), 'utf8')).replace('port: 80', 'port: 81'),
    )
    const apply = await fetch(`${url}/api/apply`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ object: { ...stale.object, spec: { hostnames: ['x.example.com'] } } }),
    })
    expect(apply.status).toBe(409)
    const conflict = (await apply.json()) as { current: { metadata: { resourceVersion: string } } }
    const now = SourceTextResponseSchema.parse((await sourceOf('second')).body)
    expect(now.text).toContain('port: 81')
    expect(now.text).toContain('# 90/10 split')
    expect(conflict.current.metadata.resourceVersion).toBe(now.object.metadata.resourceVersion)
  })

  it('answers 404 naming the object that is not in the folder', async () => {
    const { status, body } = await sourceOf('missing')
    expect(status).toBe(404)
    expect(JSON.stringify(body)).toContain('HTTPRoute shop/missing not found in the folder')
  })
})
