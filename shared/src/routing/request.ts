// The request a trace follows, and reading it from the forms people type: `GET https://host:port/path?q`,
// `Name: value` headers, `pkg.Service/Method`, `HOST:PORT`. Bad input throws a RequestError that
// names the part that is wrong.

export type Header = [name: string, value: string]

interface Common {
  /** The port the client connects to: it chooses the listener (or the Service port, for mesh). */
  port: number
}

export interface HttpRequest extends Common {
  protocol: 'http'
  scheme: 'http' | 'https'
  method: string
  /** The Host header without a port, lower-cased; undefined when the client names an IP address. */
  host?: string
  /** The Host header as sent, without its port (an IP address stays): what redirects keep. */
  authority: string
  /** The TLS server name (https only); the URL's host unless it is an IP address. */
  sni?: string
  /** The path without the query. */
  path: string
  /** The raw query (without `?`), '' when none. */
  query: string
  headers: Header[]
}

export interface GrpcRequest extends Common {
  protocol: 'grpc'
  host?: string
  service: string
  method: string
  headers: Header[]
}

export interface TlsRequest extends Common {
  protocol: 'tls'
  sni?: string
}

export interface StreamRequest extends Common {
  protocol: 'tcp' | 'udp'
}

export type TraceRequest = HttpRequest | GrpcRequest | TlsRequest | StreamRequest

export class RequestError extends Error {}

const METHOD = /^[A-Z]+$/

/** An IP address (v4, or v6 in brackets or bare) carries no hostname to match. */
export function isIpAddress(host: string): boolean {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return true
  return host.includes(':') || (host.startsWith('[') && host.endsWith(']'))
}

/** `Name: value` → [name, value]; the name keeps its case (matching ignores it). */
export function parseHeader(text: string): Header {
  const colon = text.indexOf(':')
  if (colon <= 0) throw new RequestError(`header ${JSON.stringify(text)} is not "Name: value"`)
  const name = text.slice(0, colon).trim()
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
    throw new RequestError(`header name ${JSON.stringify(name)} is not a valid HTTP header name`)
  }
  return [name, text.slice(colon + 1).trim()]
}

function hostOnly(hostPort: string): string {
  if (hostPort.startsWith('[')) return hostPort.slice(0, hostPort.indexOf(']') + 1)
  const colon = hostPort.lastIndexOf(':')
  return colon >= 0 && hostPort.indexOf(':') === colon ? hostPort.slice(0, colon) : hostPort
}

function port(text: string, what: string): number {
  const n = Number(text)
  if (!/^\d+$/.test(text) || n < 1 || n > 65535) {
    throw new RequestError(`${what}: port ${JSON.stringify(text)} is not a number from 1 to 65535`)
  }
  return n
}

/**
 * `METHOD URL` (the method may be left out: GET). The URL's host is the Host header and the SNI;
 * its port chooses the listener (80 for http, 443 for https). A `Host` header among `headers`
 * replaces only the Host header, and a port inside it never affects matching.
 */
