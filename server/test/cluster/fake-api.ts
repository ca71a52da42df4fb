// A scripted stand-in for the API server's list and watch endpoints, over real HTTP on loopback, for
// the watcher's unit tests: the HTTP client, stream parsing and the watcher are the real ones; only
// the far end is faked, so tests can send what a real server sends rarely (410s, 429s, 5xx, cut
// connections) on cue. Behaviour against the real kube-apiserver is tested in e2e/test/server.
import http, { type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { KubeConfig } from '@kubernetes/client-node'

export interface FakeRequest {
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  /** `list`, `watch`, or `watch-list` (a watch with sendInitialEvents). */
  kind: 'list' | 'watch' | 'watch-list'
}

export type Responder = (request: FakeRequest, response: ServerResponse) => void

/** An open watch response the test writes to and ends as it pleases. */
export class FakeWatch {
  response: ServerResponse | undefined
  private readonly waiters: (() => void)[] = []

  readonly responder: Responder = (_request, response) => {
    this.response = response
    response.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' })
    response.flushHeaders()
    for (const resolve of this.waiters.splice(0)) resolve()
  }

  /** Resolves once the watcher's request reached this watch. */
  opened(): Promise<void> {
    if (this.response) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  send(...events: unknown[]): void {
    for (const event of events) this.response?.write(`${JSON.stringify(event)}\n`)
  }

  /** The server's clean end (its timeoutSeconds). */
  end(): void {
    this.response?.end()
  }

  /** The connection cut mid-stream (a crashed server, a dropped network). */
  drop(): void {
    this.response?.socket?.destroy()
  }
}

export class FakeApiServer {
  readonly requests: FakeRequest[] = []
  private readonly responders: Responder[] = []
  private readonly waiters: { count: number; resolve: () => void }[] = []
  private readonly sockets = new Set<Socket>()
  private server: http.Server
  port = 0

  private constructor() {
    this.server = this.create()
  }

  static async start(): Promise<FakeApiServer> {
    const fake = new FakeApiServer()
    await fake.listen(0)
    return fake
  }

  /** Responses for the next requests, in order; a request with none left waits unanswered. */
  answer(...responders: Responder[]): this {
    this.responders.push(...responders)
    return this
  }

  /** Resolves once `count` requests have arrived in all. */
  requested(count: number): Promise<FakeRequest> {
    if (this.requests.length >= count) return Promise.resolve(this.requests[count - 1]!)
    return new Promise((resolve) =>
      this.waiters.push({ count, resolve: () => resolve(this.requests[count - 1]!) }),
    )
  }

  /** A kubeconfig for this server with a token, as a person's would be. */
  kubeConfig(): KubeConfig {
    const kc = new KubeConfig()
    kc.loadFromOptions({
      clusters: [{ name: 'fake', server: `http://127.0.0.1:${this.port}`, skipTLSVerify: true }],
      users: [{ name: 'someone', token: 'fake-token' }],
      contexts: [{ name: 'fake', cluster: 'fake', user: 'someone' }],
      currentContext: 'fake',
    })
    return kc
  }

  /** Stops listening and cuts every connection: the next requests are refused. */
  async goAway(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  /** Listens again on the same port, as a restarted server would. */
  async comeBack(): Promise<void> {
    this.server = this.create()
    await this.listen(this.port)
  }

  close(): Promise<void> {
    return this.goAway()
  }

  private create(): http.Server {
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://fake')
      const query = url.searchParams
      const kind = query.get('watch') ? (query.get('sendInitialEvents') ? 'watch-list' : 'watch') : 'list'
      const request: FakeRequest = { path: url.pathname, query, headers: req.headers, kind }
      this.requests.push(request)
      for (const waiter of [...this.waiters]) {
        if (this.requests.length >= waiter.count) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1)
          waiter.resolve()
        }
      }
      this.responders.shift()?.(request, res)
    })
    server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    return server
  }

  private async listen(port: number): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve))
    this.port = (this.server.address() as AddressInfo).port
  }
}

/** A list answer (one page unless `continueToken`). */
export function list(items: unknown[], resourceVersion: string, continueToken?: string): Responder {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(
      JSON.stringify({
        kind: 'List',
        apiVersion: 'v1',
        metadata: { resourceVersion, ...(continueToken ? { continue: continueToken } : {}) },
        items,
      }),
    )
  }
}

/** A Status answer with an HTTP error code. */
export function status(
  code: number,
  reason: string,
  options: { retryAfter?: number; causes?: { reason: string; message: string }[] } = {},
): Responder {
  return (_request, response) => {
    response.writeHead(code, {
      'content-type': 'application/json',
      ...(options.retryAfter !== undefined ? { 'retry-after': String(options.retryAfter) } : {}),
    })
    response.end(JSON.stringify(statusObject(code, reason, options.causes)))
  }
}

export function statusObject(code: number, reason: string, causes?: { reason: string; message: string }[]) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    code,
    reason,
    message: `${reason} (${code})`,
    ...(causes ? { details: { causes } } : {}),
  }
}

export const service = (name: string, resourceVersion: string) => ({
  metadata: { name, namespace: 'default', resourceVersion },
  spec: { ports: [{ port: 80 }] },
})

export const event = (type: 'ADDED' | 'MODIFIED' | 'DELETED', object: unknown) => ({ type, object })

export const bookmark = (resourceVersion: string, initialEventsEnd = false) => ({
  type: 'BOOKMARK',
  object: {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: {
      resourceVersion,
      ...(initialEventsEnd ? { annotations: { 'k8s.io/initial-events-end': 'true' } } : {}),
    },
  },
})

export const errorEvent = (code: number, reason: string) => ({
  type: 'ERROR',
  object: statusObject(code, reason),
})
