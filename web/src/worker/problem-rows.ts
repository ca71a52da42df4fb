// The problems panel's rows: every error and warning, worst first, each pointing at the node that
// shows its object so that selecting a row can focus the graph.
import type { Finding } from '@gatemap/shared'
import { findingNodeId } from '../model/finding-node.ts'
import type { ProblemCounts, ProblemRow } from './messages.ts'

const RANK = { error: 0, warning: 1, info: 2 } as const

/** localeCompare's own order (ECMA-402 defines it as a default Collator's), without its per-call setup. */
const collator = new Intl.Collator()

/**
 * The analysis keeps a finding object while what it says holds (findings.ts keeps a route's per
 * verdict), so its row is kept too: after a change the rows of unchanged findings are the same
 * objects, which the frame's patch then sends by reference (frame-patch.ts).
 */
const rowOf = new WeakMap<Finding, { row: ProblemRow; key: string }>()

export function problemRows(findings: readonly Finding[]): ProblemRow[] {
  const rows: { row: ProblemRow; key: string }[] = []
  for (const f of findings) {
    if (f.severity === 'info') continue
    let kept = rowOf.get(f)
    if (kept === undefined) {
      const { checks: _checks, ...rest } = f
      const row = { ...rest, nodeId: findingNodeId(f.object) }
      kept = { row, key: `${row.object.namespace ?? ''}/${row.object.name}/${row.object.kind}` }
      rowOf.set(f, kept)
    }
    rows.push(kept)
  }
  rows.sort((a, b) => RANK[a.row.severity] - RANK[b.row.severity] || collator.compare(a.key, b.key))
  return rows.map((r) => r.row)
}

export function countRows(rows: readonly ProblemRow[]): ProblemCounts {
  let errors = 0
  for (const r of rows) if (r.severity === 'error') errors++
  return { errors, warnings: rows.length - errors }
}

/**
 * The rows a frame carries: the first `shown` of every row. The same array while neither the rows
 * nor the number change, so the frame's patch sends it as "unchanged" without comparing row by row.
 */
export class ProblemWindow {
  private rows: readonly ProblemRow[] | undefined
  private shown = 0
  private window: ProblemRow[] = []

  of(rows: readonly ProblemRow[], shown: number): ProblemRow[] {
    if (rows !== this.rows || shown !== this.shown) {
      this.rows = rows
      this.shown = shown
      this.window = rows.slice(0, shown)
    }
    return this.window
  }
}
