// Headers on every response, and the checks that keep other web pages from using a person's
// session: the Host must be one we serve (against DNS rebinding when bound to loopback) and a
// browser's Origin must be our own.
import type { FastifyReply, FastifyRequest } from 'fastify'

/**
 * Monaco runs its language services in workers loaded from our own origin (and, in some builds,
 * from blob: URLs) and injects style elements, hence worker-src blob: and style-src 'unsafe-inline'.
 * Nothing is loaded from any other origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // Not no-referrer: under it Chromium sends `Origin: null` with the sign-in form's POST, which the
  // Origin check must refuse. same-origin keeps the address from other sites and still lets a
  // same-origin POST say where it comes from (a cross-origin one still reads null, and is refused).
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'cache-control': 'no-store',
}

export function addSecurityHeaders(_request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!reply.hasHeader(name)) reply.header(name, value)
  }
  return Promise.resolve(payload)
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

export interface OriginPolicy {
  /** Hosts (without port) a request may name; undefined means any (a non-loopback bind). */
  allowedHosts?: Set<string>
  /** Extra origins allowed besides our own, e.g. behind a proxy with another name. */
  allowedOrigins: Set<string>
}

export function loopbackPolicy(extraOrigins: string[] = []): OriginPolicy {
  return { allowedHosts: LOOPBACK_HOSTS, allowedOrigins: new Set(extraOrigins) }
}

function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1)
  const colon = host.lastIndexOf(':')
  return colon < 0 ? host : host.slice(0, colon)
}

/** Why the request's Host or Origin is refused, or undefined when it is fine. */
export function refusedOrigin(request: FastifyRequest, policy: OriginPolicy): string | undefined {
  const host = request.headers.host ?? ''
  if (policy.allowedHosts && !policy.allowedHosts.has(hostName(host).toLowerCase())) {
    return `host ${JSON.stringify(host)} is not served here`
  }
  const origin = request.headers.origin
  if (origin === undefined) return undefined
  if (policy.allowedOrigins.has(origin)) return undefined
  let parsed: URL
  try {
    parsed = new URL(origin)
  } catch {
    return `origin ${JSON.stringify(origin)} is not a URL`
  }
  if (parsed.host.toLowerCase() !== host.toLowerCase()) {
    return `origin ${origin} is not this server (${host})`
  }
  return undefined
}
