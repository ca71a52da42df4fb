import { describe, expect, it } from 'vitest'
import { Backoff } from '../../src/sources/cluster/backoff.ts'

describe('Backoff', () => {
  it('doubles from the initial delay up to the cap', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1000, jitter: 0 })
    expect(Array.from({ length: 7 }, () => backoff.next())).toEqual([100, 200, 400, 800, 1000, 1000, 1000])
    expect(backoff.failures).toBe(7)
  })

  it('draws jitter below the nominal delay, never above', () => {
    const low = new Backoff({ initialMs: 1000, jitter: 0.5, random: () => 1 })
    const high = new Backoff({ initialMs: 1000, jitter: 0.5, random: () => 0 })
    expect(low.next()).toBe(500)
    expect(high.next()).toBe(1000)
  })

  it('stays within [d(1-jitter), d] for random draws', () => {
    const backoff = new Backoff({ initialMs: 200, maxMs: 5000, jitter: 0.3 })
    let nominal = 200
    for (let i = 0; i < 50; i++) {
      const delay = backoff.next()
      expect(delay).toBeGreaterThanOrEqual(Math.floor(nominal * 0.7))
      expect(delay).toBeLessThanOrEqual(nominal)
      nominal = Math.min(5000, nominal * 2)
    }
  })

  it('starts over after reset and survives very many failures', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 30_000, jitter: 0 })
    for (let i = 0; i < 5000; i++) backoff.next()
    expect(backoff.next()).toBe(30_000)
    backoff.reset()
    expect(backoff.failures).toBe(0)
    expect(backoff.next()).toBe(100)
  })
})
