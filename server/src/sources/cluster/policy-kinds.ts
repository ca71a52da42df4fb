// Which policy kinds (GEP-713 policy attachment) the cluster serves: the implementations' kinds Gatemap
// knows (looked up in discovery, so they are found without the right to read CRDs) and any kind whose
// CRD carries the `gateway.networking.k8s.io/policy` label (seen on the CRD watch, so one installed
// while Gatemap runs is picked up at once).
import {
  GATEWAY_GROUP,
  KNOWN_POLICY_KINDS,
  knownPolicyKind,
  type PolicyCrd,
  type PolicyKind,
  policyKindOfCrd,
  type WireObject,
} from '@gatemap/shared'
import type { Discovery, ResourceInfo } from './discovery.ts'
import type { WatcherSink } from './watcher.ts'

/** The CRD watch's view of policy CRDs (known or labelled); `changed` runs when the set changes. */
export class PolicyCrdSink implements WatcherSink {
  private readonly byName = new Map<string, PolicyKind & { established: boolean }>()
  private readonly changed: () => void

  constructor(changed: () => void) {
    this.changed = changed
  }

  /** Labelled kinds the known table does not already hold. */
  kinds(): PolicyKind[] {
    return [...this.byName.values()].filter((k) => !knownPolicyKind(k.group, k.kind))
  }

  /** Every policy kind whose CRD is established, known ones included. */
  established(): PolicyKind[] {
    return [...this.byName.values()].filter((k) => k.established)
  }

  replace(objects: WireObject[]): void {
    const before = this.signature()
    this.byName.clear()
    for (const object of objects) this.take(object)
    if (this.signature() !== before) this.changed()
  }

  upsert(object: WireObject): void {
    const before = this.signature()
    this.byName.delete(object.metadata.name)
    this.take(object)
    if (this.signature() !== before) this.changed()
  }

  remove(object: WireObject): void {
    if (this.byName.delete(object.metadata.name)) this.changed()
  }

  private take(object: WireObject): void {
    // Known kinds count too: their CRD arriving is what makes discovery worth asking again.
    const kind = policyKindOfCrd(object as PolicyCrd)
    if (kind) this.byName.set(object.metadata.name, { ...kind, established: isEstablished(object) })
  }

  private signature(): string {
    return [...this.byName.values()]
      .map((k) => `${k.group}/${k.kind}:${k.attachment}:${k.versions.join(',')}:${k.established}`)
      .sort()
      .join(' ')
  }
}

function isEstablished(crd: WireObject): boolean {
  const conditions = (crd.status as { conditions?: { type?: string; status?: string }[] } | undefined)
    ?.conditions
  return conditions?.some((c) => c.type === 'Established' && c.status === 'True') ?? false
}

/** Both sinks see every CRD event. */
export function bothSinks(a: WatcherSink, b: WatcherSink): WatcherSink {
  return {
    replace: (objects) => {
      a.replace(objects)
      b.replace(objects)
    },
    upsert: (object) => {
      a.upsert(object)
      b.upsert(object)
    },
    remove: (object) => {
      a.remove(object)
      b.remove(object)
    },
  }
}

/** One of the implementations' kinds Gatemap knows (not only labelled on a CRD it has seen). */
export function isKnownPolicyKind(kind: { group: string; kind: string }): boolean {
  return knownPolicyKind(kind.group, kind.kind) !== undefined
}

/** The policy kinds to look for: the known ones (BackendTLSPolicy is watched with the Gateway API kinds) and the labelled ones. */
export function policyKindsToWatch(labelled: readonly PolicyKind[]): PolicyKind[] {
  const known = KNOWN_POLICY_KINDS.filter((k) => k.group !== GATEWAY_GROUP)
  return [...known, ...labelled]
}

/**
 * For each policy kind, the served resource to watch: the first of its versions (newest first, a
 * labelled CRD's storage version first) that discovery lists. Kinds missing from the map are not
 * installed. Errors propagate.
 */
export async function servedPolicyKinds(
  discovery: Discovery,
  kinds: readonly PolicyKind[],
): Promise<Map<string, ResourceInfo>> {
  const groups = await discovery.servedGroups()
  const out = new Map<string, ResourceInfo>()
  for (const kind of kinds) {
    const served = groups.get(kind.group)
    if (!served) continue
    for (const version of kind.versions) {
      if (!served.includes(version)) continue
      const resource = await discovery.resource(`${kind.group}/${version}`, kind.kind)
      if (resource) {
        out.set(`${kind.group}/${kind.kind}`, resource)
        break
      }
    }
  }
  return out
}
