// Checks of `gatemap analyze --output json` for policies: each policy's status.ancestors[] and the
// top-level effectivePolicies array, against expectations.ts.
import { type Condition, type ParentReference, sameParentRef } from '@gatemap/shared'
import type { AnalyzeRun, OutputItem } from './check.ts'
import type { PolicyExpectation } from './expectations.ts'

interface Ancestor {
  ancestorRef: ParentReference
  controllerName: string
  conditions?: Condition[]
}

export function checkPolicy(items: OutputItem[], expected: PolicyExpectation): string[] {
  const where = `${expected.kind} ${expected.namespace}/${expected.name}`
  const item = items.find(
    (i) =>
      i.kind === expected.kind &&
      i.metadata.name === expected.name &&
      i.metadata.namespace === expected.namespace,
  )
  if (!item) return [`${where}: not in the output`]
  const ancestors = ((item.status as { ancestors?: Ancestor[] } | undefined)?.ancestors ?? []) as Ancestor[]
  const problems: string[] = []
  if (ancestors.length !== expected.ancestors.length) {
    problems.push(
      `${where}: expected ${expected.ancestors.length} ancestors, got ${JSON.stringify(ancestors.map((a) => a.ancestorRef))}`,
    )
  }
  for (const want of expected.ancestors) {
    const got = ancestors.find(
      (a) =>
        sameParentRef(a.ancestorRef, want.ancestorRef, expected.namespace) &&
        a.ancestorRef.sectionName === want.ancestorRef.sectionName,
    )
    const label = `${where} ancestor ${want.ancestorRef.kind ?? 'Gateway'} ${want.ancestorRef.name}${want.ancestorRef.sectionName ? `/${want.ancestorRef.sectionName}` : ''}`
    if (!got) {
      problems.push(`${label}: missing`)
      continue
    }
    if (got.controllerName !== want.controllerName) {
      problems.push(`${label}: expected controllerName ${want.controllerName}, got ${got.controllerName}`)
    }
    const accepted = got.conditions?.find((c) => c.type === 'Accepted')
    if (
      !accepted ||
      (want.accepted.status !== undefined && accepted.status !== want.accepted.status) ||
      (want.accepted.reason !== undefined && accepted.reason !== want.accepted.reason)
    ) {
      problems.push(
        `${label}: expected Accepted=${want.accepted.status}/${want.accepted.reason}, got ${accepted ? `${accepted.status}/${accepted.reason}` : 'absent'}`,
      )
    }
    const overridden = got.conditions?.some((c) => c.type === 'Overridden' && c.status === 'True') ?? false
    if (want.overridden !== undefined && overridden !== want.overridden) {
      problems.push(
        `${label}: expected ${want.overridden ? '' : 'no '}Overridden=True, got ${overridden ? '' : 'none'}`,
      )
    }
  }
  return problems
}

interface EffectiveEntry {
  target: { group: string; kind: string; namespace?: string; name: string; sectionName?: string }
  policies: { group: string; kind: string; namespace: string; name: string }[]
}

/** The run's effectivePolicies as `Kind namespace/name[/section]` → sorted `Kind name`s. */
export function effectiveOf(run: AnalyzeRun): Record<string, string[]> | string {
  let parsed: { effectivePolicies?: unknown }
  try {
    parsed = JSON.parse(run.stdout) as { effectivePolicies?: unknown }
  } catch (error) {
    return `stdout is not JSON (${(error as Error).message})`
  }
  if (!Array.isArray(parsed.effectivePolicies)) return 'no effectivePolicies array beside items'
  const out: Record<string, string[]> = {}
  for (const e of parsed.effectivePolicies as EffectiveEntry[]) {
    const t = e.target
    const key = `${t.kind} ${t.namespace ? `${t.namespace}/` : ''}${t.name}${t.sectionName ? `/${t.sectionName}` : ''}`
    out[key] = e.policies.map((p) => `${p.kind} ${p.name}`).sort()
  }
  return out
}
