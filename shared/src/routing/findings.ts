// What the routing tables show that no condition says: rules that never receive traffic because
// higher-precedence matches take all of it (ShadowedRule), and rules of two routes with identical
// matches on one hostname where only creationTimestamp (or the name) decides (PrecedenceTie).
import type { Analyzer } from '../analysis/analyzer.ts'
import type { Finding, ListenerVerdict } from '../analysis/verdicts.ts'
import { namespacedName } from '../refs.ts'
import { GATEWAY_GROUP } from '../types/gateway.ts'
import { listenerUnusable } from './listeners.ts'
import { describeRow, type TableRow, tableRows } from './table.ts'

function describe(row: TableRow): string {
  const { kind, namespace, name } = row.attached.ref
  return `${kind} ${namespace}/${name} rule ${row.rule}`
}

/** `keep`: the listener's table is kept for the next call on the same listener verdict (tableRows). */
export function listenerFindings(analyzer: Analyzer, l: ListenerVerdict, keep = false): Finding[] {
  if (analyzer.attachedTo({ owner: l.owner, section: l.name }).length === 0 || listenerUnusable(l)) return []
  // The rows of each rule (one per match and hostname), rules in the order the table first has them.
  const rules: TableRow[][] = []
  const byRule = new Map<object, Map<number, TableRow[]>>()
  for (const row of tableRows(analyzer, l, keep)) {
    let ofRoute = byRule.get(row.attached)
    if (!ofRoute) {
      ofRoute = new Map()
      byRule.set(row.attached, ofRoute)
    }
    const rows = ofRoute.get(row.rule)
    if (rows) rows.push(row)
    else {
      const fresh = [row]
      ofRoute.set(row.rule, fresh)
      rules.push(fresh)
    }
  }
  const where = `listener ${l.name} of ${l.owner.kind} ${namespacedName(l.owner)}`
  const out: Finding[] = []
  for (const entries of rules) {
    if (!entries.every((e) => e.shadowedBy || e.tiedWith)) continue
    const first = entries[0]!
    const { kind, namespace, name } = first.attached.ref
    const object = { group: GATEWAY_GROUP, kind, namespace, name }
    const subject = `listener ${l.owner.kind} ${namespacedName(l.owner)}/${l.name} rule ${first.rule}`
    const path = `spec.rules[${first.rule}]`
    const tie = entries.find((e) => e.tiedWith)
    if (tie?.tiedWith) {
      const t = tie.tiedWith
      out.push({
        severity: 'warning',
        code: 'PrecedenceTie',
        object,
        path,
        subject,
        message: `On ${where}, rule ${first.rule} matches exactly what ${describe(t.row)} matches (${describeRow(tie)}${tie.hostname ? ` on ${tie.hostname}` : ''}); only ${t.decidedBy === 'creationTimestamp' ? 'creationTimestamp (the older route wins)' : 'namespace/name (alphabetically first wins; no creationTimestamp tells them apart)'} decides, so ${describe(t.row)} takes the traffic and this rule gets none. Recreating either route flips it.`,
        fix: 'Make the matches differ (a header, a more specific path or hostname), or remove the duplicate rule.',
        checks: [],
      })
      continue
    }
    const by = first.shadowedBy!
    out.push({
      severity: 'warning',
      code: 'ShadowedRule',
      object,
      path,
      subject,
      message: `On ${where}, rule ${first.rule} can never match: ${entries.length === 1 ? `its match (${describeRow(first)})` : `each of its ${entries.length} matches`} is covered by a higher-precedence match of ${describe(by)}${by.hostname ? ` on ${by.hostname}` : ''}, which takes every such request.`,
      fix: 'Remove the rule, or make its match more specific than the one that covers it (an Exact path, a longer prefix, a method, a header).',
      checks: [],
    })
  }
  return out
}
