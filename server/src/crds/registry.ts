// The Gateway API CustomResourceDefinitions in force: from the cluster when connected (watched, so a
// CRD installed while running counts at once), from the Gateway API module otherwise. Validation
// reads the schema and CEL rules of the exact version being edited from here. CRDs are kept out of
// the ResourceStore on purpose: they are large and the graph does not draw them.
import type { WireObject } from '@gatemap/shared'

export interface CrdVersion {
  name: string
  served: boolean
  storage: boolean
  schema?: { openAPIV3Schema?: Record<string, unknown> }
}

export interface Crd extends WireObject {
  spec: {
    group: string
    names: { kind: string; plural: string; singular?: string; listKind?: string }
    scope: 'Namespaced' | 'Cluster'
    versions: CrdVersion[]
  }
}

export type CrdListener = (change: { op: 'set' | 'removed'; crd: Crd }) => void

export class CrdRegistry {
  private readonly byName = new Map<string, Crd>()
  private readonly listeners = new Set<CrdListener>()

  set(crd: Crd): void {
    this.byName.set(crd.metadata.name, crd)
    for (const listener of this.listeners) listener({ op: 'set', crd })
  }

  remove(name: string): void {
    const crd = this.byName.get(name)
    if (!crd) return
    this.byName.delete(name)
    for (const listener of this.listeners) listener({ op: 'removed', crd })
  }

  forKind(group: string, kind: string): Crd | undefined {
    for (const crd of this.byName.values()) {
      if (crd.spec.group === group && crd.spec.names.kind === kind) return crd
    }
    return undefined
  }

  all(): Crd[] {
    return [...this.byName.values()]
  }

  subscribe(listener: CrdListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
