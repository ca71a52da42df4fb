// Where a finding about a verdict points, and the fix it suggests: the field on the object itself
// of the first failed check (else the first warned one), and that check's fix. A route verdict
// keeps only this of its checks (routes.ts), so the problem list needs no explanation built.
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
