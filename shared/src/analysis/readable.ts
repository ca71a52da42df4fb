// Core kinds that Gateway API objects refer to and that RBAC may keep from Gatemap: certificates
// (Secrets) and CA bundles or parameters (ConfigMaps). The in-cluster role grants neither by default.
// When a kind is unreadable, "not in the store" means "not known", so references to it are reported
// as "cannot check" instead of being guessed missing.

export const REFERENCED_CORE_KINDS = ['Secret', 'ConfigMap'] as const
export type ReferencedCoreKind = (typeof REFERENCED_CORE_KINDS)[number]
export type Unreadable = ReadonlySet<ReferencedCoreKind>

export const ALL_READABLE: Unreadable = new Set()

/** The referenced core kinds the source reports as forbidden (the wire's kind states). */
export function unreadableKinds(
  states: Iterable<{ group: string; kind: string; state: string }>,
): Set<ReferencedCoreKind> {
  const unreadable = new Set<ReferencedCoreKind>()
  for (const s of states) {
    const kind = REFERENCED_CORE_KINDS.find((k) => k === s.kind)
    if (kind && s.group === '' && s.state === 'forbidden') unreadable.add(kind)
  }
  return unreadable
}

export function sameKinds(a: Unreadable, b: Unreadable): boolean {
  return a.size === b.size && [...a].every((k) => b.has(k))
}

/** Whether an object exists, or undefined when its kind cannot be read. */
export function existence(unreadable: Unreadable, kind: ReferencedCoreKind, has: () => boolean) {
  return unreadable.has(kind) ? undefined : has()
}
