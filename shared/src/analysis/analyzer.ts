// The incremental analysis: follows upserts and removals (a file reload or a watch stream) and
// recomputes only what a change can affect. A route change re-judges that route and moves its
// listener attachments; a Gateway change re-judges the Gateway and the routes aimed at it.
import { GatewayClassCondition, makeCondition } from '../conditions.ts'
import { objectKey } from '../kinds.ts'
import { PolicyAnalysis } from '../policies/analysis.ts'
import type { PolicyKind } from '../policies/kinds.ts'
import { policyTargetRefs } from '../policies/targets.ts'
import { resolveParentRef } from '../refs.ts'
import type {
  GatewayStatus,
  ListenerStatus,
  ParentReference,
  Route,
  RouteGroupKind,
  RouteStatus,
} from '../types/gateway.ts'
import type { Condition, KubeObject } from '../types/meta.ts'
import {
  type GatewayVerdict,
  judgeGateway,
  judgeOrphanListenerSet,
  type ListenerSetVerdict,
} from './gateways.ts'
import { judgeParentRef, type ParentContext, type ParentVerdict, type SectionRef } from './parents.ts'
import { ALL_READABLE, type Unreadable } from './readable.ts'
import { judgeRoute, type RouteVerdict } from './routes.ts'
import { getOrCreate, isRouteKind, list, listenerSetParentKey, nsName, ObjectStore } from './store.ts'
import type { ListenerVerdict } from './verdicts.ts'

/** The controllerName written for parents no real controller owns (missing parent or class). */
export const GATEMAP_CONTROLLER = 'gatemap.dev/analysis'

export interface AnalyzerOptions {
  /** What the source (or, in bearer mode, the person) may not read: references into it are not judged. */
  unreadable?: Unreadable
  /**
   * Offline inputs (a folder, a repository) often hold routes and Gateways but not the platform
   * team's GatewayClass: take a named class that is absent as existing and accepted, and say so.
   * Off for a cluster, where an absent class really is absent.
   */
  assumeAbsentGatewayClasses?: boolean
  /** Policy kinds read from CRDs carrying the policy label (the implementations' kinds need none). */
  policyKinds?: readonly PolicyKind[]
  /**
   * Keep each route's checks with its verdict instead of judging the reference again when read.
   * For a one-off reader that reads most of them once (the CLI's text report): judging every
   * rejected reference again cost it 1.3 s at 10,000 routes, and it keeps the findings anyway.
   */
  keepExplanations?: boolean
}

export function sectionId(s: SectionRef): string {
  return `${s.owner.kind}/${s.owner.namespace ?? ''}/${s.owner.name}#${s.section}`
}

const grantDep = (namespace: string) => `ReferenceGrants/${namespace}`
/**
 * A route whose parentRef names a Gateway or ListenerSet that does not exist depends on which ones
 * do: its "Did you mean …?" is worded from their names.
 */
const namesDep = (kind: string) => `${kind}Names`
const NAMED_PARENTS = new Set(['Gateway', 'ListenerSet'])

export class Analyzer {
  readonly store: ObjectStore
  private readonly unreadable: Unreadable
  private readonly assumeAbsentGatewayClasses: boolean
  private readonly gatewayVerdicts = new Map<string, GatewayVerdict>()
  private readonly listenerSetVerdicts = new Map<string, ListenerSetVerdict>()
  private readonly routeVerdicts = new Map<string, RouteVerdict>()
  private readonly listenerIndex = new Map<string, ListenerVerdict>()
  private readonly dirtyGateways = new Set<string>()
  private readonly dirtyListenerSets = new Set<string>()
  private readonly dirtyRoutes = new Set<string>()
  /** dependency key -> routes whose verdict reads it */
  private readonly dependents = new Map<string, Set<string>>()
  private readonly dependenciesOf = new Map<string, string[]>()
  /** section id -> routes accepted there */
  private readonly attachments = new Map<string, Set<string>>()
  private readonly attachmentsOf = new Map<string, string[]>()
  /** section id -> routes aimed there but not Accepted (a trace lists them as excluded) */
  private readonly aimed = new Map<string, Set<string>>()
  private readonly aimedOf = new Map<string, string[]>()
  private readonly ctx: ParentContext
  private readonly keepExplanations: boolean

