// One ranking of health for everything that summarises several nodes or edges, and the one rule for
// the health a node shows: its object's state, raised by the findings on it.
import type { Health } from '../../index.ts'

const RANK: Record<Health, number> = { ok: 0, pending: 1, warning: 2, missing: 3, error: 4 }

export const worse = (a: Health, b: Health): Health => (RANK[b] > RANK[a] ? b : a)

/** The worst finding on a node: 0 none, 1 warnings only, 2 at least one error. */
export type ProblemSeverity = 0 | 1 | 2

/**
 * A node never shows ✓ beside its own problems: an error finding makes it a problem, warnings
 * alone a warning. "Not found" stays, being the more exact word, and so does "Pending" beside a
 * warning, since the warning is usually that no controller has answered yet.
 */
export function shownHealth(health: Health, severity: number): Health {
  if (health === 'missing') return health
  if (severity >= 2) return 'error'
  if (severity === 1 && health === 'ok') return 'warning'
  return health
}

/** A Gateway raised by its listeners' shown health, by the same rule: errors always, warnings over OK. */
export function raisedBy(health: Health, listeners: Health | undefined): Health {
  if (listeners === 'error' || listeners === 'missing') return shownHealth(health, 2)
  return listeners === 'warning' ? shownHealth(health, 1) : health
}
