// Reconnect delays: quick at first (a server restart takes a second or two), capped so that a tab
// left open against a stopped server retries every half minute, with jitter so tabs do not stampede.
export class Backoff {
  attempts = 0
  private readonly firstMs: number
  private readonly capMs: number
  private readonly random: () => number

  constructor(firstMs = 500, capMs = 30_000, random: () => number = Math.random) {
    this.firstMs = firstMs
    this.capMs = capMs
    this.random = random
  }

  next(): number {
    const base = Math.min(this.capMs, this.firstMs * 2 ** this.attempts)
    this.attempts++
    return Math.round(base * (0.75 + this.random() * 0.5))
  }

  reset(): void {
    this.attempts = 0
  }
}
