// Findings per graph node, through the same finding → node mapping the problems panel uses.
import type { Finding } from '../../index.ts'
import { findingNodeId } from './finding-node.ts'

/**
 * Errors and warnings per node position, and the worst of them (see ProblemSeverity); findings
 * about objects without a node are left out.
 */
export function countProblems(
  findings: readonly Finding[],
  position: ReadonlyMap<string, number>,
): { counts: Uint32Array; severity: Uint8Array } {
  const counts = new Uint32Array(position.size)
  const severity = new Uint8Array(position.size)
  for (const f of findings) {
    if (f.severity !== 'error' && f.severity !== 'warning') continue
    const at = position.get(findingNodeId(f.object))
    if (at === undefined) continue
    counts[at] = (counts[at] ?? 0) + 1
    severity[at] = Math.max(severity[at] ?? 0, f.severity === 'error' ? 2 : 1)
  }
  return { counts, severity }
}
