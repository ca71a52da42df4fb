// ReferenceGrant: may an object in one namespace refer to an object in another?
import { groupKind } from '../refs.ts'
import { GATEWAY_GROUP, type ReferenceGrant } from '../types/gateway.ts'
import { hiddenReason } from './readable.ts'
import type { ObjectStore } from './store.ts'
import { list } from './store.ts'
import type { Check, FieldRef } from './verdicts.ts'

export interface GrantQuery {
  from: { group: string; kind: string; namespace: string }
  to: { group: string; kind: string; namespace: string; name: string }
}

export interface GrantDecision {
  permitted: boolean
  /** Same namespace: no grant is needed. */
  sameNamespace: boolean
  grant?: ReferenceGrant
  /** For a denied reference: grants in the target namespace that came close, and what was wrong with each. */
  nearMisses: { grant: ReferenceGrant; mismatch: string }[]
  /**
   * Why the grants of the target namespace cannot be read, when none that can be read permits the
   * reference: then it is not known to be denied.
   */
  hidden?: string
}

export function checkReferenceGrant(store: ObjectStore, query: GrantQuery): GrantDecision {
  if (query.from.namespace === query.to.namespace)
    return { permitted: true, sameNamespace: true, nearMisses: [] }
  const grants = store.referenceGrants.get(query.to.namespace)
  const nearMisses: GrantDecision['nearMisses'] = []
  if (grants) {
    for (const grant of grants.values()) {
      const mismatch = grantMismatch(grant, query)
      if (mismatch === undefined) return { permitted: true, sameNamespace: false, grant, nearMisses: [] }
      nearMisses.push({ grant, mismatch })
    }
  }
  const hidden = hiddenReason(store.unreadable, GATEWAY_GROUP, 'ReferenceGrant', query.to.namespace)
  return { permitted: false, sameNamespace: false, nearMisses, ...(hidden ? { hidden } : {}) }
}

/** Undefined when the grant permits the reference; otherwise the first thing that stops it. */
function grantMismatch(grant: ReferenceGrant, { from, to }: GrantQuery): string | undefined {
  const froms = list<ReferenceGrant['spec']['from'][number]>(grant.spec?.from)
  const tos = list<ReferenceGrant['spec']['to'][number]>(grant.spec?.to)
  const fromOk = froms.some(
    (f) => f.group === from.group && f.kind === from.kind && f.namespace === from.namespace,
  )
  if (!fromOk) {
    const seen = froms.map((f) => `${groupKind(f.group, f.kind)} in ${f.namespace}`).join('; ') || 'nothing'
    return `its spec.from allows ${seen}, not ${groupKind(from.group, from.kind)} in ${from.namespace}`
  }
  const toOk = tos.some((t) => t.group === to.group && t.kind === to.kind && (!t.name || t.name === to.name))
  if (!toOk) {
    const seen =
      tos.map((t) => `${groupKind(t.group, t.kind)}${t.name ? ` named ${t.name}` : ''}`).join('; ') ||
      'nothing'
    return `its spec.to allows ${seen}, not ${groupKind(to.group, to.kind)} ${to.name}`
  }
  return undefined
}

/** The check that goes into a verdict's chain for a cross-namespace reference. */
export function grantCheck(decision: GrantDecision, query: GrantQuery, referrer: FieldRef): Check {
  const target = `${groupKind(query.to.group, query.to.kind)} ${query.to.namespace}/${query.to.name}`
  if (decision.sameNamespace) {
    return {
      rule: 'referenceGrant',
      outcome: 'pass',
      message: `${target} is in the same namespace; no ReferenceGrant is needed.`,
      fields: [referrer],
    }
  }
  if (decision.permitted && decision.grant) {
    const g = decision.grant.metadata
    return {
      rule: 'referenceGrant',
      outcome: 'pass',
      message: `ReferenceGrant ${g.namespace}/${g.name} permits ${groupKind(query.from.group, query.from.kind)} in ${query.from.namespace} to refer to ${target}.`,
      fields: [referrer, { object: grantRef(decision.grant), path: 'spec' }],
    }
  }
  if (decision.hidden) {
    return {
      rule: 'referenceGrant',
      outcome: 'warn',
      message: `Cannot check whether a ReferenceGrant in namespace ${query.to.namespace} permits ${groupKind(query.from.group, query.from.kind)} in ${query.from.namespace} to refer to ${target}: ${decision.hidden}.`,
      fields: [referrer],
    }
  }
  const near = decision.nearMisses
    .map(
      (n) =>
        `ReferenceGrant ${n.grant.metadata.namespace}/${n.grant.metadata.name} does not apply: ${n.mismatch}.`,
    )
    .join(' ')
  return {
    rule: 'referenceGrant',
    outcome: 'fail',
    message:
      `The reference crosses from namespace ${query.from.namespace} into ${query.to.namespace}, and no ReferenceGrant in ${query.to.namespace} permits it. ${near}`.trim(),
    fields: [referrer, ...decision.nearMisses.map((n) => ({ object: grantRef(n.grant), path: 'spec' }))],
    fix: `Create a ReferenceGrant in namespace ${query.to.namespace} with from: [{group: "${query.from.group}", kind: ${query.from.kind}, namespace: ${query.from.namespace}}] and to: [{group: "${query.to.group}", kind: ${query.to.kind}, name: ${query.to.name}}].`,
  }
}

function grantRef(grant: ReferenceGrant) {
  return {
    group: GATEWAY_GROUP,
    kind: 'ReferenceGrant',
    namespace: grant.metadata.namespace ?? '',
    name: grant.metadata.name,
  }
}
