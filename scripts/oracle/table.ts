// Matching disagreements against the reviewed table of accepted differences (differences.ts), and
// the verdict of a whole run. Pure: no I/O.
import { agrees, type Check, COMPARED, type Compared } from './checks.ts'

export type Verdict =
  | 'implementation-specific'
  | 'Envoy Gateway departs from the spec'
  | 'input the API server refuses'
  | 'Gatemap bug, to fix'

/** A value pattern: a string must equal, a RegExp must match. */
export type Pattern = string | RegExp

export interface AcceptedDifference {
  /** Short stable name, printed next to the checks it covers. */
  id: string
  verdict: Verdict
  /** Every field given must match the check; a list of `what` matches any of them. */
  match: {
    what: Compared | readonly Compared[]
    gatemap?: Pattern
    eg?: Pattern
    input?: Pattern
    object?: Pattern
    place?: Pattern
  }
  /** Why the two answers may both be right (or, for a Gatemap bug, what Gatemap gets wrong). */
  why: string
  /** The spec text that leaves this to the implementation (or that Gatemap breaks), quoted. */
  spec: { quote: string; source: string }
}

function fits(pattern: Pattern | undefined, value: string): boolean {
  if (pattern === undefined) return true
  return typeof pattern === 'string' ? pattern === value : pattern.test(value)
}

export function matches(row: AcceptedDifference, c: Check): boolean {
  const whats: readonly Compared[] = typeof row.match.what === 'string' ? [row.match.what] : row.match.what
  return (
    whats.includes(c.what) &&
    fits(row.match.gatemap, c.gatemap) &&
    fits(row.match.eg, c.eg) &&
    fits(row.match.input, c.input) &&
    fits(row.match.object, c.object) &&
    fits(row.match.place, c.place)
  )
}

export interface Outcome {
  checks: number
  agreed: number
  byWhat: Record<Compared, { checks: number; agreed: number }>
  /** Each row of the table with the disagreements it covers (the first matching row wins). */
  accepted: { row: AcceptedDifference; checks: Check[] }[]
  /** Disagreements no row covers: each one fails the run. */
  unlisted: Check[]
}

export function judge(checks: readonly Check[], table: readonly AcceptedDifference[]): Outcome {
  const byWhat = Object.fromEntries(COMPARED.map((w) => [w, { checks: 0, agreed: 0 }])) as Outcome['byWhat']
  const accepted = table.map((row) => ({ row, checks: [] as Check[] }))
  const unlisted: Check[] = []
  let agreed = 0
  for (const c of checks) {
    byWhat[c.what].checks++
    if (agrees(c)) {
      agreed++
      byWhat[c.what].agreed++
      continue
    }
    const hit = accepted.find((a) => matches(a.row, c))
    if (hit) hit.checks.push(c)
    else unlisted.push(c)
  }
  return { checks: checks.length, agreed, byWhat, accepted, unlisted }
}

/** The table's own mistakes: ids used twice. Checked before any run. */
export function tableProblems(table: readonly AcceptedDifference[]): string[] {
  const seen = new Set<string>()
  const problems: string[] = []
  for (const row of table) {
    if (seen.has(row.id)) problems.push(`accepted difference ${row.id} is listed twice`)
    seen.add(row.id)
    if (row.spec.quote.trim() === '' || row.spec.source.trim() === '')
      problems.push(`accepted difference ${row.id} quotes no spec text`)
  }
  return problems
}
