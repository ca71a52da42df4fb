// The cluster source's public surface.
export { Backoff, type BackoffOptions } from './backoff.ts'
export { ClusterSource, type ClusterSourceOptions } from './cluster-source.ts'
export { chooseVersion, Discovery, type ResourceInfo } from './discovery.ts'
export { ApiError, KubeHttp } from './http.ts'
export {
  type KubeConfigOptions,
  kubeConfigForBearer,
  type LoadedKubeConfig,
  loadKubeConfig,
  type ProbeResult,
  probeCluster,
  runsInCluster,
} from './kubeconfig.ts'
export { WatchMetrics } from './metrics.ts'
export { METADATA_LIST_ACCEPT, METADATA_WATCH_ACCEPT } from './objects.ts'
export { rulesAllowList, VisibilityResolver } from './visibility.ts'
export type { WatcherTuning } from './watcher.ts'
export { ClusterWriter, FIELD_MANAGER, toWriteError } from './writer.ts'
