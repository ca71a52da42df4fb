// The REST calls the editors make, with the session's CSRF token, every answer checked against the
// schemas the server uses. Failures come back as values, never as exceptions, so the panel can say
// what happened.
import {
  type ErrorResponse,
  ErrorResponseSchema,
  SessionResponseSchema,
  type WireObject,
  WriteResponseSchema,
} from '@gatemap/shared'
import { z } from 'zod'

export type Session = z.infer<typeof SessionResponseSchema>
export type WriteAnswer = z.infer<typeof WriteResponseSchema>
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorResponse }

let session: Promise<Session> | undefined

export function loadSession(): Promise<Session> {
  session ??= fetch('/api/session', { credentials: 'same-origin' })
    .then(async (response) => SessionResponseSchema.parse(await response.json()))
    .catch((error: unknown) => {
      session = undefined
      throw error
    })
  return session
}

async function send<T>(
  method: string,
  url: string,
  body: unknown,
  schema: z.ZodType<T>,
): Promise<Outcome<T>> {
  try {
    const { csrfToken } = await loadSession()
    const response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const json: unknown = await response.json().catch(() => undefined)
    if (response.ok) return { ok: true, value: schema.parse(json) }
    const error = ErrorResponseSchema.safeParse(json)
    return {
      ok: false,
      error: error.success
        ? error.data
        : {
            status: response.status,
            reason: response.statusText || 'Error',
            message: `the server answered ${response.status}`,
          },
    }
  } catch (error) {
    return {
      ok: false,
      error: {
        status: 0,
        reason: 'NetworkError',
        message: `the server could not be reached: ${String(error)}`,
      },
    }
  }
}

/** Apply (server-side apply) or create; a dry run sends the same request with dryRun set. */
export function writeDraft(
  operation: 'apply' | 'create',
  yaml: string,
  file: string,
  dryRun: boolean,
  force = false,
) {
  return send('POST', `/api/${operation}`, { yaml, file, dryRun, force }, WriteResponseSchema)
}

export function deleteObject(object: WireObject) {
  const { apiVersion, kind } = object
  const { name, namespace, resourceVersion } = object.metadata
  const query = new URLSearchParams({
    apiVersion,
    kind,
    name,
    ...(namespace ? { namespace } : {}),
    ...(resourceVersion ? { resourceVersion } : {}),
  })
  return send('DELETE', `/api/object?${query}`, undefined, DeleteAnswerSchema)
}

const DeleteAnswerSchema = z.object({ deleted: z.boolean(), dryRun: z.boolean() })
