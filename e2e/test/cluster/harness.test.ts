// The harness itself: namespaces, kubeconfig files, state handling.
import { readFileSync } from 'node:fs'
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node'
import { describe, expect, test } from 'vitest'
import { connectCluster, uniqueName } from '../../cluster/harness.ts'
import { sharedCluster } from '../cluster.ts'

const cluster = sharedCluster()

describe('harness', () => {
  test('uniqueNamespace creates distinct, labelled namespaces with DNS-label names', async () => {
    const names = await Promise.all([1, 2, 3].map(() => cluster.uniqueNamespace('Some_Prefix')))
    expect(new Set(names).size).toBe(3)
    const core = cluster.admin.makeApiClient(CoreV1Api)
    for (const name of names) {
      expect(name).toMatch(/^some-prefix-[a-z0-9]+-[0-9a-f]{6}$/)
      const ns = await core.readNamespace({ name })
      expect(ns.metadata?.labels?.['gatemap.dev/e2e']).toBe('true')
      expect(ns.status?.phase).toBe('Active')
    }
    expect(uniqueName('x'.repeat(100)).length).toBeLessThanOrEqual(63)
  })

  test('kubeconfig files point at the server with the right users', () => {
    for (const [file, user] of [
      [cluster.adminKubeconfigPath, cluster.state.adminUser],
      [cluster.restrictedKubeconfigPath, cluster.state.restrictedUser],
    ] as const) {
      const kc = new KubeConfig()
      kc.loadFromString(readFileSync(file, 'utf8'))
      expect(kc.getCurrentCluster()?.server).toBe(cluster.server)
      expect(kc.getCurrentUser()?.name).toBe(user)
    }
    expect(cluster.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
  })

  test('connectCluster refuses a state file that is not there', () => {
    expect(() => connectCluster('/nonexistent/state.json')).toThrow(/not the state file of a ready cluster/)
  })
})