export function parseHttpRequest(line: string, headers: readonly Header[] = []): HttpRequest {
  const parts = line.trim().split(/\s+/)
  const [first = '', second] = parts
  if (parts.length > 2 || first === '') {
    throw new RequestError(
      `--request ${JSON.stringify(line)}: expected 'METHOD URL', e.g. 'GET https://shop.example.com/api'`,
    )
  }
  const method = second === undefined ? 'GET' : first.toUpperCase()
  const urlText = second ?? first
  if (!METHOD.test(method))
    throw new RequestError(`--request: method ${JSON.stringify(first)} is not an HTTP method`)
  let url: URL
  try {
    url = new URL(urlText)
  } catch {
    throw new RequestError(
      `--request: ${JSON.stringify(urlText)} is not an absolute URL (scheme://host[:port]/path)`,
    )
  }
  const scheme = url.protocol.slice(0, -1)
  if (scheme !== 'http' && scheme !== 'https') {
    throw new RequestError(`--request: scheme ${JSON.stringify(scheme)} is not http or https`)
  }
  const urlHost = url.hostname.toLowerCase()
  const named = isIpAddress(urlHost) ? undefined : urlHost
  const hostHeader = headers.find(([n]) => n.toLowerCase() === 'host')
  const host = hostHeader ? hostOnly(hostHeader[1].toLowerCase()) : named
  const request: HttpRequest = {
    protocol: 'http',
    scheme,
    method,
    authority: host ?? urlHost,
    port: url.port ? port(url.port, '--request') : scheme === 'https' ? 443 : 80,
    path: url.pathname || '/',
    query: url.search.slice(1),
    headers: headers.filter(([n]) => n.toLowerCase() !== 'host'),
  }
  if (host !== undefined && !isIpAddress(host)) request.host = host
  if (scheme === 'https' && named) request.sni = named
  return request
}

/** `HOST:PORT` as the trace's gRPC, TLS and TCP forms take it. */
export function parseHostPort(text: string, what: string): { host?: string; port: number } {
  const colon = text.lastIndexOf(':')
  if (colon <= 0 || text.endsWith(']'))
    throw new RequestError(`${what} ${JSON.stringify(text)}: expected HOST:PORT`)
  const host = text.slice(0, colon).toLowerCase()
  return { ...(isIpAddress(host) ? {} : { host }), port: port(text.slice(colon + 1), what) }
}

/** `pkg.Service/Method` (a leading slash is allowed, as in the HTTP/2 path). */
export function parseGrpcMethod(text: string): { service: string; method: string } {
  const m = /^\/?([^/\s]+)\/([^/\s]+)$/.exec(text.trim())
  if (!m) throw new RequestError(`gRPC method ${JSON.stringify(text)}: expected pkg.Service/Method`)
  return { service: m[1]!, method: m[2]! }
}

export function grpcRequest(target: string, method: string, headers: readonly Header[] = []): GrpcRequest {
  const { host, port: p } = parseHostPort(target, '--grpc')
  const { service, method: name } = parseGrpcMethod(method)
  const hostHeader = headers.find(([n]) => n.toLowerCase() === 'host')
  const h = hostHeader ? hostOnly(hostHeader[1].toLowerCase()) : host
  return {
    protocol: 'grpc',
    port: p,
    ...(h !== undefined && !isIpAddress(h) ? { host: h } : {}),
    service,
    method: name,
    headers: headers.filter(([n]) => n.toLowerCase() !== 'host'),
  }
}

export function tlsRequest(target: string): TlsRequest {
  const { host, port: p } = parseHostPort(target, '--tls')
  return { protocol: 'tls', port: p, ...(host !== undefined ? { sni: host } : {}) }
}

export function streamRequest(protocol: 'tcp' | 'udp', target: string): StreamRequest {
  const { port: p } = parseHostPort(target, `--${protocol}`)
  return { protocol, port: p }
}

/** The request's hostname for listener and route hostname matching. */
export function requestHostname(request: TraceRequest): string | undefined {
  switch (request.protocol) {
    case 'http':
    case 'grpc':
      return request.host
    case 'tls':
      return request.sni
    default:
      return undefined
  }
}

/** One line naming the request, for text output. */
export function describeRequest(request: TraceRequest): string {
  switch (request.protocol) {
    case 'http':
      return `${request.method} ${request.scheme}://${request.host ?? '(an IP address)'}:${request.port}${request.path}${request.query ? `?${request.query}` : ''}`
    case 'grpc':
      return `gRPC ${request.service}/${request.method} to ${request.host ?? '(an IP address)'}:${request.port}`
    case 'tls':
      return `TLS with SNI ${request.sni ?? '(none)'} to port ${request.port}`
    default:
      return `${request.protocol.toUpperCase()} to port ${request.port}`
  }
}
