// The cluster started by test/global-setup.ts, for use in test files.
import { inject } from 'vitest'
import { type Cluster, connectCluster } from '../cluster/harness.ts'
import type {} from './provided.ts'

export function sharedCluster(): Cluster {
  return connectCluster(inject('gatemapClusterState'))
}