  constructor(options: AnalyzerOptions = {}) {
    this.unreadable = options.unreadable ?? ALL_READABLE
    this.store = new ObjectStore(this.unreadable)
    this.assumeAbsentGatewayClasses = options.assumeAbsentGatewayClasses ?? false
    this.keepExplanations = options.keepExplanations ?? false
    for (const k of options.policyKinds ?? []) this.store.policyKinds.set(k.kind, k)
    this.ctx = {
      store: this.store,
      gateway: (key) => this.gatewayVerdicts.get(key),
      listenerSet: (key) => this.listenerSetVerdicts.get(key),
    }
  }

  /** Judged on first use after a change; policies read every other kind, so any change drops it. */
  private policyAnalysis: PolicyAnalysis | undefined

  private changes = 0
  /** Grows with every upsert and remove: lets a reader keep an index of the analysed world until it changes. */
  get revision(): number {
    return this.changes
  }

  upsert(object: KubeObject): void {
    this.changes++
    this.policyAnalysis = undefined
    const { kind, metadata } = object
    if (kind === 'ListenerSet') this.touchListenerSet(metadata.namespace, metadata.name)
    if (NAMED_PARENTS.has(kind) && !this.store.find(kind, metadata.namespace, metadata.name))
      this.markDependents(namesDep(kind))
    if (!this.store.upsert(object)) return
    this.touch(object.kind, object.metadata.namespace, object.metadata.name)
  }

  remove(kind: string, namespace: string | undefined, name: string): void {
    this.changes++
    this.policyAnalysis = undefined
    if (kind === 'ListenerSet') this.touchListenerSet(namespace, name)
    if (!this.store.remove(kind, namespace, name)) return
    if (NAMED_PARENTS.has(kind)) this.markDependents(namesDep(kind))
    this.touch(kind, namespace, name)
  }

  /** Marks what a change to this object can affect. */
  private touch(kind: string, namespace: string | undefined, name: string) {
    const key = nsName(namespace, name)
    switch (kind) {
      case 'Gateway':
        this.dirtyGateways.add(key)
        break
      case 'ListenerSet':
        this.touchListenerSet(namespace, name)
        break
      case 'GatewayClass':
        for (const [k, g] of this.store.gateways)
          if (g.spec?.gatewayClassName === name) this.dirtyGateways.add(k)
        break
      case 'Secret':
      case 'ConfigMap':
        // Few Gateways, many Secrets: re-judging every Gateway is cheaper than indexing certificateRefs.
        for (const k of this.store.gateways.keys()) this.dirtyGateways.add(k)
        // Routes whose backend's BackendTLSPolicy names it as a CA certificate.
        this.markDependents(objectKey(kind, namespace, name))
        break
      case 'BackendTLSPolicy': {
        // The routes it was in force for, and those sending to the Services it targets now.
        this.markDependents(objectKey(kind, namespace, name))
        const policy = this.store.backendTLSPolicies.get(nsName(namespace, name))
        for (const { target } of policy ? policyTargetRefs(policy) : [])
          if (target.group === '' && target.kind === 'Service')
            this.markDependents(objectKey('Service', target.namespace, target.name))
        break
      }
      case 'ReferenceGrant':
        for (const k of this.store.gateways.keys()) this.dirtyGateways.add(k)
        this.markDependents(grantDep(namespace ?? ''))
        break
      case 'Namespace':
        for (const k of this.store.listenerSetsByParent.keys()) this.dirtyGateways.add(k)
        this.markDependents(objectKey('Namespace', undefined, name))
        break
      case 'Service':
        this.markDependents(objectKey('Service', namespace, name))
        break
      default:
        if (isRouteKind(kind)) this.dirtyRoutes.add(objectKey(kind, namespace, name))
    }
  }

  private touchListenerSet(namespace: string | undefined, name: string) {
    const key = nsName(namespace, name)
    const existing = this.store.listenerSets.get(key)
    if (existing) this.dirtyGateways.add(listenerSetParentKey(existing))
    this.dirtyListenerSets.add(key)
    this.markDependents(objectKey('ListenerSet', namespace, name))
  }

