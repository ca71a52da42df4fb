// Capped exponential backoff with jitter, so many watches failing together (an API server restart)
// do not come back in lockstep.

export interface BackoffOptions {
  /** First delay before jitter (ms). */
  initialMs?: number
  /** No delay exceeds this (ms). */
  maxMs?: number
  factor?: number
  /** Fraction of the delay drawn at random: 0.5 gives delays in [d/2, d]. */
  jitter?: number
  /** For tests; default Math.random. */
  random?: () => number
}

export class Backoff {
  private attempt = 0
  private readonly initialMs: number
  private readonly maxMs: number
  private readonly factor: number
  private readonly jitter: number
  private readonly random: () => number

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 500
    this.maxMs = options.maxMs ?? 30_000
    this.factor = options.factor ?? 2
    this.jitter = Math.min(1, Math.max(0, options.jitter ?? 0.5))
    this.random = options.random ?? Math.random
  }

  /** Failures in a row so far. */
  get failures(): number {
    return this.attempt
  }

  /** The delay before the next try; each call counts one more failure. */
  next(): number {
    const base = Math.min(this.maxMs, this.initialMs * this.factor ** this.attempt)
    this.attempt++
    return Math.round(base * (1 - this.jitter * this.random()))
  }

  reset(): void {
    this.attempt = 0
  }
}
