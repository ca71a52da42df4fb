// A server around an in-memory source, for tests of the HTTP layer itself (auth, CSRF, headers,
// limits, the stream protocol). The source is the faked boundary; the HTTP server, the store, the
// hub and the analysis are the real ones. Sources have their own tests against real files and a
// real API server.
import type { AddressInfo } from 'node:net'
import { objectKey, type SourceInfo, type WireObject } from '@gatemap/shared'
import type { FastifyInstance } from 'fastify'
import WebSocket from 'ws'
import { CrdRegistry } from '../../src/crds/registry.ts'
import { buildServer, type ServerOptions } from '../../src/http/app.ts'
import { Auth } from '../../src/http/auth.ts'
import { loopbackPolicy } from '../../src/http/security.ts'
import { type Source, WriteError, type Writer } from '../../src/sources/source.ts'
import { ResourceStore } from '../../src/store/resource-store.ts'

export class MemorySource implements Source {
  readonly info: SourceInfo
  private readonly store: ResourceStore
  private revision = 0

  constructor(store: ResourceStore, readOnly = false) {
    this.store = store
    this.info = { mode: 'folder', name: 'memory', readOnly }
  }
  async start() {}
  ready() {
    return true
  }
  async stop() {}

  /** Stores an object the way a source would, with a fresh resourceVersion. */
  put(object: WireObject): WireObject {
    const stored = { ...object, metadata: { ...object.metadata, resourceVersion: String(++this.revision) } }
    this.store.upsert(stored)
    return stored
  }

  writer(): Writer {
    const store = this.store
    const find = (o: { kind: string; namespace?: string; name: string }) =>
      store.get(o.kind, o.namespace, o.name)
    return {
      get: async (ref) => find(ref)?.object,
      apply: async (object, { dryRun }) => {
        const current = find({ ...object.metadata, kind: object.kind })
        const rv = object.metadata.resourceVersion
        if (current && rv && rv !== current.object.metadata.resourceVersion) {
          throw new WriteError(
            409,
            'Conflict',
            `${objectKey(object.kind, object.metadata.namespace, object.metadata.name)} changed`,
            {
              current: current.object,
            },
          )
        }
        return { object: dryRun ? object : this.put(object), created: !current }
      },
      create: async (object, { dryRun }) => {
        if (find({ ...object.metadata, kind: object.kind }))
          throw new WriteError(409, 'AlreadyExists', 'exists')
        return { object: dryRun ? object : this.put(object), created: true }
      },
      delete: async (ref, { dryRun }) => {
        if (!find(ref)) throw new WriteError(404, 'NotFound', 'not found')
        if (!dryRun) store.remove(ref.kind, ref.namespace, ref.name)
      },
    }
  }
}

export interface TestServer {
  app: FastifyInstance
  store: ResourceStore
  source: MemorySource
  crds: CrdRegistry
  url: string
  token: string
  /** Logs in and returns the Cookie header value and CSRF token. */
  login(): Promise<{ cookie: string; csrf: string }>
  socket(options?: { cookie?: string; origin?: string; authorization?: string }): WebSocket
  close(): Promise<void>
}

export async function startTestServer(
  options: Partial<Pick<ServerOptions, 'readOnly' | 'hub' | 'bodyLimit' | 'firstFrames'>> & {
    sourceReadOnly?: boolean
  } = {},
): Promise<TestServer> {
  const store = new ResourceStore({ logSize: 50 })
  const source = new MemorySource(store, options.sourceReadOnly)
  const crds = new CrdRegistry()
  const token = 'test-token-0123456789'
  const { app } = await buildServer({
    source,
    store,
    crds,
    auth: new Auth('local', token),
    origins: loopbackPolicy(),
    ...options,
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const port = (app.server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}`
  return {
    app,
    store,
    source,
    crds,
    url,
    token,
    async login() {
      const response = await fetch(`${url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      })
      if (response.status !== 200) throw new Error(`login failed: ${response.status}`)
      const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!
      const body = (await response.json()) as { csrfToken: string }
      return { cookie, csrf: body.csrfToken }
    },
    socket(o = {}) {
      const headers: Record<string, string> = {}
      if (o.cookie) headers.cookie = o.cookie
      if (o.authorization) headers.authorization = o.authorization
      return new WebSocket(`ws://127.0.0.1:${port}/api/stream`, {
        headers,
        ...(o.origin ? { origin: o.origin } : {}),
      })
    },
    close: () => app.close(),
  }
}

/** Collects a socket's messages; `next(n)` resolves with the first n once they have arrived. */
export function messages(ws: WebSocket) {
  const received: { type: string; seq?: number; [k: string]: unknown }[] = []
  const waiters: { n: number; resolve: () => void }[] = []
  ws.on('message', (data) => {
    received.push(JSON.parse(data.toString()))
    for (const w of [...waiters]) if (received.length >= w.n) w.resolve()
  })
  return {
    received,
    async next(n: number, timeoutMs = 5000) {
      if (received.length < n) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () =>
              reject(
                new Error(
                  `only ${received.length} of ${n} messages: ${JSON.stringify(received.map((m) => m.type))}`,
                ),
              ),
            timeoutMs,
          )
          waiters.push({
            n,
            resolve: () => {
              clearTimeout(timer)
              resolve()
            },
          })
        })
      }
      return received.slice(0, n)
    },
  }
}

export const route = (name: string, namespace = 'default', hostnames: string[] = []): WireObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name, namespace },
  spec: { parentRefs: [{ name: 'gw' }], hostnames },
})
