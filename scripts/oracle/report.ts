// The differential check's printed report. Pure: builds text, prints nothing.
import { type Check, COMPARED } from './checks.ts'
import type { Outcome } from './table.ts'

export interface RunSummary {
  implementation: string
  /** Input sets by origin, e.g. { 'examples/': 9, 'conformance manifests': 132 }. */
  inputs: Record<string, number>
  objects: number
  /** Sets the implementation could not answer for, with why. */
  failedSets: { name: string; error: string }[]
}

export function percent(agreed: number, total: number): string {
  if (total === 0) return 'n/a'
  return `${(Math.floor((agreed / total) * 10000) / 100).toFixed(2)}%`
}

export function describeCheck(c: Check): string {
  const where = c.place ? ` ${c.place}` : ''
  const lines = [`${c.input}: ${c.object}${where}: ${c.what}: Gatemap ${c.gatemap}, Envoy Gateway ${c.eg}`]
  if (c.gatemapMessage) lines.push(`    Gatemap: ${c.gatemapMessage}`)
  if (c.egMessage) lines.push(`    Envoy Gateway: ${c.egMessage}`)
  return lines.join('\n')
}

export function report(run: RunSummary, outcome: Outcome, verbose = false): string {
  const lines: string[] = []
  const inputs = Object.entries(run.inputs)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ')
  lines.push(`differential check: Gatemap against ${run.implementation}`)
  lines.push(`inputs: ${inputs} (${run.objects} objects)`)
  lines.push(`checks compared: ${outcome.checks}`)
  for (const what of COMPARED) {
    const b = outcome.byWhat[what]
    if (b.checks > 0) lines.push(`  ${what}: ${b.agreed}/${b.checks} agree`)
  }
  lines.push(`agreement: ${outcome.agreed}/${outcome.checks} (${percent(outcome.agreed, outcome.checks)})`)
  const listed = outcome.accepted.reduce((n, a) => n + a.checks.length, 0)
  lines.push(`accepted differences (docs/oracle-differences.md): ${listed} checks`)
  for (const a of outcome.accepted) {
    const unseen = a.checks.length === 0 ? ' (no longer seen: remove the row?)' : ''
    lines.push(`  ${a.row.id} [${a.row.verdict}]: ${a.checks.length}${unseen}`)
    if (verbose) for (const c of a.checks) lines.push(`    ${describeCheck(c).replaceAll('\n', '\n    ')}`)
  }
  for (const f of run.failedSets) lines.push(`Envoy Gateway could not answer for ${f.name}: ${f.error}`)
  if (outcome.unlisted.length === 0) {
    lines.push('disagreements not in the table: none')
  } else {
    lines.push(`disagreements not in the table: ${outcome.unlisted.length}`)
    for (const c of outcome.unlisted) lines.push(`  ${describeCheck(c).replaceAll('\n', '\n  ')}`)
  }
  return `${lines.join('\n')}\n`
}

/** Exit status: 0 when every disagreement is accepted and every set was answered, else 1. */
export function exitCode(run: RunSummary, outcome: Outcome): number {
  return outcome.unlisted.length > 0 || run.failedSets.length > 0 ? 1 : 0
}
