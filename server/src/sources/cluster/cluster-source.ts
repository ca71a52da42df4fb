// The cluster as a Source: discovers which Gateway API kinds are served, runs one list-then-watch
// loop per kind into the ResourceStore (Secrets and ConfigMaps as metadata only), keeps the Gateway
// API CRDs in the CrdRegistry, and starts or stops kind watches as those CRDs come and go.
import { GATEWAY_GROUP, type KindState, kindInfo, type SourceInfo, type WireObject } from '@gatemap/shared'
import type { CrdRegistry } from '../../crds/registry.ts'
import { kindKey, type ResourceStore } from '../../store/resource-store.ts'
import type { EventSubject, EventsReader, EventTarget } from '../events.ts'
import type { Credentials, Identity, Source, SourceStats, Visibility, Writer } from '../source.ts'
import { Backoff } from './backoff.ts'
import { CrdSink } from './crd-sink.ts'
import { CORE_KINDS, coreResource, Discovery, GATEWAY_KINDS, type ResourceInfo } from './discovery.ts'
import { EventWatches } from './events/event-watches.ts'
import { KubeHttp } from './http.ts'
import { selfSubjectReview } from './identity.ts'
import {
  type KubeConfigOptions,
  kubeConfigForBearer,
  type LoadedKubeConfig,
  loadKubeConfig,
} from './kubeconfig.ts'
import { WatchMetrics } from './metrics.ts'
import {
  bothSinks,
  isKnownPolicyKind,
  PolicyCrdSink,
  policyKindsToWatch,
  servedPolicyKinds,
} from './policy-kinds.ts'
import { ScopedKindWatcher, type Watcher } from './scoped-watcher.ts'
import { VisibilityResolver } from './visibility.ts'
import {
  KindWatcher,
  type KindWatcherOptions,
  type WatcherSink,
  type WatcherState,
  type WatcherTuning,
} from './watcher.ts'
import { ClusterWriter } from './writer.ts'

export interface ClusterSourceOptions extends KubeConfigOptions {
  store: ResourceStore
  crds: CrdRegistry
  /** An already loaded kubeconfig (else one is loaded from the kubeconfig options). */
  loaded?: LoadedKubeConfig
  /** Refuse writes (SourceInfo.readOnly). */
  readOnly?: boolean
  /** Backoff, forbidden retry, watch timeout, page size, raw-object hook. */
  tuning?: WatcherTuning
  /** How long a visibility answer is reused (default 30 s). */
  visibilityTtlMs?: number
  /** Rediscovery interval while the CRD watch is not healthy (default 60 s). */
  rediscoverMs?: number
  /**
   * Watch namespaced kinds only in these namespaces (`serve --namespace`), one list and watch per
   * namespace, for people whose rights stop at their namespaces. Cluster-scoped kinds are watched
   * as always.
   */
  namespaces?: readonly string[]
}

const CRD_RESOURCE: ResourceInfo = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  kind: 'CustomResourceDefinition',
  plural: 'customresourcedefinitions',
  namespaced: false,
}
const METADATA_ONLY = new Set(['Secret', 'ConfigMap'])

export class ClusterSource implements Source, EventsReader {
  readonly info: SourceInfo
  readonly metrics = new WatchMetrics()
  private readonly options: ClusterSourceOptions
  private readonly loaded: LoadedKubeConfig
  private readonly http: KubeHttp
  private readonly discovery: Discovery
  private readonly store: ResourceStore
  private readonly watchers = new Map<string, Watcher>()
  private readonly states = new Map<string, { version: string | null } & WatcherState>()
  private readonly settleWaiters = new Set<() => void>()
  private readonly discoveryBackoff = new Backoff({ initialMs: 1000, maxMs: 30_000 })
  private readonly visibilityResolver: VisibilityResolver
  private readonly eventWatches: EventWatches
  private crdWatcher: KindWatcher | undefined
  private crdState: WatcherState = { state: 'pending' }
  private discovering: Promise<void> | undefined
  private rediscoverAgain = false
  private lagRetries = 0
  private rediscoverTimer: NodeJS.Timeout | undefined
  private pollTimer: NodeJS.Timeout | undefined
  private started = false
  private stopped = false

