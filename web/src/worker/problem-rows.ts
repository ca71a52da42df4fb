// The problems panel's rows: every error and warning, worst first, each pointing at the node that
// shows its object so that selecting a row can focus the graph.
import type { Finding } from '@gatemap/shared'
import { findingNodeId } from '../model/finding-node.ts'
import type { ProblemRow } from './messages.ts'

const RANK = { error: 0, warning: 1, info: 2 } as const

export function problemRows(findings: readonly Finding[]): ProblemRow[] {
  const rows: ProblemRow[] = []
  for (const f of findings) {
    if (f.severity === 'info') continue
    const { checks: _checks, ...rest } = f
    rows.push({ ...rest, nodeId: findingNodeId(f.object) })
  }
  const key = (r: ProblemRow) => `${r.object.namespace ?? ''}/${r.object.name}/${r.object.kind}`
  return rows.sort((a, b) => RANK[a.severity] - RANK[b.severity] || key(a).localeCompare(key(b)))
}
