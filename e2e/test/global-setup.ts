import type { TestProject } from 'vitest/node'
import { type StartOptions, useCluster } from '../cluster/harness.ts'
import type {} from './provided.ts'

export default async function setup(project: TestProject) {
  const started = Date.now()
  const channel = (process.env.GATEMAP_GATEWAY_CHANNEL ?? 'standard') as StartOptions['channel']
  const cluster = await useCluster({ channel })
  process.stderr.write(
    `gatemap-e2e: ${cluster.owned ? 'started' : 'reusing'} cluster ${cluster.server} ` +
      `(${cluster.state.kubernetesVersion}) in ${Date.now() - started} ms\n`,
  )
  project.provide('gatemapClusterState', cluster.stateFile)
  return async () => {
    await cluster.stop()
  }
}
