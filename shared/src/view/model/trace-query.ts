// The "Trace a request" form's fields as the page keeps them (and the address bar carries them),
// read into a request with the shared parser. Every error names the field it belongs to, in the
// form's words rather than the CLI's flags, so the form can show it next to that field.
import {
  grpcRequest,
  type Header,
  parseHeader,
  parseHttpRequest,
  RequestError,
  streamRequest,
  type TraceRequest,
  type TraceTarget,
  tlsRequest,
} from '../../index.ts'

export type TraceMode = 'http' | 'grpc' | 'tls' | 'tcp'
export const TRACE_MODES: readonly TraceMode[] = ['http', 'grpc', 'tls', 'tcp']

export interface TraceQuery {
  /** The Gateway (or, for a mesh request, the Service) the request is sent to, `namespace/name`. */
  gateway: string
  /** A mesh (GAMMA) request sent to a Service; absent: to a Gateway. */
  targetKind?: 'Service'
  mode: TraceMode
  /** http: the URL; grpc and tcp: HOST:PORT; tls: SNI:PORT. */
  target: string
  /** http: the HTTP method (GET when empty); grpc: `pkg.Service/Method`. */
  method: string
  /** `Name: value`, one a line: HTTP headers or gRPC metadata. */
  headers: string[]
}

export type TraceField = 'gateway' | 'method' | 'target' | 'headers'

/** What each field is called on the form, per mode: the words an error starts with. */
export function fieldLabel(field: TraceField, mode: TraceMode, targetKind?: 'Service'): string {
  switch (field) {
    case 'gateway':
      return targetKind ?? 'Gateway'
    case 'method':
      return mode === 'grpc' ? 'Service/Method' : 'Method'
    case 'headers':
      return mode === 'grpc' ? 'Metadata' : 'Headers'
    default:
      return mode === 'http' ? 'URL' : mode === 'tls' ? 'SNI:port' : 'Host:port'
  }
}

export type ParsedTrace =
  | { ok: true; target: TraceTarget; request: TraceRequest }
  | { ok: false; errors: Partial<Record<TraceField, string>> }

/** The shared parser speaks of the CLI's flags (`--request: …`); the form names its own fields. */
function withoutFlag(message: string): string {
  return message.replace(/^--(request|grpc|tls|tcp|udp):?\s*/, '')
}

function parentTarget(text: string, kind: TraceTarget['kind']): TraceTarget | undefined {
  const parts = text.split('/')
  if (parts.length !== 2 || parts.some((p) => p.trim() === '')) return undefined
  return { kind, namespace: parts[0]!.trim(), name: parts[1]!.trim() }
}

function headerLines(lines: readonly string[], errors: Partial<Record<TraceField, string>>): Header[] {
  const out: Header[] = []
  lines.forEach((line, i) => {
    if (line.trim() === '' || errors.headers) return
    try {
      out.push(parseHeader(line))
    } catch (error) {
      if (!(error instanceof RequestError)) throw error
      errors.headers = `line ${i + 1}: ${error.message}`
    }
  })
  return out
}

function requestOf(q: TraceQuery, headers: Header[], errors: Partial<Record<TraceField, string>>) {
  const target = q.target.trim()
  if (target === '') {
    errors.target =
      q.mode === 'http' ? 'give an absolute URL, e.g. http://shop.example.com/api' : 'give HOST:PORT'
    return undefined
  }
  try {
    switch (q.mode) {
      case 'http': {
        if (/\s/.test(target)) {
          errors.target = 'a URL has no spaces (encode them as %20)'
          return undefined
        }
        const method = q.method.trim() || 'GET'
        if (!/^[A-Za-z]+$/.test(method)) {
          errors.method = `${JSON.stringify(method)} is not an HTTP method`
          return undefined
        }
        return parseHttpRequest(`${method} ${target}`, headers)
      }
      case 'grpc':
        if (q.method.trim() === '') {
          errors.method = 'give the method as pkg.Service/Method'
          return undefined
        }
        return grpcRequest(target, q.method, headers)
      case 'tls':
        return tlsRequest(target)
      default:
        return streamRequest('tcp', target)
    }
  } catch (error) {
    if (!(error instanceof RequestError)) throw error
    const message = withoutFlag(error.message)
    // Only these two messages are about the method; every other one is about the target.
    if (/^gRPC method|^method /.test(message)) errors.method = message.replace(/^gRPC method /, '')
    else errors.target = message
    return undefined
  }
}

/** The form's fields as a request for traceRequest, or an error per field that is wrong. */
export function parseTraceQuery(q: TraceQuery): ParsedTrace {
  const errors: Partial<Record<TraceField, string>> = {}
  const target = parentTarget(q.gateway, q.targetKind ?? 'Gateway')
  if (!target) errors.gateway = `choose a ${q.targetKind ?? 'Gateway'} (namespace/name)`
  const headers = headerLines(q.mode === 'http' || q.mode === 'grpc' ? q.headers : [], errors)
  const request = requestOf(q, headers, errors)
  if (!target || !request || Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, target, request }
}

/** Two queries that trace the same request (headers' blank lines aside). */
export function queryKey(q: TraceQuery): string {
  const headers = q.headers.filter((h) => h.trim() !== '')
  return JSON.stringify([
    q.gateway,
    q.mode,
    q.target,
    q.method,
    headers,
    ...(q.targetKind ? [q.targetKind] : []),
  ])
}

/** Whether two traces (none being one) trace the same request. */
export function sameTraceQuery(a: TraceQuery | undefined, b: TraceQuery | undefined): boolean {
  return (a ? queryKey(a) : '') === (b ? queryKey(b) : '')
}
