// Every policy in the store judged at once: targets (judge.ts), conflicts between policies of one
// kind, the ancestors' expected status beside the controller's (ancestors.ts) and the effective
// policies at each object (effective.ts). Policies are few next to routes, so the whole is
// recomputed after a change rather than followed incrementally.

import type { ObjectRef } from '../analysis/verdicts.ts'
import { objectKey, splitApiVersion } from '../kinds.ts'
import { type BackendTLSPolicy, GATEWAY_GROUP } from '../types/gateway.ts'
import type { KubeObject } from '../types/meta.ts'
import {
  leftoverAncestors,
  type PolicyAncestorStatus,
  type PolicyAncestorVerdict,
  type PolicyWorld,
  policyAncestors,
} from './ancestors.ts'
import { type BackendTLSJudgement, judgeBackendTLS } from './backend-tls.ts'
import { type EffectiveAt, type EffectiveTarget, effectivePolicies } from './effective.ts'
import { judgePolicyTargets, type PolicyVerdictBase, resolveConflicts } from './judge.ts'
import type { PolicyKind } from './kinds.ts'
import { overriddenScopes } from './overridden.ts'

export interface PolicyVerdict extends PolicyVerdictBase {
  ancestors: PolicyAncestorVerdict[]
  /** A BackendTLSPolicy's own judgement: its CA certificates, and whether it can be met at all. */
  backendTLS?: BackendTLSJudgement
  /** Controller-written ancestors no target leads to. */
  leftoverStatus: PolicyAncestorStatus[]
  /** Why the policy has no ancestor to report under (a Service no accepted route uses). */
  noAncestors?: string
}

/** The `effectivePolicies` entries of `gatemap analyze --output json`. */
export interface EffectivePoliciesEntry {
  target: EffectiveTarget
  policies: { group: string; kind: string; namespace: string; name: string }[]
}

/** A Direct kind whose labelled CRD Gatemap has not seen: judged, but targets of any kind. */
const UNLABELLED: Omit<PolicyKind, 'group' | 'kind'> = {
  versions: [],
  attachment: 'Direct',
  merge: 'direct',
  reach: 'gateway',
  sectionName: true,
  conflicts: true,
  implementation: 'a kind with targetRefs whose CRD Gatemap has not read',
}

export class PolicyAnalysis {
  readonly verdicts: PolicyVerdict[]
  private readonly byKey: Map<string, PolicyVerdict>
  private readonly world: PolicyWorld
  private readonly objects: { verdict: PolicyVerdict; object: KubeObject }[]
  private readonly attachedTo: (owner: ObjectRef, section: string) => string[]
  private effectiveCache: EffectiveAt[] | undefined

  constructor(world: PolicyWorld, attachedTo: (owner: ObjectRef, section: string) => string[]) {
    this.world = world
    this.attachedTo = attachedTo
    const { store } = world
    const objects = [...store.policies.values(), ...store.backendTLSPolicies.values()]
    const bases = objects.map((object) => {
      const group = splitApiVersion(object.apiVersion).group
      const info = store.policyKind(group, object.kind) ?? { ...UNLABELLED, group, kind: object.kind }
      const key = objectKey(object.kind, object.metadata.namespace, object.metadata.name)
      return { base: judgePolicyTargets(store, object, info, key), object }
    })
    resolveConflicts(bases.map((b) => b.base))
    const overridden = overriddenScopes(
      world,
      bases.map(({ base, object }) => ({ verdict: base, object })),
    )
    this.objects = bases.map(({ base, object }) => {
      const backendTLS =
        base.info.group === GATEWAY_GROUP && object.kind === 'BackendTLSPolicy'
          ? judgeBackendTLS(store, object as BackendTLSPolicy)
          : undefined
      const ancestors = policyAncestors(world, base, object, backendTLS, overridden.get(base.key))
      const verdict: PolicyVerdict = {
        ...base,
        ancestors,
        leftoverStatus: leftoverAncestors(object, ancestors),
      }
      if (backendTLS) verdict.backendTLS = backendTLS
      if (ancestors.length === 0 && base.targets.length > 0) {
        verdict.noAncestors =
          'No accepted route sends traffic to the target, so no Gateway has this policy in force and no controller reports status for it.'
      }
      return { verdict, object }
    })
    this.verdicts = this.objects.map((o) => o.verdict)
    this.byKey = new Map(this.verdicts.map((v) => [v.key, v]))
  }

  policy(kind: string, namespace: string | undefined, name: string): PolicyVerdict | undefined {
    return this.byKey.get(objectKey(kind, namespace, name))
  }

  /** The `status` a conformant controller would write: `ancestors[]` as `PolicyAncestorStatus`. */
  statusOf(
    kind: string,
    namespace: string | undefined,
    name: string,
  ): { ancestors: PolicyAncestorStatus[] } | undefined {
    const v = this.policy(kind, namespace, name)
    if (!v) return undefined
    return {
      ancestors: v.ancestors.map((a) => ({
        ancestorRef: a.ancestorRef,
        controllerName: a.controllerName,
        conditions: a.conditions,
      })),
    }
  }

  /** Every object (or listener, or route rule) at least one accepted policy takes effect on. */
  effective(): EffectiveAt[] {
    this.effectiveCache ??= effectivePolicies(this.world, this.objects, this.attachedTo)
    return this.effectiveCache
  }

  /** The effective policies at one object or section. */
  effectiveAt(target: EffectiveTarget): EffectiveAt | undefined {
    return this.effective().find(
      (e) =>
        e.target.group === target.group &&
        e.target.kind === target.kind &&
        (e.target.namespace ?? '') === (target.namespace ?? '') &&
        e.target.name === target.name &&
        e.target.sectionName === target.sectionName,
    )
  }

  /** `effectivePolicies` for `gatemap analyze --output json`. */
  effectiveList(): EffectivePoliciesEntry[] {
    return this.effective()
      .filter((e) => e.policies.length > 0)
      .map((e) => ({
        // The Gateway API's field order: group, kind, namespace, name, sectionName.
        target: {
          group: e.target.group,
          kind: e.target.kind,
          ...(e.target.namespace !== undefined ? { namespace: e.target.namespace } : {}),
          name: e.target.name,
          ...(e.target.sectionName !== undefined ? { sectionName: e.target.sectionName } : {}),
        },
        policies: e.policies.map((p) => ({
          group: p.group,
          kind: p.kind,
          namespace: p.namespace ?? '',
          name: p.name,
        })),
      }))
  }
}
