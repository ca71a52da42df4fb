// Helpers for the cluster-source tests: a ClusterSource on a KubeConfig, waiting on store
// conditions (woken by store events, no fixed sleeps), and the cluster's own view for comparison.

import { type KindState, KNOWN_KINDS, type WireObject } from '@gatemap/shared'
import type { KubeConfig } from '@kubernetes/client-node'
import { CrdRegistry } from '../../../server/src/crds/registry.ts'
import { ClusterSource } from '../../../server/src/sources/cluster/cluster-source.ts'
import { coreResource, Discovery } from '../../../server/src/sources/cluster/discovery.ts'
import { KubeHttp } from '../../../server/src/sources/cluster/http.ts'
import type { WatcherTuning } from '../../../server/src/sources/cluster/watcher.ts'
import { ResourceStore } from '../../../server/src/store/resource-store.ts'

export const GATEWAY = 'gateway.networking.k8s.io'

export const FAST: WatcherTuning = {
  backoff: { initialMs: 200, maxMs: 2000 },
  forbiddenRetryMs: 1000,
}

export function makeSource(kc: KubeConfig, tuning: WatcherTuning = FAST, name = 'test') {
  const store = new ResourceStore()
  const crds = new CrdRegistry()
  const source = new ClusterSource({
    store,
    crds,
    loaded: { kc, context: name, from: [] },
    tuning,
    rediscoverMs: 2000,
  })
  return { store, crds, source }
}

/** Resolves once `check` returns a value other than undefined/false; re-checked on every store event. */
export function until<T>(
  store: ResourceStore,
  check: () => T | undefined | false,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const first = check()
    if (first !== undefined && first !== false) return resolve(first)
    let unsubscribe = () => {}
    // A periodic re-check as well: some conditions (metrics, CRD registry) change without a store event.
    const poll = setInterval(test, 200)
    const timer = setTimeout(() => {
      unsubscribe()
      clearInterval(poll)
      reject(new Error(`timed out waiting for ${what}`))
    }, timeoutMs)
    function test() {
      const value = check()
      if (value === undefined || value === false) return
      unsubscribe()
      clearInterval(poll)
      clearTimeout(timer)
      resolve(value)
    }
    unsubscribe = store.subscribe(test)
  })
}

export function kindState(store: ResourceStore, kind: string, group = GATEWAY): KindState | undefined {
  return store.kindStates().find((s) => s.kind === kind && s.group === group)
}

/** `Kind/ns/name@resourceVersion` for every object of the known kinds the store holds. */
export function storeView(store: ResourceStore): string[] {
  return [...store.all()]
    .map(
      ({ object }) =>
        `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}@${object.metadata.resourceVersion}`,
    )
    .sort()
}

/** The same view from the cluster itself: every known kind listed fresh. */
export async function clusterView(kc: KubeConfig): Promise<string[]> {
  const http = new KubeHttp(kc)
  const discovery = new Discovery(http)
  const gateway = await discovery.gatewayKinds()
  const view: string[] = []
  for (const info of KNOWN_KINDS) {
    const resource = info.group === '' ? coreResource(info.kind) : gateway.get(info.kind)
    if (!resource) continue
    const base = resource.group ? `/apis/${resource.group}/${resource.version}` : '/api/v1'
    const { body } = await http.request('GET', `${base}/${resource.plural}`)
    for (const item of (body as { items: WireObject[] }).items) {
      view.push(
        `${info.kind}/${item.metadata.namespace ?? ''}/${item.metadata.name}@${item.metadata.resourceVersion}`,
      )
    }
  }
  return view.sort()
}

export function httpRoute(namespace: string, name: string, spec: Record<string, unknown> = {}): WireObject {
  return { apiVersion: `${GATEWAY}/v1`, kind: 'HTTPRoute', metadata: { name, namespace }, spec }
}
