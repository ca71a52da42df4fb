// What the routing tables show that no condition says: rules that never receive traffic because
// higher-precedence matches take all of it (ShadowedRule), and rules of two routes with identical
// matches on one hostname where only creationTimestamp (or the name) decides (PrecedenceTie).
import type { Analyzer } from '../analysis/analyzer.ts'
import type { Finding, ListenerVerdict } from '../analysis/verdicts.ts'
import { namespacedName } from '../refs.ts'
import { GATEWAY_GROUP } from '../types/gateway.ts'
import { listenerUnusable } from './listeners.ts'
import { routingTable, type TableEntry } from './table.ts'

function describe(e: { route: TableEntry['route']; rule: number }): string {
  return `${e.route.kind} ${e.route.namespace}/${e.route.name} rule ${e.rule}`
}

export function listenerFindings(analyzer: Analyzer, l: ListenerVerdict): Finding[] {
  if (analyzer.attachedTo({ owner: l.owner, section: l.name }).length === 0 || listenerUnusable(l)) return []
  const table = routingTable(analyzer, l)
  const byRule = new Map<string, TableEntry[]>()
  for (const e of table) {
    const key = `${e.route.kind}/${e.route.namespace}/${e.route.name}#${e.rule}`
    const entries = byRule.get(key)
    if (entries) entries.push(e)
    else byRule.set(key, [e])
  }
  const where = `listener ${l.name} of ${l.owner.kind} ${namespacedName(l.owner)}`
  const out: Finding[] = []
  for (const entries of byRule.values()) {
    if (!entries.every((e) => e.shadowedBy || e.tiedWith)) continue
    const first = entries[0]!
    const object = {
      group: GATEWAY_GROUP,
      kind: first.route.kind,
      namespace: first.route.namespace,
      name: first.route.name,
    }
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
        message: `On ${where}, rule ${first.rule} matches exactly what ${describe(t)} matches (${tie.match}${tie.hostname ? ` on ${tie.hostname}` : ''}); only ${t.decidedBy === 'creationTimestamp' ? 'creationTimestamp (the older route wins)' : 'namespace/name (alphabetically first wins; no creationTimestamp tells them apart)'} decides, so ${describe(t)} takes the traffic and this rule gets none. Recreating either route flips it.`,
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
      message: `On ${where}, rule ${first.rule} can never match: ${entries.length === 1 ? `its match (${first.match})` : `each of its ${entries.length} matches`} is covered by a higher-precedence match of ${describe(by)}${by.hostname ? ` on ${by.hostname}` : ''}, which takes every such request.`,
      fix: 'Remove the rule, or make its match more specific than the one that covers it (an Exact path, a longer prefix, a method, a header).',
      checks: [],
    })
  }
  return out
}

/** ShadowedRule and PrecedenceTie for every listener with routes. */
export function routingFindings(analyzer: Analyzer): Finding[] {
  const out: Finding[] = []
  for (const g of analyzer.gateways) for (const l of g.listeners) out.push(...listenerFindings(analyzer, l))
  for (const s of analyzer.listenerSets)
    for (const l of s.listeners) out.push(...listenerFindings(analyzer, l))
  return out
}
