// The rows a frame carries are the first of every row worst first, found without sorting them all.
import { describe, expect, it } from 'vitest'
import type { ProblemRow } from '../../../src/view/frame/messages.ts'
import { firstRows, type RowEntry } from '../../../src/view/frame/problem-rows.ts'

/** A seeded generator, so a failure names the case that made it. */
function random(seed: number) {
  let s = seed
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31
    return s / 2 ** 31
  }
}

function rowsOf(seed: number, n: number): RowEntry[] {
  const next = random(seed)
  return Array.from({ length: n }, (_, i) => {
    const severity = next() < 0.6 ? 'error' : 'warning'
    // Few keys, so that many rows sort equal and the order among them is the input's.
    const key = `ns-${Math.floor(next() * 4)}/route-${Math.floor(next() * 5)}/HTTPRoute`
    const row = { severity, code: `c${i}`, message: `row ${i}` } as unknown as ProblemRow
    return { row, key }
  })
}

/** What every row sorted (stable) gives: the order the frame's rows must have. */
function sortedAll(rows: readonly RowEntry[]): ProblemRow[] {
  return firstRows(rows, rows.length)
}

describe('firstRows', () => {
  it('sorts every row worst first, then by key, keeping the input order of equal rows', () => {
    const rows = rowsOf(7, 40)
    const all = sortedAll(rows)
    expect(all).toHaveLength(40)
    const rank = (r: ProblemRow) => (r.severity === 'error' ? 0 : 1)
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1]!, all[i]!]
      const [ka, kb] = [rows.find((r) => r.row === a)!.key, rows.find((r) => r.row === b)!.key]
      expect(rank(a) < rank(b) || (rank(a) === rank(b) && ka.localeCompare(kb) <= 0)).toBe(true)
      if (rank(a) === rank(b) && ka === kb)
        expect(Number(a.code.slice(1))).toBeLessThan(Number(b.code.slice(1)))
    }
  })

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`gives the first rows of that order for any count shown (seed ${seed})`, () => {
      const rows = rowsOf(seed, 300)
      const all = sortedAll(rows)
      for (const shown of [0, 1, 2, 7, 50, 299, 300, 301, 1_000]) {
        expect(firstRows(rows, shown)).toEqual(all.slice(0, Math.max(0, shown)))
      }
    })
  }

  it('gives nothing for no rows', () => {
    expect(firstRows([], 50)).toEqual([])
  })
})
