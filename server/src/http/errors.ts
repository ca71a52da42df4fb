// Every error leaves the server in one shape (ErrorResponse): the API server's reason and message
// passed through, or Gatemap's own, with the fields involved. Nothing a client sends can crash the
// process: unexpected errors become a 500 with a message, and are logged.
import type { ErrorResponse } from '@gatemap/shared'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { WriteError } from '../sources/source.ts'

export class HttpError extends Error {
  readonly status: number
  readonly reason: string
  readonly causes: NonNullable<ErrorResponse['causes']>

  constructor(status: number, reason: string, message: string, causes: ErrorResponse['causes'] = []) {
    super(message)
    this.status = status
    this.reason = reason
    this.causes = causes
  }
}

export function errorBody(error: unknown): ErrorResponse {
  if (error instanceof WriteError || error instanceof HttpError) {
    return {
      status: error.status,
      reason: error.reason,
      message: error.message,
      ...(error.causes.length ? { causes: error.causes } : {}),
      ...(error instanceof WriteError && error.current ? { current: error.current } : {}),
    }
  }
  const fastifyError = error as Partial<FastifyError>
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { status: 413, reason: 'RequestEntityTooLarge', message: fastifyError.message ?? 'body too large' }
  }
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    return {
      status: fastifyError.statusCode,
      reason: 'BadRequest',
      message: fastifyError.message ?? 'bad request',
    }
  }
  return { status: 500, reason: 'InternalError', message: internalMessage(error) }
}

/**
 * What a client may learn of an unexpected failure: its gist, never a stack or a path of the
 * server's machine (the full error goes to the server's log or stderr).
 */
function internalMessage(error: unknown): string {
  const system = error as Partial<NodeJS.ErrnoException> | undefined
  if (typeof system?.code === 'string' && typeof system.syscall === 'string') {
    return `internal error: ${system.syscall} failed with ${system.code}`
  }
  const text = error instanceof Error ? error.message : String(error)
  const firstLine = text.split('\n')[0] ?? ''
  return `internal error: ${firstLine.replace(/(^|[\s'"`(=])(?:[A-Za-z]:)?[\\/][^\s'"`),]*/g, '$1<path>')}`
}

export function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  const body = errorBody(error)
  return reply.code(body.status).type('application/json').send(body)
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const body = errorBody(error)
  if (body.status >= 500) {
    request.log.error({ err: error }, 'request failed')
    // `gatemap serve` runs without a request logger; the operator still needs what the client is not told.
    if (request.log.level === undefined || request.log.level === 'silent') {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
      process.stderr.write(`gatemap: ${request.method} ${request.url.split('?')[0]} failed: ${detail}\n`)
    }
  }
  return reply.code(body.status).type('application/json').send(body)
}

/** A query or body checked against its shared schema; a mismatch is a 400 naming the fields. */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw new HttpError(400, 'BadRequest', z.prettifyError(parsed.error))
  return parsed.data
}
