// The slot tree against a brute-force scan of the same leaves.
import { describe, expect, it } from 'vitest'
import { bestSlot, createSlotTree, prefixSum, setLeaf } from '../../../src/view/layout/slot-tree.ts'

function scanPrefix(leaves: readonly number[], end: number): number {
  let sum = 0
  for (let j = 0; j < end; j++) sum += leaves[j]!
  return sum
}

function scanBest(leaves: readonly number[], lo: number, hi: number): number {
  let best = lo
  for (let s = lo; s <= hi; s++) if (scanPrefix(leaves, s) <= scanPrefix(leaves, best)) best = s
  return best
}

describe('slot tree', () => {
  it.each<[string, number[], number, number, number]>([
    ['all below: the last slot', [-1, -1, -1], 0, 3, 3],
    ['all above: the first slot', [1, 1, 1], 0, 3, 0],
    ['between the two halves', [-1, -1, 1, 1], 0, 4, 2],
    ['ties go to the later slot', [-1, 0, 0, 1], 0, 4, 3],
    ['the range limits the answer', [-1, -1, -1, -1], 1, 2, 2],
    ['an empty range', [1, -1], 1, 1, 1],
    ['one outlier does not pull the slot', [-1, 1, -1, -1, -1, 1, 1], 0, 7, 5],
  ])('%s', (_, leaves, lo, hi, expected) => {
    expect(bestSlot(createSlotTree(leaves), lo, hi)).toBe(expected)
  })

  it.each([1, 2, 3, 5, 8, 13, 31, 64, 100])('matches a scan over %d random leaves under updates', (n) => {
    let seed = n * 7919
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }
    const sign = (): number => Math.floor(random() * 3) - 1
    const leaves = Array.from({ length: n }, sign)
    const tree = createSlotTree(leaves)
    for (let round = 0; round < 50; round++) {
      const j = Math.floor(random() * n)
      leaves[j] = sign()
      setLeaf(tree, j, leaves[j]!)
      const a = Math.floor(random() * (n + 1))
      const b = Math.floor(random() * (n + 1))
      const [lo, hi] = a <= b ? [a, b] : [b, a]
      expect(bestSlot(tree, lo, hi)).toBe(scanBest(leaves, lo, hi))
      expect(prefixSum(tree, hi)).toBe(scanPrefix(leaves, hi))
    }
  })
})