  constructor(options: ClusterSourceOptions) {
    this.options = options
    this.store = options.store
    this.loaded = options.loaded ?? loadKubeConfig(options)
    this.http = new KubeHttp(this.loaded.kc)
    this.discovery = new Discovery(this.http)
    this.info = {
      mode: 'cluster',
      name: this.loaded.context,
      readOnly: options.readOnly === true,
      ...(this.scope ? { namespaces: [...this.scope] } : {}),
    }
    this.visibilityResolver = new VisibilityResolver({
      resources: () => [...this.watchers.values()].map((w) => w.resource),
      namespaces: () => this.namespaces(),
      ...(options.visibilityTtlMs ? { ttlMs: options.visibilityTtlMs } : {}),
    })
    this.eventWatches = new EventWatches({
      httpFor: (credentials) => this.httpFor(credentials),
      metrics: this.metrics,
      ...(options.tuning ? { tuning: options.tuning } : {}),
    })
  }

  async start(): Promise<void> {
    for (const info of [...GATEWAY_KINDS, ...CORE_KINDS])
      this.setState(info.group, info.kind, null, { state: 'pending' })
    for (const info of CORE_KINDS) {
      const resource = coreResource(info.kind)
      if (resource) this.startWatcher(resource)
    }
    this.crdWatcher = new KindWatcher({
      ...this.options.tuning,
      http: this.http,
      resource: CRD_RESOURCE,
      sink: bothSinks(
        new CrdSink(this.options.crds, GATEWAY_GROUP, () => this.scheduleRediscover(200)),
        this.policyCrds,
      ),
      onState: (state) => {
        this.crdState = state
        this.notifySettled()
      },
      metrics: this.metrics,
    })
    this.crdWatcher.start()
    this.pollTimer = setInterval(() => {
      if (this.crdState.state !== 'ok') this.scheduleRediscover(0)
    }, this.options.rediscoverMs ?? 60_000)
    this.pollTimer.unref()
    await this.rediscover()
    await this.settled()
    this.started = true
  }

