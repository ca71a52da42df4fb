/**
 * mulberry32: a tiny seeded generator (Math.random cannot be seeded), so generated folders, property
 * checks and benchmarks see the same input every run. The one copy: shared/bench/realistic.ts and
 * the web tests both take it from here.
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