  private markDependents(dep: string) {
    const routes = this.dependents.get(dep)
    if (routes) for (const r of routes) this.dirtyRoutes.add(r)
  }

  /** What recent refreshes re-judged, oldest first: lets a reader update its index (routing/rule-index.ts). */
  private readonly rejudged: { revision: number; routes: string[]; others: boolean }[] = []
  /** Refreshes that ran at this revision or before have left the log. */
  private rejudgedFloor = 0

  /**
   * The routes re-judged (verdict replaced or dropped) by the refreshes since a reader read the
   * verdicts refreshed at `revision`; undefined when a Gateway or ListenerSet was re-judged too
   * (listeners may differ) or the log no longer reaches back that far.
   */
  rejudgedSince(revision: number): ReadonlySet<string> | undefined {
    if (revision < this.rejudgedFloor) return undefined
    const out = new Set<string>()
    for (const r of this.rejudged) {
      if (r.revision <= revision) continue
      if (r.others) return undefined
      for (const key of r.routes) out.add(key)
    }
    return out
  }

  /** Brings every verdict up to date. Cheap when little changed. */
  refresh(): void {
    const others = this.dirtyGateways.size + this.dirtyListenerSets.size > 0
    for (const key of this.dirtyGateways) this.guarded(`Gateway/${key}`, () => this.refreshGateway(key))
    this.dirtyGateways.clear()
    for (const key of this.dirtyListenerSets) {
      this.guarded(`ListenerSet/${key}`, () => this.refreshListenerSet(key))
    }
    this.dirtyListenerSets.clear()
    if (others || this.dirtyRoutes.size > 0) {
      this.rejudged.push({ revision: this.changes, routes: [...this.dirtyRoutes], others })
      if (this.rejudged.length > 32) this.rejudgedFloor = this.rejudged.shift()!.revision
    }
    for (const key of this.dirtyRoutes) this.guarded(key, () => this.refreshRoute(key))
    this.dirtyRoutes.clear()
  }

  /**
   * Objects the analysis could not judge (a shape no schema allowed, e.g. `parentRefs: [null]` in a
   * file no API server checked), by `Kind/namespace/name`, with the error. One such object must not
   * stop the analysis of the others.
   */
  readonly failures = new Map<string, string>()

  private guarded(key: string, work: () => void): void {
    try {
      work()
      this.failures.delete(key)
    } catch (error) {
      this.failures.set(key, (error as Error).message ?? String(error))
    }
  }

  private refreshGateway(key: string) {
    const old = this.gatewayVerdicts.get(key)
    if (old) {
      for (const l of old.listeners) this.listenerIndex.delete(sectionId({ owner: l.owner, section: l.name }))
      for (const s of old.listenerSets) this.dirtyListenerSets.add(s.key)
    }
    const gateway = this.store.gateways.get(key)
    const [namespace, name] = splitKey(key)
    this.markDependents(objectKey('Gateway', namespace, name))
    if (!gateway) {
      this.gatewayVerdicts.delete(key)
      return
    }
    const verdict = judgeGateway(this.store, gateway, {
      unreadable: this.unreadable,
      assumeAbsentGatewayClasses: this.assumeAbsentGatewayClasses,
    })
    this.gatewayVerdicts.set(key, verdict)
    this.indexListeners(verdict.listeners)
    for (const set of verdict.listenerSets) {
      this.setListenerSetVerdict(set)
      this.dirtyListenerSets.delete(set.key)
    }
  }

  private refreshListenerSet(key: string) {
    const set = this.store.listenerSets.get(key)
    const [namespace, name] = splitKey(key)
    this.markDependents(objectKey('ListenerSet', namespace, name))
    if (!set) {
      this.dropListenerSetVerdict(key)
      return
    }
    const parent = this.gatewayVerdicts.get(listenerSetParentKey(set))
    const fromParent = parent?.listenerSets.find((s) => s.key === key)
    this.setListenerSetVerdict(fromParent ?? judgeOrphanListenerSet(this.store, set))
  }

  private setListenerSetVerdict(verdict: ListenerSetVerdict) {
    this.dropListenerSetVerdict(verdict.key)
    this.listenerSetVerdicts.set(verdict.key, verdict)
    this.indexListeners(verdict.listeners)
  }

