// Judging a reference from one object to another of an expected kind (certificate Secrets, CA
// ConfigMaps, client certificates): right kind, permitted across namespaces, exists. Callers map
// the outcome to the reason their condition uses.
import { groupKind, type ResolvedObjectRef } from '../refs.ts'
import { GATEWAY_GROUP } from '../types/gateway.ts'
import { checkReferenceGrant, grantCheck } from './grants.ts'
import { hiddenReason } from './readable.ts'
import type { ObjectStore } from './store.ts'
import type { Check, FieldRef, ObjectRef } from './verdicts.ts'

export type RefOutcome = 'resolved' | 'wrongKind' | 'notPermitted' | 'notFound' | 'unknown'

export interface RefJudgement {
  outcome: RefOutcome
  checks: Check[]
  message: string
}

export interface RefQuestion {
  /** The referring object and its namespace. */
  from: ObjectRef & { namespace: string }
  field: FieldRef
  /** Already defaulted (refs.ts). */
  target: ResolvedObjectRef
  expect: { group: string; kind: string }
  /** `certificateRefs[0] of listener https`, for messages. */
  label: string
  /** True/false when we can tell; undefined when the kind cannot be read (no permission). */
  exists: (namespace: string, name: string) => boolean | undefined
}

export function judgeObjectRef(store: ObjectStore, q: RefQuestion): RefJudgement {
  const { target, expect, label } = q
  const targetName = `${groupKind(target.group, target.kind)} ${target.namespace}/${target.name}`
  if (target.group !== expect.group || target.kind !== expect.kind) {
    const message = `${label} points at ${targetName}; it must be a ${groupKind(expect.group, expect.kind)}.`
    return {
      outcome: 'wrongKind',
      message,
      checks: [
        {
          rule: 'ref.kind',
          outcome: 'fail',
          message,
          fields: [q.field],
          fix: `Refer to a ${expect.kind} (group "${expect.group}", kind ${expect.kind}).`,
        },
      ],
    }
  }
  const query = {
    from: { group: GATEWAY_GROUP, kind: q.from.kind, namespace: q.from.namespace },
    to: { group: expect.group, kind: expect.kind, namespace: target.namespace, name: target.name },
  }
  const decision = checkReferenceGrant(store, query)
  const grant = grantCheck(decision, query, q.field)
  if (decision.hidden) return { outcome: 'unknown', message: grant.message, checks: [grant] }
  if (!decision.permitted) {
    return {
      outcome: 'notPermitted',
      message: `${label} refers to a ${expect.kind} in namespace ${target.namespace}, and no ReferenceGrant there permits it.`,
      checks: [grant],
    }
  }
  const checks = decision.sameNamespace ? [] : [grant]
  const hidden = hiddenReason(store.unreadable, expect.group, expect.kind, target.namespace)
  const exists = hidden ? undefined : q.exists(target.namespace, target.name)
  if (exists === undefined) {
    const message = `Cannot check ${targetName}: ${hidden ?? `no permission to read ${expect.kind}s`}.`
    checks.push({ rule: 'ref.exists', outcome: 'warn', message, fields: [q.field] })
    return { outcome: 'unknown', message, checks }
  }
  if (!exists) {
    const message = `${label} names ${targetName}, which does not exist.`
    checks.push({
      rule: 'ref.exists',
      outcome: 'fail',
      message,
      fields: [q.field],
      fix: `Create ${targetName}, or fix the name.`,
    })
    return { outcome: 'notFound', message, checks }
  }
  const message = `${targetName} exists.`
  checks.push({ rule: 'ref.exists', outcome: 'pass', message, fields: [q.field] })
  return { outcome: 'resolved', message, checks }
}
