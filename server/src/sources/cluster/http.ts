// A small HTTP client for the Kubernetes API on top of a client-node KubeConfig. client-node's typed
// clients cannot set the Accept header we need for metadata-only lists, pick the patch content type
// per call, or keep a quiet watch open (its Watch aborts after 30 s without data in 2.0.0 and offers
// no control over headers); so credentials come from the KubeConfig and the requests are ours.
import http from 'node:http'
import https from 'node:https'
import type { KubeConfig } from '@kubernetes/client-node'
import { USER_AGENT } from '../../version.ts'

export interface KubeStatus {
  kind?: string
  status?: string
  message?: string
  reason?: string
  code?: number
  details?: {
    name?: string
    kind?: string
    retryAfterSeconds?: number
    causes?: { field?: string; message?: string; reason?: string }[]
  }
}

/** An HTTP error answer of the API server, with its Status body when it sent one. */
export class ApiError extends Error {
  readonly status: number
  readonly body: KubeStatus
  /** The server's Retry-After (header, else the Status details), for 429 and some 5xx answers. */
  readonly retryAfterSeconds: number | undefined

  constructor(status: number, body: KubeStatus, retryAfterHeader?: string | string[]) {
    super(body.message || `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.body = body
    const header = Number(Array.isArray(retryAfterHeader) ? retryAfterHeader[0] : retryAfterHeader)
    this.retryAfterSeconds =
      Number.isFinite(header) && header >= 0 ? header : (body.details?.retryAfterSeconds ?? undefined)
  }
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>
  headers?: Record<string, string>
  /** Sent as JSON unless it is a string. */
  body?: unknown
  timeoutMs?: number
}

export interface Response {
  status: number
  body: unknown
}

export interface WatchHandle {
  /** Ends the stream; `onEnd` is not called afterwards. */
  abort(): void
}

export interface StreamCallbacks {
  onLine(line: string): void
  /** `error` undefined: the server ended the stream cleanly (timeoutSeconds reached, shutdown). */
  onEnd(error?: Error): void
}

export function urlOf(server: string, path: string, query: RequestOptions['query'] = {}): URL {
  const url = new URL(server.replace(/\/+$/, '') + path)
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(key, String(value))
  }
  return url
}

function parseBody(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function statusBody(status: number, body: unknown): KubeStatus {
  if (body && typeof body === 'object') return body as KubeStatus
  return { code: status, message: typeof body === 'string' && body ? body.trim() : `HTTP ${status}` }
}

export class KubeHttp {
  readonly kc: KubeConfig

  constructor(kc: KubeConfig) {
    this.kc = kc
  }

  get server(): string {
    const server = this.kc.getCurrentCluster()?.server
    if (!server) throw new Error('the kubeconfig has no current cluster')
    return server
  }

  /** One request; a status >= 400 throws ApiError, a network failure throws the network error. */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const req = await this.open(method, path, options)
    return new Promise((resolve, reject) => {
      req.on('error', reject)
      req.on('response', (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', reject)
        res.on('end', () => {
          const status = res.statusCode ?? 0
          const body = parseBody(Buffer.concat(chunks).toString('utf8'))
          if (status >= 400)
            reject(new ApiError(status, statusBody(status, body), res.headers['retry-after']))
          else resolve({ status, body })
        })
      })
      req.setTimeout(options.timeoutMs ?? 30_000, () =>
        req.destroy(new Error(`${method} ${path}: timed out`)),
      )
      const body = options.body
      if (body !== undefined) {
        const text = typeof body === 'string' ? body : JSON.stringify(body)
        // Node sends a DELETE body neither chunked nor with a length unless told, and the API server
        // then reads none: DeleteOptions (preconditions, dryRun) would be silently dropped.
        req.setHeader('content-length', Buffer.byteLength(text))
        req.write(text)
      }
      req.end()
    })
  }

  /**
   * A streaming GET (a watch): resolves once the response started with 200; a status >= 400
   * rejects with ApiError. Lines arrive through `onLine` until `onEnd`.
   */
  async stream(
    path: string,
    options: RequestOptions & { idleTimeoutMs: number },
    callbacks: StreamCallbacks,
  ): Promise<WatchHandle> {
    const req = await this.open('GET', path, options)
    let aborted = false
    let ended = false
    const end = (error?: Error) => {
      if (ended || aborted) return
      ended = true
      callbacks.onEnd(error)
    }
    return new Promise((resolve, reject) => {
      req.on('error', (error) => {
        reject(error)
        end(error)
      })
      // A silent half-open connection would otherwise hang forever; bookmarks keep a healthy one busy.
      req.setTimeout(options.idleTimeoutMs, () => req.destroy(new Error(`watch ${path}: no data received`)))
      req.on('socket', (socket) => socket.setKeepAlive(true, 30_000))
      req.on('response', (res) => {
        const status = res.statusCode ?? 0
        if (status !== 200) {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () => {
            ended = true
            const body = statusBody(status, parseBody(Buffer.concat(chunks).toString('utf8')))
            reject(new ApiError(status, body, res.headers['retry-after']))
          })
          res.on('error', reject)
          return
        }
        resolve({
          abort: () => {
            aborted = true
            req.destroy()
          },
        })
        let pending = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          pending += chunk
          let newline = pending.indexOf('\n')
          while (newline >= 0) {
            const line = pending.slice(0, newline).trim()
            pending = pending.slice(newline + 1)
            if (line && !aborted) callbacks.onLine(line)
            newline = pending.indexOf('\n')
          }
        })
        // 'end' only follows a complete chunked body; a killed server gives 'aborted'/'error' instead.
        res.on('end', () => end())
        res.on('aborted', () => end(new Error(`watch ${path}: connection lost`)))
        res.on('error', (error) => end(error))
        res.on('close', () => {
          if (!res.complete) end(new Error(`watch ${path}: connection closed`))
        })
      })
      req.end()
    })
  }

  private async open(method: string, path: string, options: RequestOptions): Promise<http.ClientRequest> {
    // applyToHTTPSOptions fills CA, client certificate, the Authorization header (refreshing exec and
    // token-file credentials) and the agent (proxies included).
    const opts: https.RequestOptions = { headers: {} }
    await this.kc.applyToHTTPSOptions(opts)
    const url = urlOf(this.server, path, options.query)
    const headers: Record<string, string> = {
      ...(opts.headers as Record<string, string>),
      accept: 'application/json',
      'user-agent': USER_AGENT,
      ...options.headers,
    }
    if (options.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json'
    }
    const requestOptions = { ...opts, method, headers }
    return url.protocol === 'http:'
      ? http.request(url, requestOptions as http.RequestOptions)
      : https.request(url, requestOptions)
  }
}