  private dropListenerSetVerdict(key: string) {
    const old = this.listenerSetVerdicts.get(key)
    if (!old) return
    for (const l of old.listeners) this.listenerIndex.delete(sectionId({ owner: l.owner, section: l.name }))
    this.listenerSetVerdicts.delete(key)
  }

  private indexListeners(listeners: ListenerVerdict[]) {
    for (const l of listeners) {
      const id = sectionId({ owner: l.owner, section: l.name })
      l.attachedRoutes = this.attachments.get(id)?.size ?? 0
      this.listenerIndex.set(id, l)
    }
  }

  private refreshRoute(key: string) {
    this.unlinkRoute(key)
    const route = this.store.routes.get(key)
    if (!route) {
      this.routeVerdicts.delete(key)
      return
    }
    const verdict = judgeRoute(this.ctx, route, key, this.keepExplanations)
    this.routeVerdicts.set(key, verdict)
    const namespace = route.metadata.namespace ?? ''
    const deps = new Set<string>([objectKey('Namespace', undefined, namespace)])
    for (const ref of list<ParentReference>(route.spec?.parentRefs)) {
      const p = resolveParentRef(ref, namespace)
      deps.add(objectKey(p.kind, p.namespace, p.name))
      if (NAMED_PARENTS.has(p.kind) && !this.store.find(p.kind, p.namespace, p.name))
        deps.add(namesDep(p.kind))
    }
    for (const b of verdict.backends) {
      deps.add(objectKey(b.ref.kind, b.ref.namespace, b.ref.name))
      if (b.ref.namespace !== namespace) deps.add(grantDep(b.ref.namespace))
      if (b.backendTLSPolicy) {
        const { namespace: ns = '', name } = b.backendTLSPolicy
        deps.add(objectKey('BackendTLSPolicy', ns, name))
        const policy = this.store.backendTLSPolicies.get(nsName(ns, name))
        for (const ca of list<{ kind?: string; name?: string }>(policy?.spec?.validation?.caCertificateRefs))
          if (ca?.name) deps.add(objectKey(ca.kind ?? 'ConfigMap', ns, ca.name))
      }
    }
    const depList = [...deps]
    this.dependenciesOf.set(key, depList)
    for (const d of depList) {
      getOrCreate(this.dependents, d, () => new Set<string>()).add(key)
    }
    const sections = new Set<string>()
    for (const p of verdict.parents) for (const s of p.attached) sections.add(sectionId(s))
    const sectionList = [...sections]
    this.attachmentsOf.set(key, sectionList)
    const aimedList = [
      ...new Set(
        verdict.parents.filter((p) => p.accepted.status !== 'True').flatMap((p) => p.intended.map(sectionId)),
      ),
    ]
    this.aimedOf.set(key, aimedList)
    for (const id of aimedList) getOrCreate(this.aimed, id, () => new Set<string>()).add(key)
    for (const id of sectionList) {
      const set = getOrCreate(this.attachments, id, () => new Set<string>())
      set.add(key)
      const listener = this.listenerIndex.get(id)
      if (listener) listener.attachedRoutes = set.size
    }
  }

  private unlinkRoute(key: string) {
    for (const d of this.dependenciesOf.get(key) ?? []) this.dependents.get(d)?.delete(key)
    this.dependenciesOf.delete(key)
    for (const id of this.attachmentsOf.get(key) ?? []) {
      const set = this.attachments.get(id)
      set?.delete(key)
      const listener = this.listenerIndex.get(id)
      if (listener) listener.attachedRoutes = set?.size ?? 0
    }
    this.attachmentsOf.delete(key)
    for (const id of this.aimedOf.get(key) ?? []) this.aimed.get(id)?.delete(key)
    this.aimedOf.delete(key)
  }

