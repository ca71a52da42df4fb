// Slows down guessing of access tokens. Each client address gets a few wrong tokens for free; every
// further wrong one blocks it for twice as long as the last, up to a cap, so the rightful user on the
// same address (on loopback, everyone) is never shut out for longer than the cap, and one right
// token clears the record. A session cookie is never throttled: a signed-in tab keeps working.

export interface ThrottleOptions {
  /** Wrong tokens allowed before the first block. */
  freeFailures?: number
  /** The first block; each further wrong token doubles it. */
  firstBlockMs?: number
  /** The longest block, whatever the number of wrong tokens. */
  maxBlockMs?: number
  /** Wrong tokens older than this are forgotten. */
  forgetAfterMs?: number
  /** Addresses remembered at once; the least recently failing one is forgotten first. */
  maxClients?: number
  now?: () => number
}

interface Record {
  failures: number
  last: number
  blockedUntil: number
}

export const DEFAULT_THROTTLE = {
  freeFailures: 5,
  firstBlockMs: 1000,
  maxBlockMs: 60_000,
  forgetAfterMs: 15 * 60_000,
  maxClients: 10_000,
} as const

export class LoginThrottle {
  private readonly options: Required<ThrottleOptions>
  private readonly clients = new Map<string, Record>()

  constructor(options: ThrottleOptions = {}) {
    this.options = { ...DEFAULT_THROTTLE, now: Date.now, ...options }
  }

  /** Whole seconds `client` must wait before presenting a token again; 0 when it may now. */
  retryAfter(client: string): number {
    const record = this.current(client)
    if (!record) return 0
    const wait = record.blockedUntil - this.options.now()
    return wait > 0 ? Math.ceil(wait / 1000) : 0
  }

  failed(client: string): void {
    const now = this.options.now()
    const record = this.current(client) ?? { failures: 0, last: now, blockedUntil: 0 }
    record.failures++
    record.last = now
    const over = record.failures - this.options.freeFailures
    if (over > 0) {
      // 2^over overflows to Infinity long before it matters; the cap bounds it either way.
      const block = Math.min(this.options.firstBlockMs * 2 ** (over - 1), this.options.maxBlockMs)
      record.blockedUntil = now + block
    }
    // Re-inserting keeps the Map in order of the last failure, so the oldest is evicted first.
    this.clients.delete(client)
    this.clients.set(client, record)
    while (this.clients.size > this.options.maxClients) {
      const oldest = this.clients.keys().next().value
      if (oldest === undefined) break
      this.clients.delete(oldest)
    }
  }

  succeeded(client: string): void {
    this.clients.delete(client)
  }

  private current(client: string): Record | undefined {
    const record = this.clients.get(client)
    if (!record) return undefined
    const now = this.options.now()
    if (record.blockedUntil <= now && now - record.last > this.options.forgetAfterMs) {
      this.clients.delete(client)
      return undefined
    }
    return record
  }
}
