// Findings per graph node, through the same finding → node mapping the problems panel uses.
import type { Finding } from '@gatemap/shared'
import { findingNodeId } from './finding-node.ts'

/** Errors and warnings per node position; findings about objects without a node are left out. */
export function countProblems(
  findings: readonly Finding[],
  position: ReadonlyMap<string, number>,
): Uint32Array {
  const counts = new Uint32Array(position.size)
  for (const f of findings) {
    if (f.severity !== 'error' && f.severity !== 'warning') continue
    const at = position.get(findingNodeId(f.object))
    if (at !== undefined) counts[at] = (counts[at] ?? 0) + 1
  }
  return counts
}
