// One read of a live cluster for `gatemap analyze --context`: the same ClusterSource `serve` uses,
// started read-only, waited for until every kind is listed (or known to be forbidden, not served or
// failing), then stopped. Only imported when a cluster is asked for, so plain `analyze` starts fast.
import type { KindState, KubeObject } from '@gatemap/shared'
import { CrdRegistry } from '../crds/registry.ts'
import { ClusterSource, loadKubeConfig, probeCluster } from '../sources/cluster/index.ts'
import { ResourceStore } from '../store/resource-store.ts'

export interface ClusterReadOptions {
  kubeconfig?: string
  context?: string
  /** Bounds the first answer and the whole listing. */
  timeoutMs: number
  env?: NodeJS.ProcessEnv
}

export interface ClusterRead {
  context: string
  server: string
  version?: string
  objects: KubeObject[]
  kinds: KindState[]
  /** The Gateway API CRDs the cluster serves: what its API server checks objects against. */
  crds: CrdRegistry
}

/** A cluster that cannot be read at all: the message says which and why. */
export class ClusterReadError extends Error {}

export async function readCluster(options: ClusterReadOptions): Promise<ClusterRead> {
  const kubeOptions = {
    ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
    ...(options.context ? { context: options.context } : {}),
    env: options.env ?? process.env,
  }
  let loaded: ReturnType<typeof loadKubeConfig>
  try {
    loaded = loadKubeConfig(kubeOptions)
  } catch (error) {
    throw new ClusterReadError((error as Error).message)
  }
  const seconds = `${options.timeoutMs / 1000} s`
  const probe = await probeCluster({ ...kubeOptions, timeoutMs: options.timeoutMs })
  const server = probe.server ?? loaded.kc.getCurrentCluster()?.server ?? 'unknown'
  if (!probe.reachable) {
    throw new ClusterReadError(
      `the API server of context ${loaded.context} (${server}) did not answer within ${seconds}: ${probe.error}`,
    )
  }
  const store = new ResourceStore()
  const crds = new CrdRegistry()
  const source = new ClusterSource({ loaded, store, crds, readOnly: true })
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), options.timeoutMs)
  })
  try {
    const outcome = await Promise.race([source.start().then(() => 'listed' as const), timedOut])
    if (outcome === 'timeout') {
      const pending = store
        .kindStates()
        .filter((k) => k.state === 'pending')
        .map((k) => k.kind)
      throw new ClusterReadError(
        `listing the cluster of context ${loaded.context} (${server}) took longer than ${seconds}${pending.length ? `; still waiting for ${pending.join(', ')}` : ''}`,
      )
    }
    return {
      context: loaded.context,
      server,
      ...(probe.version ? { version: probe.version } : {}),
      objects: [...store.all()].map((entry) => entry.object as KubeObject),
      kinds: store.kindStates(),
      crds,
    }
  } finally {
    clearTimeout(timer)
    await source.stop()
  }
}
