// The problems panel's rows: every error and warning, worst first, each pointing at the node that
// shows its object so that selecting a row can focus the graph.
import type { Finding } from '../../index.ts'
import { findingNodeId } from '../model/finding-node.ts'
import type { ProblemCounts, ProblemRow } from './messages.ts'

const RANK = { error: 0, warning: 1, info: 2 } as const

/** localeCompare's own order (ECMA-402 defines it as a default Collator's), without its per-call setup. */
const collator = new Intl.Collator()

/** A row and what it sorts by. */
export interface RowEntry {
  row: ProblemRow
  key: string
}

/**
 * The analysis keeps a finding object while what it says holds (findings.ts keeps a route's per
 * verdict), so its row is kept too: after a change the rows of unchanged findings are the same
 * objects, which the frame's patch then sends by reference (frame-patch.ts).
 */
const rowOf = new WeakMap<Finding, RowEntry>()

/** Every error and warning of the findings, in the findings' order. */
export function problemRows(findings: readonly Finding[]): RowEntry[] {
  const rows: RowEntry[] = []
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
  return rows
}

/** Worst first, then by namespace, name and kind. */
const worstFirst = (a: RowEntry, b: RowEntry) =>
  RANK[a.row.severity] - RANK[b.row.severity] || collator.compare(a.key, b.key)

/**
 * The first `shown` rows worst first, as a stable sort of all of them would give, without sorting
 * all of them: a frame carries 50 rows of thousands (14,516 at 10,000 routes), and sorting every row
 * on each change was most of the rows' cost (~6 ms per change at 5,000 routes).
 */
export function firstRows(rows: readonly RowEntry[], shown: number): ProblemRow[] {
  if (shown >= rows.length) return [...rows].sort(worstFirst).map((r) => r.row)
  if (shown <= 0) return []
  const best: RowEntry[] = []
  for (const entry of rows) {
    const last = best[shown - 1]
    if (last !== undefined && worstFirst(entry, last) >= 0) continue
    // After every row that sorts equal to it: those came first, and the sort is stable.
    let lo = 0
    let hi = best.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (worstFirst(best[mid]!, entry) <= 0) lo = mid + 1
      else hi = mid
    }
    best.splice(lo, 0, entry)
    if (best.length > shown) best.pop()
  }
  return best.map((r) => r.row)
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
  private rows: readonly RowEntry[] | undefined
  private shown = 0
  private window: ProblemRow[] = []

  of(rows: readonly RowEntry[], shown: number): ProblemRow[] {
    if (rows !== this.rows || shown !== this.shown) {
      this.rows = rows
      this.shown = shown
      this.window = firstRows(rows, shown)
    }
    return this.window
  }
}
