// Reads one extracted conformance case as a trace (the Gateway, the request) and compares a trace's
// result with what the case expects, the way the suite's own helpers compare (utils/http/http.go
// CompareRoundTrip, utils/grpc, utils/tcp): backend by name prefix, redirect by its parts, headers.

import {
  type Header,
  parseHttpRequest,
  type TraceRequest,
  type TraceResult,
  type TraceTarget,
} from '../../src/routing/index.ts'
import type { Gateway } from '../../src/types/gateway.ts'
import type { KubeObject } from '../../src/types/meta.ts'
import type { ExtractedCase } from './conformance-requests.ts'

type Obj = Record<string, unknown>

const GRPC_SERVICE = 'gateway_api_conformance.echo_basic.grpcecho.GrpcEcho'
const GATEWAY_IP = '192.0.2.10'

/** The first unresolved value's Go source, if any. */
export function unresolvedIn(value: unknown): string | undefined {
  if (value && typeof value === 'object') {
    if ('$unresolved' in (value as Obj)) return String((value as Obj).$unresolved)
    for (const v of Object.values(value as Obj)) {
      const u = unresolvedIn(v)
      if (u !== undefined) return u
    }
  }
  return undefined
}

const str = (v: unknown) => (typeof v === 'string' ? v : '')
const obj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {})
const headersOf = (v: unknown): Header[] => Object.entries(obj(v)).map(([k, x]): Header => [k, String(x)])

export type Interpreted =
  | { target: TraceTarget; request: TraceRequest; listenerProtocol: string }
  | { unrepresentable: string }

export function interpret(c: ExtractedCase, objects: readonly KubeObject[]): Interpreted {
  if (c.after)
    return { unrepresentable: `the Go test changes the cluster first (${c.after} through its client)` }
  const unresolved = unresolvedIn(c.value)
  if (unresolved !== undefined) {
    return { unrepresentable: `the expected values are computed by Go code at run time (${unresolved})` }
  }
  if (!c.address)
    return {
      unrepresentable: `no Gateway address is passed to ${c.call ?? 'the helper'} in the test's straight-line code`,
    }
  const gwName = str(c.address.gateway.Name)
  const gwNs = str(c.address.gateway.Namespace)
  const gateway = objects.find(
    (o) => o.kind === 'Gateway' && o.metadata.name === gwName && o.metadata.namespace === gwNs,
  ) as Gateway | undefined
  if (!gateway) return { unrepresentable: `Gateway ${gwNs}/${gwName} is created by Go code` }
  const listeners = gateway.spec.listeners ?? []
  const named = str(c.address.listeners[0])
  const listener = listeners.find((l) => l.name === named) ?? listeners[0]
  if (!listener) return { unrepresentable: 'the Gateway has no listeners' }
  const target: TraceTarget = { kind: 'Gateway', namespace: gwNs, name: gwName }
  const v = c.value
  if (c.type === 'http') {
    const req = obj(v.Request)
    const host = str(req.Host)
    // The suite sends to the listener's address; where a port in the Host header names another
    // listener's port, the test picks that listener's address.
    const hostPort = /:(\d+)$/.exec(host)
    const port =
      hostPort && listeners.some((l) => l.port === Number(hostPort[1])) ? Number(hostPort[1]) : listener.port
    const onPort = listeners.find((l) => l.port === port) ?? listener
    if (onPort.protocol === 'TLS') {
      const sni = str(req.SNI) || host.replace(/:\d+$/, '')
      return { target, listenerProtocol: 'TLS', request: { protocol: 'tls', port, ...(sni ? { sni } : {}) } }
    }
    const scheme = onPort.protocol === 'HTTPS' ? 'https' : 'http'
    const headers = headersOf(req.Headers)
    if (host) headers.push(['Host', host])
    const method = str(req.Method) || 'GET'
    const path = str(req.Path) || '/'
    const sniHost = str(req.SNI) || (host ? host.replace(/:\d+$/, '') : GATEWAY_IP)
    const request = parseHttpRequest(`${method} ${scheme}://${sniHost}:${port}${path}`, headers)
    return { target, request, listenerProtocol: onPort.protocol }
  }
  if (c.type === 'grpc') {
    const method = v.EchoTwoRequest ? 'EchoTwo' : v.EchoThreeRequest ? 'EchoThree' : 'Echo'
    const meta = obj(v.RequestMetadata)
    const authority = str(meta.Authority)
    return {
      target,
      listenerProtocol: listener.protocol,
      request: {
        protocol: 'grpc',
        port: listener.port,
        ...(authority ? { host: authority.replace(/:\d+$/, '').toLowerCase() } : {}),
        service: GRPC_SERVICE,
        method,
        headers: headersOf(meta.Metadata),
      },
    }
  }
  if (listener.protocol === 'TLS') return { unrepresentable: 'the TLS server name is computed at run time' }
  return { target, listenerProtocol: listener.protocol, request: { protocol: c.type, port: listener.port } }
}

function expectedStatus(response: Obj): number {
  const codes = Array.isArray(response.StatusCodes) ? (response.StatusCodes as number[]) : []
  return (
    codes[0] ??
    (typeof response.StatusCode === 'number' && response.StatusCode !== 0 ? response.StatusCode : 200)
  )
}

function joined(headers: readonly Header[], name: string): string | undefined {
  const values = headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v)
  return values.length ? values.join(',') : undefined
}