  ready(): boolean {
    return this.started && !this.stopped
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.rediscoverTimer)
    clearInterval(this.pollTimer)
    const all = [...this.watchers.values(), ...(this.crdWatcher ? [this.crdWatcher] : [])]
    await Promise.all([...all.map((w) => w.stop()), this.eventWatches.stop()])
    await this.discovering
  }

  writer(credentials: Credentials): Writer {
    return new ClusterWriter(
      this.httpFor(credentials),
      (apiVersion, kind) => this.resolveResource(apiVersion, kind),
      this.info.readOnly,
      this.options.crds,
    )
  }

  objectEvents(credentials: Credentials, target: EventTarget, subject: EventSubject) {
    return this.eventWatches.answer(credentials, target, subject)
  }

  stats(): SourceStats {
    const { watchRestarts, relists, events, bookmarks } = this.metrics
    return { watchRestarts, relists, watchEvents: events, watchBookmarks: bookmarks }
  }

  async visibility(credentials: Credentials): Promise<Visibility> {
    const visible = await this.visibilityResolver.visibility(
      this.httpFor(credentials),
      credentials.bearerToken ?? '',
    )
    const scope = this.scope
    if (!scope) return visible
    // Nobody sees beyond the namespaces being watched: a person's view is their rights within them.
    const scoped: Visibility = new Map()
    for (const [key, seen] of visible) {
      const resource = this.watchers.get(key)?.resource
      if (!resource?.namespaced) scoped.set(key, seen)
      else scoped.set(key, new Set(scope.filter((ns) => seen === 'all' || seen.has(ns))))
    }
    return scoped
  }

  /** The namespaces watched, when the watch is scoped. */
  private get scope(): readonly string[] | undefined {
    return this.options.namespaces?.length ? this.options.namespaces : undefined
  }

  identify(credentials: Credentials): Promise<Identity> {
    return selfSubjectReview(this.httpFor(credentials))
  }

  /** The watched resource of a kind, if it is being watched. */
  watched(group: string, kind: string): ResourceInfo | undefined {
    return this.watchers.get(kindKey(group, kind))?.resource
  }

  private httpFor(credentials: Credentials): KubeHttp {
    return credentials.bearerToken
      ? new KubeHttp(kubeConfigForBearer(this.loaded.kc, credentials.bearerToken))
      : this.http
  }

  private async resolveResource(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    for (const watcher of this.watchers.values()) {
      const r = watcher.resource
      if (r.kind === kind && (r.group ? `${r.group}/${r.version}` : r.version) === apiVersion) return r
    }
    return this.discovery.resource(apiVersion, kind)
  }

  /** Runs discovery now, or once more after the run in progress. */
  private rediscover(): Promise<void> {
    if (this.discovering) {
      this.rediscoverAgain = true
      return this.discovering
    }
    this.discovering = (async () => {
      do {
        this.rediscoverAgain = false
        await this.discoverOnce()
      } while (this.rediscoverAgain && !this.stopped)
    })().finally(() => {
      this.discovering = undefined
    })
    return this.discovering
  }

  private scheduleRediscover(delayMs: number): void {
    if (this.stopped) return
    clearTimeout(this.rediscoverTimer)
    this.rediscoverTimer = setTimeout(() => void this.rediscover(), delayMs)
  }

  private async discoverOnce(): Promise<void> {
    if (this.stopped) return
    let served: Map<string, ResourceInfo>
    try {
      served = await this.discovery.gatewayKinds()
    } catch (error) {
      const delay = this.discoveryBackoff.next()
      const retryAt = new Date(Date.now() + delay).toISOString()
      const message = `discovery: ${error instanceof Error ? error.message : String(error)}`
      for (const info of GATEWAY_KINDS) {
        if (!this.watchers.has(kindKey(info.group, info.kind))) {
          this.setState(info.group, info.kind, null, { state: 'failing', message, retryAt })
        }
      }
      this.scheduleRediscover(delay)
      return
    }
    this.discoveryBackoff.reset()
    for (const info of GATEWAY_KINDS) {
      const key = kindKey(info.group, info.kind)
      const resource = served.get(info.kind)
      const current = this.watchers.get(key)
      if (current && (!resource || current.resource.version !== resource.version || !current.running)) {
        this.watchers.delete(key)
        await current.stop()
      }
      if (resource && !this.watchers.has(key)) this.startWatcher(resource)
      if (!resource) {
        this.store.replaceKind(info.group, info.kind, [])
        this.setState(info.group, info.kind, null, { state: 'not-installed' })
      }
    }
    // Discovery trails a freshly established CRD by a moment; ask again until it catches up (a CRD
    // serving only versions Gatemap does not read never catches up, hence the limit).
    const lagging = GATEWAY_KINDS.some((k) => {
      const crd = this.options.crds.forKind(k.group, k.kind)
      return crd !== undefined && isEstablished(crd) && !served.has(k.kind)
    })
    this.lagRetries = lagging ? this.lagRetries + 1 : 0
    if (lagging && this.lagRetries <= 20) this.scheduleRediscover(500)
    await this.discoverPolicyKinds()
  }

  /** Policy CRDs by their label, from the CRD watch; a change asks discovery again. */
  private readonly policyCrds = new PolicyCrdSink(() => this.scheduleRediscover(200))
  /** `group/kind` of the policy kinds looked for last time (a label removed stops its watch). */
  private policyKeys = new Set<string>()
  private policyLagRetries = 0

  /** Watches every served policy kind (known, or labelled on its CRD); the rest are not installed. */
  private async discoverPolicyKinds(): Promise<void> {
    const kinds = policyKindsToWatch(this.policyCrds.kinds())
    let served: Map<string, ResourceInfo>
    try {
      served = await servedPolicyKinds(this.discovery, kinds)
    } catch (error) {
      const message = `discovery: ${error instanceof Error ? error.message : String(error)}`
      for (const k of kinds) {
        const key = kindKey(k.group, k.kind)
        if (this.states.has(key) && !this.watchers.has(key))
          this.setState(k.group, k.kind, null, { state: 'failing', message })
      }
      return
    }
    const keys = new Set(kinds.map((k) => kindKey(k.group, k.kind)))
    for (const key of this.policyKeys) {
      if (keys.has(key)) continue
      const [group = '', kind = ''] = [
        key.slice(0, key.lastIndexOf('/')),
        key.slice(key.lastIndexOf('/') + 1),
      ]
      await this.watchers.get(key)?.stop()
      this.watchers.delete(key)
      this.store.replaceKind(group, kind, [])
      if (this.states.has(key)) this.setState(group, kind, null, { state: 'not-installed' })
    }
    this.policyKeys = keys
    // As for the Gateway API kinds: discovery trails a new CRD by a moment.
    const lagging = this.policyCrds.established().some((k) => !served.has(kindKey(k.group, k.kind)))
    this.policyLagRetries = lagging ? this.policyLagRetries + 1 : 0
    if (lagging && this.policyLagRetries <= 20) this.scheduleRediscover(500)
    for (const k of kinds) {
      const key = kindKey(k.group, k.kind)
      const resource = served.get(key)
      const current = this.watchers.get(key)
      if (current && (!resource || current.resource.version !== resource.version || !current.running)) {
        this.watchers.delete(key)
        await current.stop()
      }
      if (resource && !this.watchers.has(key)) this.startWatcher(resource)
      // A known implementation's kind (kinds.ts) that is not served says so from the start: "not
      // installed", not silence, so a dashboard can tell it from "no policies of this kind". A
      // labelled kind only has a state once seen, and says so when it goes away.
      if (!resource && (this.states.has(key) || isKnownPolicyKind(k))) {
        this.store.replaceKind(k.group, k.kind, [])
        this.setState(k.group, k.kind, null, { state: 'not-installed' })
      }
    }
  }

  private startWatcher(resource: ResourceInfo): void {
    const key = kindKey(resource.group, resource.kind)
    const options: KindWatcherOptions = {
      ...this.options.tuning,
      http: this.http,
      resource,
      metadataOnly: resource.group === '' && METADATA_ONLY.has(resource.kind),
      sink: this.storeSink(resource),
      onState: (state) => {
        if (this.watchers.get(key) !== watcher) return
        this.setState(
          resource.group,
          resource.kind,
          state.state === 'not-installed' ? null : resource.version,
          state,
        )
        // The kind went away under a running watch: let discovery decide what is served now.
        if (state.state === 'not-installed') this.scheduleRediscover(200)
      },
      metrics: this.metrics,
    }
    const scope = this.scope
    const watcher: Watcher =
      scope && resource.namespaced ? new ScopedKindWatcher(options, scope) : new KindWatcher(options)
    this.watchers.set(key, watcher)
    watcher.start()
  }

  private storeSink(resource: ResourceInfo): WatcherSink {
    const { group, kind } = resource
    const recount = () => this.publish(group, kind)
    return {
      replace: (objects: WireObject[]) => {
        this.store.replaceKind(group, kind, objects)
        recount()
      },
      upsert: (object: WireObject) => {
        this.store.upsert(object)
        recount()
      },
      remove: (object: WireObject) => {
        this.store.remove(object.kind, object.metadata.namespace, object.metadata.name)
        recount()
      },
    }
  }

  private setState(group: string, kind: string, version: string | null, state: WatcherState): void {
    this.states.set(kindKey(group, kind), { version, ...state })
    this.publish(group, kind)
    this.notifySettled()
  }

  private publish(group: string, kind: string): void {
    const held = this.states.get(kindKey(group, kind))
    if (!held) return
    const state: KindState = {
      group,
      kind,
      version: held.version,
      state: held.state,
      count: this.store.countOf(group, kind),
    }
    if (held.message) state.message = held.message
    if (held.retryAt) state.retryAt = held.retryAt
    // Out of scope is not absent: the analysis says "cannot check" about other namespaces.
    if (this.scope && kindInfo(group, kind)?.namespaced) state.namespaces = [...this.scope].sort()
    this.store.setKindState(state)
  }

  private isSettled(): boolean {
    if (this.crdState.state === 'pending') return false
    return [...this.states.values()].every((s) => s.state !== 'pending')
  }

  private notifySettled(): void {
    if (!this.isSettled()) return
    for (const resolve of this.settleWaiters) resolve()
    this.settleWaiters.clear()
  }

  private settled(): Promise<void> {
    if (this.isSettled()) return Promise.resolve()
    return new Promise((resolve) => this.settleWaiters.add(resolve))
  }

  private namespaces(): string[] {
    if (this.scope) return [...this.scope]
    const names = new Set<string>()
    for (const entry of this.store.ofKind('', 'Namespace')) names.add(entry.object.metadata.name)
    for (const entry of this.store.all())
      if (entry.object.metadata.namespace) names.add(entry.object.metadata.namespace)
    return [...names].sort()
  }
}

function isEstablished(crd: WireObject): boolean {
  const conditions = (crd.status as { conditions?: { type?: string; status?: string }[] } | undefined)
    ?.conditions
  return conditions?.some((c) => c.type === 'Established' && c.status === 'True') ?? false
}
