// The policies part of the `gatemap analyze` text report: each policy with its verdict per target,
// then what takes effect where (the closest Envoy Gateway policy replaces the ones above it; GEP-713
// kinds merge defaults and overrides), each setting naming the policy it comes from.
import { type Analyzer, groupKind, namespacedName, OVERRIDDEN } from '@gatemap/shared'

export function policyLines(analyzer: Analyzer): string[] {
  const policies = analyzer.policies()
  if (policies.verdicts.length === 0) return []
  const lines = ['', 'Policies']
  for (const v of policies.verdicts) {
    lines.push(`  ${v.ref.kind} ${namespacedName(v.ref)} (${v.info.attachment}, ${v.info.implementation})`)
    for (const t of v.targets) {
      const named = `${groupKind(t.target.group, t.target.kind)} ${namespacedName(t.target)}${t.target.sectionName ? `/${t.target.sectionName}` : ''}`
      const status = t.accepted === true ? 'True' : t.accepted === false ? 'False' : 'Unknown'
      lines.push(
        `    -> ${named}: Accepted=${status} ${t.reason}${t.winner ? ` (${namespacedName(t.winner.policy)} wins)` : ''}`,
      )
    }
    if (v.backendTLS?.unmet)
      lines.push(
        `    cannot be met: Accepted=False ${v.backendTLS.unmet.reason}: ${v.backendTLS.unmet.message}`,
      )
    for (const a of v.ancestors) {
      const overridden = a.conditions.find((c) => c.type === OVERRIDDEN && c.status === 'True')
      const at = `${a.ancestorRef.kind ?? 'Gateway'} ${a.ancestorRef.name}${a.ancestorRef.sectionName ? `/${a.ancestorRef.sectionName}` : ''}`
      if (overridden) lines.push(`    Overridden under ${at}: ${overridden.message}`)
    }
    if (v.noAncestors) lines.push(`    ${v.noAncestors}`)
  }
  const effective = policies.effective().filter((e) => e.policies.length > 0)
  if (effective.length > 0) {
    lines.push('', 'Effective policies')
    for (const e of effective) {
      const t = e.target
      lines.push(
        `  ${t.kind} ${namespacedName(t)}${t.sectionName ? `/${t.sectionName}` : ''}: ${e.policies.map((p) => `${p.kind} ${p.name}`).join(', ')}`,
      )
      for (const f of e.fields)
        lines.push(
          `    ${f.field}: from ${f.source.kind} ${f.source.name}${f.from === 'own' ? '' : ` (${f.from})`}`,
        )
      for (const o of e.overridden)
        lines.push(`    ${o.policy.kind} ${o.policy.name} is replaced here by ${o.by.name}`)
    }
  }
  return lines
}
