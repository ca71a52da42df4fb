// What a failed list or watch means for the next request, in client-go's reflector's terms: whether
// the resourceVersion we hold is still usable, whether the server asked us to wait, whether the
// failure is passing (the server or the network) or says something about us (RBAC, the kind).
import { ApiError } from './http.ts'

export type Failure =
  /** 410 Gone/Expired: the resourceVersion is older than the server keeps. */
  | { kind: 'expired'; error: unknown }
  /** The resourceVersion is newer than the server knows (a restored etcd, a lagging cache). */
  | { kind: 'too-new'; error: unknown }
  /** 429: the server asked us to come back later. */
  | { kind: 'throttled'; error: unknown; retryAfterMs?: number }
  /** 5xx, a refused, reset or dropped connection, a timeout: worth retrying the same request. */
  | { kind: 'transient'; error: unknown }
  | { kind: 'forbidden'; error: unknown }
  | { kind: 'not-found'; error: unknown }
  /** The server will not stream the initial state (WatchList off, or a server before it). */
  | { kind: 'watch-list-refused'; error: unknown }
  | { kind: 'other'; error: unknown }

/** The Status cause the API server gives when a resourceVersion is ahead of it. */
const TOO_LARGE_CAUSE = 'ResourceVersionTooLarge'

export function classify(error: unknown, request: { watchList?: boolean } = {}): Failure {
  if (!(error instanceof ApiError)) {
    // Not an answer of the server: the connection was refused, reset, cut or timed out, or the
    // stream broke. client-go retries these without a relist, since the server most likely
    // comes back with the history we need.
    return { kind: 'transient', error }
  }
  const { status, body } = error
  if (status === 410 || body.reason === 'Expired' || body.reason === 'Gone') return { kind: 'expired', error }
  const causes = body.details?.causes ?? []
  if (causes.some((c) => c.reason === TOO_LARGE_CAUSE || c.message === 'Too large resource version')) {
    return { kind: 'too-new', error }
  }
  if (status === 429) {
    const seconds = error.retryAfterSeconds
    return seconds === undefined
      ? { kind: 'throttled', error }
      : { kind: 'throttled', error, retryAfterMs: seconds * 1000 }
  }
  if (status === 403) return { kind: 'forbidden', error }
  if (status === 404) return { kind: 'not-found', error }
  // A server without WatchList refuses `sendInitialEvents` as an invalid option (422), or a proxy
  // in front of it as a bad request.
  if (request.watchList && (status === 400 || status === 422 || status === 501)) {
    return { kind: 'watch-list-refused', error }
  }
  if (status >= 500) return { kind: 'transient', error }
  return { kind: 'other', error }
}

export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error))