  get gateways(): Iterable<GatewayVerdict> {
    return this.gatewayVerdicts.values()
  }
  get listenerSets(): Iterable<ListenerSetVerdict> {
    return this.listenerSetVerdicts.values()
  }
  get routes(): Iterable<RouteVerdict> {
    return this.routeVerdicts.values()
  }
  gateway(namespace: string, name: string): GatewayVerdict | undefined {
    return this.gatewayVerdicts.get(nsName(namespace, name))
  }
  listenerSet(namespace: string, name: string): ListenerSetVerdict | undefined {
    return this.listenerSetVerdicts.get(nsName(namespace, name))
  }
  route(kind: string, namespace: string, name: string): RouteVerdict | undefined {
    return this.routeVerdicts.get(objectKey(kind, namespace, name))
  }
  /** How `route` would fare with `parentRef` as its only parent (the editors' picker); stores nothing. */
  judgeCandidate(route: Route, parentRef: ParentReference): ParentVerdict {
    this.refresh()
    const probe = { ...route, spec: { ...route.spec, parentRefs: [parentRef] } } as Route
    return judgeParentRef(this.ctx, probe, 0)
  }

  /** Routes aimed at a listener (or mesh Service port) whose parentRef is not Accepted there. */
  rejectedAt(section: SectionRef): string[] {
    return [...(this.aimed.get(sectionId(section)) ?? [])]
  }

  /** Routes accepted on a listener (or mesh Service port). */
  attachedTo(section: SectionRef): string[] {
    return [...(this.attachments.get(sectionId(section)) ?? [])]
  }

  /** Every policy's targets, ancestors and effective settings (GEP-713 policy attachment). */
  policies(): PolicyAnalysis {
    this.refresh()
    this.policyAnalysis ??= new PolicyAnalysis(this, (owner, section) => this.attachedTo({ owner, section }))
    return this.policyAnalysis
  }

  /** The status a conformant controller would write, in the Gateway API's own shape. */
  statusOf(kind: string, namespace: string | undefined, name: string): unknown {
    const key = nsName(namespace, name)
    const policy = this.policies().statusOf(kind, namespace, name)
    if (policy) return policy
    switch (kind) {
      case 'GatewayClass': {
        const gc = this.store.gatewayClasses.get(name)
        if (!gc) return undefined
        const generation = gc.metadata.generation
        const conditions: Condition[] = [
          makeCondition(
            GatewayClassCondition.Accepted,
            'True',
            'Accepted',
            'Gatemap stands in for this class controller offline.',
            generation,
          ),
          makeCondition(
            GatewayClassCondition.SupportedVersion,
            'True',
            'SupportedVersion',
            'Gateway API v1.6.',
            generation,
          ),
        ]
        return { conditions }
      }
      case 'Gateway': {
        const v = this.gatewayVerdicts.get(key)
        if (!v) return undefined
        // No controller reconciles it: the CRD's default status, which has no listeners.
        if (v.unreconciled) return { conditions: v.conditions }
        const status: GatewayStatus = {
          conditions: v.conditions,
          listeners: v.listeners.map(listenerStatus),
          attachedListenerSets: v.listenerSets.filter((s) => s.conditions[0]?.status === 'True').length,
        }
        return status
      }
      case 'ListenerSet': {
        const v = this.listenerSetVerdicts.get(key)
        if (v?.unreconciled) return { conditions: v.conditions }
        return v ? { conditions: v.conditions, listeners: v.listeners.map(listenerStatus) } : undefined
      }
      default: {
        const v = this.routeVerdicts.get(objectKey(kind, namespace, name))
        if (!v) return undefined
        const status: RouteStatus = {
          parents: v.parents.map((p) => ({
            parentRef: p.parentRef,
            controllerName: p.controllerName ?? GATEMAP_CONTROLLER,
            conditions: p.conditions,
          })),
        }
        return status
      }
    }
  }
}

function listenerStatus(l: ListenerVerdict): ListenerStatus {
  return {
    name: l.name,
    supportedKinds: l.supportedKinds.map((k): RouteGroupKind => ({ group: k.group ?? '', kind: k.kind })),
    attachedRoutes: l.attachedRoutes,
    conditions: l.conditions,
  }
}

function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/')
  return [key.slice(0, slash), key.slice(slash + 1)]
}

/** Analyzes a set of objects once. */
export function analyze(objects: Iterable<KubeObject>, options: AnalyzerOptions = {}): Analyzer {
  const analyzer = new Analyzer(options)
  for (const object of objects) analyzer.upsert(object)
  analyzer.refresh()
  return analyzer
}
