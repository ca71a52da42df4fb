// Every place a token is presented (the sign-in form, POST /api/login, the loopback link,
// `Authorization: Bearer` on any request) goes through one gate: the throttle first, then the token
// check, and in bearer mode the API server's word (SelfSubjectReview) on whose token it is.
import { createHash } from 'node:crypto'
import type { Credentials, Identity, Source } from '../sources/source.ts'
import { UnauthenticatedError } from '../sources/source.ts'
import type { Auth } from './auth.ts'
import { HttpError } from './errors.ts'
import { LoginThrottle } from './throttle.ts'

export type Presented =
  | { ok: true; credentials: Credentials; identity?: Identity }
  | { ok: false; error: HttpError; retryAfter?: number }

/** How long the API server's answer about a token is reused (scripts send it on every request). */
const IDENTITY_TTL_MS = 60_000
const MAX_IDENTITIES = 1_000

export class TokenGate {
  readonly throttle: LoginThrottle
  private readonly auth: Auth
  private readonly source: Source
  private readonly identities = new Map<string, { expires: number; identity: Identity }>()

  constructor(auth: Auth, source: Source, throttle = new LoginThrottle()) {
    this.auth = auth
    this.source = source
    this.throttle = throttle
  }

  /** `client` is the caller's address; wrong tokens from it are counted against it. */
  async present(client: string, token: string): Promise<Presented> {
    const retryAfter = this.throttle.retryAfter(client)
    if (retryAfter > 0) {
      const error = new HttpError(
        429,
        'TooManyRequests',
        `too many wrong tokens from this address; try again in ${retryAfter} s`,
      )
      return { ok: false, error, retryAfter }
    }
    const credentials = this.auth.exchange(token)
    if (!credentials) return this.wrong(client, 'wrong token')
    if (credentials.bearerToken === undefined) {
      this.throttle.succeeded(client)
      return { ok: true, credentials }
    }
    try {
      const identity = await this.identify(credentials)
      this.throttle.succeeded(client)
      return { ok: true, credentials, identity }
    } catch (error) {
      if (error instanceof UnauthenticatedError) {
        return this.wrong(client, `the API server did not accept this token: ${error.message}`)
      }
      // Not the token's fault: nothing is counted against the caller.
      const message = `cannot check this token with the API server: ${(error as Error).message}`
      return { ok: false, error: new HttpError(503, 'ServiceUnavailable', message) }
    }
  }

  private wrong(client: string, message: string): Presented {
    this.throttle.failed(client)
    return { ok: false, error: new HttpError(401, 'Unauthorized', message) }
  }

  /** Sources that cannot say who someone is take every token; their own requests then decide. */
  private async identify(credentials: Credentials): Promise<Identity> {
    const token = credentials.bearerToken ?? ''
    const key = createHash('sha256').update(token).digest('hex')
    const now = Date.now()
    const hit = this.identities.get(key)
    if (hit && hit.expires > now) return hit.identity
    let identity: Identity = {}
    if (this.source.identify) identity = await this.source.identify(credentials)
    else if (this.source.visibility) {
      try {
        await this.source.visibility(credentials)
      } catch (error) {
        throw new UnauthenticatedError((error as Error).message)
      }
    }
    this.identities.delete(key)
    this.identities.set(key, { expires: now + IDENTITY_TTL_MS, identity })
    for (const [k, entry] of this.identities) {
      if (this.identities.size <= MAX_IDENTITIES && entry.expires > now) break
      this.identities.delete(k)
    }
    return identity
  }
}
