// "Did you mean …?" for names that match nothing.

/** One row of the edit-distance table, reused: a folder with many typos asks thousands of times. */
let row = new Int32Array(64)

/**
 * Levenshtein distance of a and b, or any number above `limit` once the distance is known to exceed
 * it (every later row of the table is at least the smallest value of the current one).
 */
function distance(a: string, b: string, limit: number): number {
  if (row.length <= b.length) row = new Int32Array(b.length * 2 + 1)
  for (let j = 0; j <= b.length; j++) row[j] = j
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!
    row[0] = i
    let smallest = i
    const ca = a.charCodeAt(i - 1)
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!
      const next = Math.min(current + 1, row[j - 1]! + 1, previous + (ca === b.charCodeAt(j - 1) ? 0 : 1))
      row[j] = next
      if (next < smallest) smallest = next
      previous = current
    }
    if (smallest > limit) return smallest
  }
  return row[b.length]!
}

/** The candidate closest to `name`, if it is close enough to be a plausible typo. */
export function nearestName(name: string, candidates: Iterable<string>): string | undefined {
  const threshold = Math.max(2, Math.floor(name.length / 3))
  const lower = name.toLowerCase()
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of candidates) {
    // Only a strictly closer candidate replaces the best, and only one within the threshold is
    // answered: a candidate that cannot be either is not measured (the length difference is a floor).
    // Names are ASCII (DNS labels), so lowercasing keeps their length: the floor is checked before
    // a candidate is lowercased (a broken parentRef asks about every Gateway of the cluster).
    const limit = Math.min(bestDistance - 1, threshold)
    if (Math.abs(candidate.length - lower.length) > limit) continue
    const other = candidate.toLowerCase()
    const d = distance(lower, other, limit)
    if (d < bestDistance && d <= limit) {
      best = candidate
      bestDistance = d
    }
  }
  return best
}
