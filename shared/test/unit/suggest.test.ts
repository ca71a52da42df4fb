// nearestName measures only candidates that can still win: it must answer what measuring every
// candidate in full answers, ties to the first one included.
import { describe, expect, it } from 'vitest'
import { nearestName } from '../../src/analysis/suggest.ts'

function fullDistance(a: string, b: string): number {
  const table = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 0; j <= b.length; j++) table[0]![j] = j
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      table[i]![j] = Math.min(
        table[i - 1]![j]! + 1,
        table[i]![j - 1]! + 1,
        table[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
  return table[a.length]![b.length]!
}

function reference(name: string, candidates: string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const c of candidates) {
    const d = fullDistance(name.toLowerCase(), c.toLowerCase())
    if (d < bestDistance) {
      best = c
      bestDistance = d
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined
}

describe('nearestName', () => {
  it('answers as a full comparison with every candidate does', () => {
    let seed = 7
    const rand = () => {
      seed = (seed * 1103515245 + 12345) >>> 0
      return seed / 2 ** 32
    }
    const word = () => {
      const letters = 'abcdeE-'
      let out = ''
      for (let n = 1 + Math.floor(rand() * 14); n > 0; n--)
        out += letters[Math.floor(rand() * letters.length)]
      return out
    }
    let found = 0
    for (let round = 0; round < 3000; round++) {
      const candidates = Array.from({ length: Math.floor(rand() * 12) }, word)
      const name = rand() < 0.5 && candidates.length ? `${candidates[0]}x` : word()
      const answer = nearestName(name, candidates)
      expect(answer, `${name} among ${candidates.join(',')}`).toBe(reference(name, candidates))
      if (answer !== undefined) found++
    }
    expect(found).toBeGreaterThan(500)
  })

  it('suggests a typo and nothing for a name far from every candidate', () => {
    expect(nearestName('edge-gatway', ['infra', 'edge-gateway', 'edge'])).toBe('edge-gateway')
    expect(nearestName('completely-different', ['edge-gateway'])).toBeUndefined()
  })
})
