// The cluster's state as keys and resourceVersions, to compare a tab's mirror with.
import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node'
import type { Cluster } from '../cluster/harness.ts'

const GROUP = 'gateway.networking.k8s.io'

/** [key, resourceVersion] of the kinds compared. */
export async function listKeys(c: Cluster): Promise<[string, string][]> {
  const api = c.admin.makeApiClient(CustomObjectsApi)
  const out: [string, string][] = []
  const routes = (await api.listClusterCustomObject({
    group: GROUP,
    version: 'v1',
    plural: 'httproutes',
  })) as {
    items: { metadata: { name: string; namespace: string; resourceVersion: string } }[]
  }
  for (const r of routes.items)
    out.push([`HTTPRoute/${r.metadata.namespace}/${r.metadata.name}`, r.metadata.resourceVersion])
  const core = c.admin.makeApiClient(CoreV1Api)
  for (const s of (await core.listServiceForAllNamespaces()).items) {
    out.push([`Service/${s.metadata!.namespace}/${s.metadata!.name}`, s.metadata!.resourceVersion!])
  }
  for (const n of (await core.listNamespace()).items)
    out.push([`Namespace//${n.metadata!.name}`, n.metadata!.resourceVersion!])
  return out
}
