// Who is asking, for the auth hook: a token in `Authorization: Bearer` (through the TokenGate, so it
// is throttled and, in bearer mode, checked with the API server), else the session cookie.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Auth, Caller } from './auth.ts'
import { type HttpError, sendError } from './errors.ts'
import type { TokenGate } from './sign-in.ts'

export type Found = { caller: Caller } | { error: HttpError; retryAfter?: number } | { nobody: true }

export async function authenticateRequest(
  request: FastifyRequest,
  auth: Auth,
  gate: TokenGate,
): Promise<Found> {
  const header = request.headers.authorization
  if (header?.startsWith('Bearer ')) {
    const presented = await gate.present(request.ip, header.slice('Bearer '.length))
    if (!presented.ok) {
      return { error: presented.error, ...(presented.retryAfter ? { retryAfter: presented.retryAfter } : {}) }
    }
    const { credentials, identity } = presented
    return { caller: { credentials, ...(identity ? { identity } : {}) } }
  }
  const caller = auth.sessionCaller(request)
  return caller ? { caller } : { nobody: true }
}

/** A refused token: 401, 503, or 429 with the seconds to wait in Retry-After. */
export function sendTokenError(reply: FastifyReply, error: HttpError, retryAfter?: number): FastifyReply {
  if (retryAfter) reply.header('retry-after', String(retryAfter))
  return sendError(reply, error)
}
