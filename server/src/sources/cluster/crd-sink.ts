// Feeds the CRD watch into the CrdRegistry: only CRDs of one API group and policy CRDs (known or
// labelled kinds, whose schema the editor uses), and only real changes, so a relist after a
// reconnect does not look like every CRD was reinstalled.
import { type PolicyCrd, policyKindOfCrd, type WireObject } from '@gatemap/shared'
import type { Crd, CrdRegistry } from '../../crds/registry.ts'
import type { WatcherSink } from './watcher.ts'

export class CrdSink implements WatcherSink {
  private readonly registry: CrdRegistry
  private readonly group: string
  private readonly changed: () => void

  constructor(registry: CrdRegistry, group: string, changed: () => void) {
    this.registry = registry
    this.group = group
    this.changed = changed
  }

  replace(objects: WireObject[]): void {
    const keep = new Set<string>()
    let changed = false
    for (const object of objects) {
      if (!this.ours(object)) continue
      keep.add(object.metadata.name)
      changed = this.set(object) || changed
    }
    for (const crd of this.registry.all()) {
      if (keep.has(crd.metadata.name)) continue
      this.registry.remove(crd.metadata.name)
      changed = true
    }
    if (changed) this.changed()
  }

  upsert(object: WireObject): void {
    if (this.ours(object) && this.set(object)) this.changed()
  }

  remove(object: WireObject): void {
    if (!this.ours(object)) return
    this.registry.remove(object.metadata.name)
    this.changed()
  }

  private ours(object: WireObject): object is Crd {
    return (
      (object as Partial<Crd>).spec?.group === this.group ||
      policyKindOfCrd(object as PolicyCrd) !== undefined
    )
  }

  private set(crd: Crd): boolean {
    const held = this.registry.all().find((c) => c.metadata.name === crd.metadata.name)
    if (held && held.metadata.resourceVersion === crd.metadata.resourceVersion) return false
    this.registry.set(crd)
    return true
  }
}
