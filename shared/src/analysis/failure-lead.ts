// What a route verdict keeps of its checks (routes.ts, backends.ts). Its lead: where a finding about
// it points and the fix it suggests (the field on the object itself of the first failed check, else
// the first warned one, and that check's fix), so the problem list needs no explanation built. And,
// for a reader that asked to keep them, the checks themselves.
import type { Check, ObjectRef } from './verdicts.ts'

export interface FailureLead {
  path?: string
  fix?: string
}

const NO_LEAD: FailureLead = Object.freeze({})

export function failureLead(checks: readonly Check[], object: ObjectRef): FailureLead {
  const failed = checks.find((c) => c.outcome === 'fail') ?? checks.find((c) => c.outcome === 'warn')
  if (!failed) return NO_LEAD
  const path = failed.fields.find((f) => f.object.kind === object.kind && f.object.name === object.name)?.path
  if (!path && !failed.fix) return NO_LEAD
  return { ...(path ? { path } : {}), ...(failed.fix ? { fix: failed.fix } : {}) }
}

/** explain() for a verdict that keeps its checks: a copy each time, as judging again would give. */
export function keptChecks(checks: readonly Check[]): () => Check[] {
  return () => checks.slice()
}
