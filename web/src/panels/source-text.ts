// Folder mode: an object's own text in its file, comments included, from GET /api/source. The YAML
// view shows it and an edit starts from it, so a person sees and changes the text they will find
// on disk. Failures come back as values: the callers fall back to the object serialised.
import { type SourceTextResponse, SourceTextResponseSchema } from '@gatemap/shared'

export type SourceTextAnswer = { ok: true; value: SourceTextResponse } | { ok: false; message: string }

export interface SourceObjectRef {
  apiVersion: string
  kind: string
  metadata: { namespace?: string; name: string }
}

export async function fetchSourceText(object: SourceObjectRef): Promise<SourceTextAnswer> {
  const query = new URLSearchParams({
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
  })
  try {
    const response = await fetch(`/api/source?${query}`, { credentials: 'same-origin' })
    const body: unknown = await response.json().catch(() => undefined)
    if (!response.ok) {
      const message = (body as { message?: unknown } | undefined)?.message
      return {
        ok: false,
        message: typeof message === 'string' ? message : `the server answered ${response.status}`,
      }
    }
    const parsed = SourceTextResponseSchema.safeParse(body)
    return parsed.success
      ? { ok: true, value: parsed.data }
      : { ok: false, message: `unexpected answer: ${parsed.error.issues[0]?.message ?? 'invalid'}` }
  } catch (error) {
    return { ok: false, message: `the server could not be reached: ${String(error)}` }
  }
}
