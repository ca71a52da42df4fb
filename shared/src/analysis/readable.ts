// What the analysis may not read, and so must not judge: kinds RBAC keeps from Gatemap's source
// (Secrets and ConfigMaps, which the in-cluster role does not grant) or, in bearer mode, from the
// person whose view is analysed (kinds they may not list at all, and kinds they may list only in
// some namespaces). For those, "not in the store" means "not known": references into them are
// "cannot check", never "not found", and nothing found by searching them is ever named.
//
// The facts come from the kind states (the wire's `kind-state`: `forbidden`, and `namespaces` for a
// kind visible only in some namespaces), so the browser's worker and the server's analysis of the
// same view agree. This is the one place that answers "may this reference be read?".

export const REFERENCED_CORE_KINDS = ['Secret', 'ConfigMap'] as const
export type ReferencedCoreKind = (typeof REFERENCED_CORE_KINDS)[number]

export interface Unreadable {
  /** `group/kind` (the kind states' key: `/Secret`, `gateway.networking.k8s.io/Gateway`) of kinds not readable anywhere. */
  readonly kinds: ReadonlySet<string>
  /** `group/kind` → the only namespaces in which that kind is readable. */
  readonly onlyIn: ReadonlyMap<string, ReadonlySet<string>>
}

export const ALL_READABLE: Unreadable = { kinds: new Set(), onlyIn: new Map() }

const key = (group: string, kind: string) => `${group}/${kind}`

/** The kinds a source or a person may not read, from the kind states they were sent. */
export function unreadableFrom(
  states: Iterable<{ group: string; kind: string; state: string; namespaces?: readonly string[] }>,
): Unreadable {
  const kinds = new Set<string>()
  const onlyIn = new Map<string, ReadonlySet<string>>()
  for (const s of states) {
    if (s.state === 'forbidden') kinds.add(key(s.group, s.kind))
    else if (s.namespaces) onlyIn.set(key(s.group, s.kind), new Set(s.namespaces))
  }
  return { kinds, onlyIn }
}

export function sameUnreadable(a: Unreadable, b: Unreadable): boolean {
  const sameSet = (x: ReadonlySet<string>, y: ReadonlySet<string> | undefined) =>
    !!y && x.size === y.size && [...x].every((v) => y.has(v))
  return (
    sameSet(a.kinds, b.kinds) &&
    a.onlyIn.size === b.onlyIn.size &&
    [...a.onlyIn].every(([k, namespaces]) => sameSet(namespaces, b.onlyIn.get(k)))
  )
}

/**
 * Why objects of this kind (in this namespace, for a namespaced kind) cannot be read, as the end of
 * a sentence; undefined when they can, so that absence from the store means absence.
 */
export function hiddenReason(
  unreadable: Unreadable,
  group: string,
  kind: string,
  namespace?: string,
): string | undefined {
  const k = key(group, kind)
  if (unreadable.kinds.has(k)) return `no permission to read ${plural(kind)}`
  const only = unreadable.onlyIn.get(k)
  if (only && namespace !== undefined && !only.has(namespace))
    return `${plural(kind)} in namespace ${namespace} are not visible to you`
  return undefined
}

/** GatewayClasses, BackendTLSPolicies, Gateways. */
function plural(kind: string): string {
  if (kind.endsWith('s')) return `${kind}es`
  return /[^aeiou]y$/.test(kind) ? `${kind.slice(0, -1)}ies` : `${kind}s`
}

/** Whether an object exists, or undefined when its kind cannot be read. */
export function existence(unreadable: Unreadable, kind: ReferencedCoreKind, has: () => boolean) {
  return hiddenReason(unreadable, '', kind) ? undefined : has()
}
