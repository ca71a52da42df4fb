import { describe, expect, it } from 'vitest'
import { Backoff } from '../../src/worker/backoff.ts'

describe('Backoff', () => {
  it('doubles from the first delay up to the cap, and starts over after reset', () => {
    const b = new Backoff(500, 4000, () => 0.5)
    expect([b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([500, 1000, 2000, 4000, 4000])
    b.reset()
    expect(b.next()).toBe(500)
  })

  it('jitters within ±25%', () => {
    expect(new Backoff(1000, 8000, () => 0).next()).toBe(750)
    expect(new Backoff(1000, 8000, () => 0.999999).next()).toBe(1250)
  })
})