/** Differences between the trace and the case's expectations (empty: it passes). */
export function compare(c: ExtractedCase, result: TraceResult): string[] {
  const v = c.value
  const problems: string[] = []
  const backend = str(v.Backend)
  const namespace = str(v.Namespace)
  const expectBackend = () => {
    if (result.outcome !== 'backend') {
      problems.push(`expected backend ${namespace}/${backend}, got ${result.outcome} ${result.status}`)
      return
    }
    const served = result.backends.filter((b) => b.share > 0)
    if (backend && !served.every((b) => b.name === backend && (!namespace || b.namespace === namespace))) {
      problems.push(
        `expected backend ${namespace}/${backend}, got ${served.map((b) => `${b.namespace}/${b.name} (${b.share})`).join(', ')}`,
      )
    }
  }
  if (c.type === 'grpc') {
    const code = obj(obj(v.Response).Code).$const
    if (code !== undefined) {
      const want = String(code).split('.').pop()
      if (want === 'OK') expectBackend()
      else if (want === 'Unimplemented') {
        if (result.outcome !== 'not-found') problems.push(`expected UNIMPLEMENTED, got ${result.outcome}`)
      } else problems.push(`gRPC code ${want} is not modelled`)
    } else expectBackend()
    return problems
  }
  if (c.type !== 'http') {
    expectBackend()
    return problems
  }
  const response = obj(v.Response)
  const status = expectedStatus(response)
  if (result.request.protocol === 'tls') {
    if (status === 200) expectBackend()
    else if (result.outcome === 'backend') problems.push(`expected ${status}, got a backend`)
    return problems
  }
  if (result.status !== status) {
    problems.push(
      `expected status ${status}, got ${result.status} (${result.outcome}: ${result.steps.at(-1)})`,
    )
    return problems
  }
  if (v.RedirectRequest) {
    const want = obj(v.RedirectRequest)
    const loc = new URL(result.redirect!.location)
    const request = result.request.protocol === 'http' ? result.request : undefined
    const scheme = str(want.Scheme) || request?.scheme
    if (loc.protocol.slice(0, -1) !== scheme) problems.push(`redirect scheme ${loc.protocol} vs ${scheme}`)
    if (str(want.Host) && loc.hostname !== str(want.Host))
      problems.push(`redirect host ${loc.hostname} vs ${str(want.Host)}`)
    const wantPath = str(want.Path) || request?.path
    if (loc.pathname !== wantPath) problems.push(`redirect path ${loc.pathname} vs ${wantPath}`)
    const gotPort = loc.port
    if (str(want.Port)) {
      const effective = gotPort || (loc.protocol === 'https:' ? '' : '')
      if (
        effective !== str(want.Port) &&
        !(
          gotPort === '' &&
          ((scheme === 'http' && want.Port === '80') || (scheme === 'https' && want.Port === '443'))
        )
      )
        problems.push(`redirect port ${gotPort || '(none)'} vs ${str(want.Port)}`)
    }
    return problems
  }
  if (status !== 200) return problems
  expectBackend()
  if (result.outcome !== 'backend' || !result.forwarded) return problems
  const request = obj(v.Request)
  const expected = v.ExpectedRequest ? obj(v.ExpectedRequest) : { ...request, Headers: undefined }
  const fwd = result.forwarded
  const fullPath = `${fwd.path}${fwd.query ? `?${fwd.query}` : ''}`
  if (str(expected.Path) && fullPath !== str(expected.Path))
    problems.push(`backend path ${fullPath} vs ${str(expected.Path)}`)
  if (str(expected.Host) && fwd.host !== str(expected.Host).replace(/:\d+$/, ''))
    problems.push(`backend Host ${fwd.host} vs ${str(expected.Host)}`)
  for (const [name, value] of Object.entries(obj(expected.Headers))) {
    const got = joined(fwd.headers, name)
    if (got !== String(value)) problems.push(`backend header ${name}: ${got} vs ${String(value)}`)
  }
  for (const name of (expected.AbsentHeaders as string[] | undefined) ?? []) {
    if (joined(fwd.headers, name) !== undefined) problems.push(`backend header ${name} should be absent`)
  }
  const backendSet = headersOf(v.BackendSetResponseHeaders)
  const responseHeaders = applyResponse(backendSet, result)
  for (const [name, value] of Object.entries(obj(response.Headers))) {
    const got = joined(responseHeaders, name)
    if (got !== String(value)) problems.push(`response header ${name}: ${got} vs ${String(value)}`)
  }
  for (const name of (response.AbsentHeaders as string[] | undefined) ?? []) {
    if (joined(responseHeaders, name) !== undefined) problems.push(`response header ${name} should be absent`)
  }
  for (const m of (v.MirroredTo as Obj[] | undefined) ?? []) {
    const ref = obj(m.BackendRef ?? m)
    if (
      !result.mirrors.some(
        (x) => x.name === str(ref.Name) && (!str(ref.Namespace) || x.namespace === str(ref.Namespace)),
      )
    )
      problems.push(`no mirror to ${str(ref.Namespace)}/${str(ref.Name)}`)
  }
  return problems
}

/** The backend's own response headers with the route's ResponseHeaderModifier applied. */
function applyResponse(base: Header[], result: TraceResult): Header[] {
  let out = base.map((h): Header => [h[0], h[1]])
  const removed = new Set(result.responseRemoved.map((n) => n.toLowerCase()))
  out = out.filter(([n]) => !removed.has(n.toLowerCase()))
  for (const [name, value] of result.responseHeaders) {
    const existing = out.find(([n]) => n.toLowerCase() === name.toLowerCase())
    const set = result.filters.some(
      (f) => f.type === 'ResponseHeaderModifier' && f.effect.includes(`set ${name}:`),
    )
    if (existing && !set) existing[1] = `${existing[1]},${value}`
    else if (existing) existing[1] = value
    else out.push([name, value])
  }
  return out
}
