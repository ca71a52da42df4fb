// What a change does to the problem list: given the findings before and after it, which problems it
// introduces, which it fixes and which it leaves as they were. Findings are matched by what they are
// about (object, code, subject or field), never by their message, which names values that may move.
import { objectKey } from '../kinds.ts'
import type { Finding } from './verdicts.ts'

export interface FindingDiff {
  /** In the after list with no counterpart before (as found after). */
  introduced: Finding[]
  /** In the before list with no counterpart after (as found before). */
  fixed: Finding[]
  /** In both (as found after). */
  unchanged: Finding[]
}

/** The identity two analyses share for the same problem. */
export function findingIdentity(f: Finding): string {
  const { kind, namespace, name } = f.object
  return [objectKey(kind, namespace || undefined, name), f.code, f.subject ?? f.path ?? ''].join('|')
}

/**
 * Matches the two lists as multisets of identities: a problem found twice before and once after is
 * one fixed and one unchanged. Each list keeps the order it came in.
 */
export function diffFindings(before: readonly Finding[], after: readonly Finding[]): FindingDiff {
  const waiting = new Map<string, number[]>()
  before.forEach((f, i) => {
    const id = findingIdentity(f)
    const list = waiting.get(id)
    if (list) list.push(i)
    else waiting.set(id, [i])
  })
  const matched = new Set<number>()
  const introduced: Finding[] = []
  const unchanged: Finding[] = []
  for (const f of after) {
    const index = waiting.get(findingIdentity(f))?.shift()
    if (index === undefined) introduced.push(f)
    else {
      matched.add(index)
      unchanged.push(f)
    }
  }
  const fixed = before.filter((_, i) => !matched.has(i))
  return { introduced, fixed, unchanged }
}
