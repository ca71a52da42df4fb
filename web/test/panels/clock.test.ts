import { describe, expect, it } from 'vitest'
import { clockTime } from '../../src/panels/clock.ts'

describe('clockTime', () => {
  it('writes the local time of day as HH:MM:SS, zero-padded', () => {
    const at = new Date(2026, 11, 2, 7, 5, 9).getTime()
    expect(clockTime(at)).toBe('07:05:09')
    expect(clockTime(new Date(2026, 11, 2, 23, 59, 0).getTime())).toBe('23:59:00')
    expect(clockTime(new Date(2026, 11, 2, 12, 0, 1).toISOString())).toBe('12:00:01')
  })
})
