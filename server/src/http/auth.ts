// Who is asking. Three modes:
// - `local`: a token generated at every start and printed as a URL (the default on 127.0.0.1);
// - `token`: a token the operator supplies (file or environment), for a shared deployment;
// - `bearer`: each person's own Kubernetes bearer token, forwarded to the API server so that
//   Kubernetes RBAC decides; the server's own identity is never used for their requests.
// A browser exchanges the token once for an HttpOnly, SameSite=Strict session cookie; scripts may
// send `Authorization: Bearer …` on each request instead (checked by sign-in.ts, throttled). Tokens
// travel only in a POST body or a header; the one exception is the loopback link printed at start,
// exchanged at once for a cookie and a redirect to a clean address. Writes from a cookie session also
// need the session's CSRF token, since cookies are sent by the browser on its own.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type {} from '@fastify/cookie'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Credentials, Identity } from '../sources/source.ts'

export type AuthMode = 'local' | 'token' | 'bearer'

export const SESSION_COOKIE = 'gatemap_session'
export const CSRF_HEADER = 'x-csrf-token'
const SESSION_TTL_MS = 12 * 60 * 60 * 1000
const MAX_SESSIONS = 10_000
/**
 * The shortest shared token `--auth token` accepts: 22 characters of base64 carry 128 bits, the
 * least a guessable secret on a network should have.
 */
export const MIN_TOKEN_LENGTH = 22

export interface Session {
  id: string
  csrfToken: string
  credentials: Credentials
  /** Bearer mode: who the API server says the person is. */
  identity?: Identity
  expires: number
}

/** What a request is allowed to do, as found by authenticate(). */
export interface Caller {
  credentials: Credentials
  /** Set for cookie sessions: writes must carry this in the CSRF header. */
  csrfToken?: string
  identity?: Identity
}

const digest = (value: string) => createHash('sha256').update(value).digest()

/** Constant-time comparison that does not leak the length either. */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b))
}

export class Auth {
  readonly mode: AuthMode
  private readonly token: string | undefined
  private readonly sessions = new Map<string, Session>()

  constructor(mode: AuthMode, token?: string) {
    if (mode !== 'bearer' && !token) throw new Error(`auth mode ${mode} needs a token`)
    this.mode = mode
    this.token = token
  }

  /** Checks a presented token; returns the credentials it stands for, or undefined. */
  exchange(presented: string): Credentials | undefined {
    const value = presented.trim()
    if (!value) return undefined
    if (this.mode === 'bearer') return { bearerToken: value }
    return this.token && sameSecret(value, this.token) ? {} : undefined
  }

  createSession(credentials: Credentials, identity?: Identity): Session {
    this.expire()
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value
      if (oldest !== undefined) this.sessions.delete(oldest)
    }
    const session: Session = {
      id: randomBytes(24).toString('base64url'),
      csrfToken: randomBytes(24).toString('base64url'),
      credentials,
      ...(identity ? { identity } : {}),
      expires: Date.now() + SESSION_TTL_MS,
    }
    this.sessions.set(session.id, session)
    return session
  }

  endSession(id: string): void {
    this.sessions.delete(id)
  }

  /** The caller behind the request's session cookie (a presented token goes through TokenGate). */
  sessionCaller(request: FastifyRequest): Caller | undefined {
    const id = request.cookies[SESSION_COOKIE]
    const session = id ? this.sessions.get(id) : undefined
    if (!session || session.expires < Date.now()) return undefined
    return {
      credentials: session.credentials,
      csrfToken: session.csrfToken,
      ...(session.identity ? { identity: session.identity } : {}),
    }
  }

  sessionOf(request: FastifyRequest): Session | undefined {
    const id = request.cookies[SESSION_COOKIE]
    return id ? this.sessions.get(id) : undefined
  }

  setCookie(reply: FastifyReply, session: Session): void {
    reply.setCookie(SESSION_COOKIE, session.id, {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
    })
  }

  private expire(): void {
    const now = Date.now()
    for (const [id, session] of this.sessions) if (session.expires < now) this.sessions.delete(id)
  }
}

export function generateToken(): string {
  return randomBytes(24).toString('base64url')
}
