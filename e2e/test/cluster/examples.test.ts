// The repository's examples/ are valid against the real Gateway API CRDs: every object is accepted
// by the API server (schema, CEL) and stored. Namespaces are renamed so runs never collide.
import path from 'node:path'
import { type KubernetesObject, KubernetesObjectApi } from '@kubernetes/client-node'
import { beforeAll, describe, expect, test } from 'vitest'
import { applyManifests, type Manifest, readManifests } from '../../cluster/manifests.ts'
import { sharedCluster } from '../cluster.ts'

const cluster = sharedCluster()
const examples = path.join(import.meta.dirname, '../../../examples')
let manifests: Manifest[]
let ns: string

// Implementations' policy kinds (examples/policies) need their own CRDs, which the shared cluster
// does not install (installing them would change what every other test sees); the policies test
// applies examples/policies on a cluster of its own with Envoy Gateway's CRDs.
const OWN_CLUSTER_GROUPS = new Set(['gateway.envoyproxy.io'])
const group = (apiVersion: string | undefined) => (apiVersion?.includes('/') ? apiVersion.split('/')[0] : '')

beforeAll(async () => {
  manifests = (await readManifests(examples)).filter(
    (m) => !OWN_CLUSTER_GROUPS.has(group(m.object.apiVersion)!),
  )
  ns = await cluster.uniqueNamespace('ex')
})

// Objects in examples/ that a real API server refuses to store, as of this writing. A dashboard can
// never see them, so they should be fixed or removed from examples/; then drop them from this list
// (the test fails when the list and reality disagree, in either direction).
//  - Secrets of type kubernetes.io/tls without data: tls.crt and tls.key are required.
//  - broken/10-gateways.yaml Gateway misconfigured: CEL "Combination of port, protocol and hostname
//    must be unique for each listener".
//  - broken/40-routes-rules.yaml: path types "Prefix" and "ImplementationSpecific" are not in the
//    enum; RequestRedirect together with URLRewrite is refused by a CEL rule.
const KNOWN_REJECTED = [
  'backend-tls/backend-tls.yaml: Secret/example-com-tls',
  'broken/10-gateways.yaml: Gateway/misconfigured',
  'broken/10-gateways.yaml: Secret/secure-example-com-tls',
  'broken/10-gateways.yaml: Secret/foreign-example-com-tls',
  'broken/40-routes-rules.yaml: HTTPRoute/ingress-style-path',
  'broken/40-routes-rules.yaml: HTTPRoute/all-rules-unsupported',
  'broken/40-routes-rules.yaml: HTTPRoute/redirect-and-rewrite',
  'broken/70-listenersets.yaml: Secret/shared-wildcard-tls',
  'grpc/grpc.yaml: Secret/grpc-example-com-tls',
  'listenerset/team-a.yaml: Secret/team-a-example-com-tls',
  'shared-gateway/gateway.yaml: Secret/shop-wildcard-tls',
  'shared-gateway/gateway.yaml: Secret/api-example-com-tls',
]

// Every namespace an example mentions (Namespace objects and metadata.namespace) gets a unique name.
function namespaceMap(objects: KubernetesObject[], suffix: string): Record<string, string> {
  const names = new Set<string>()
  for (const o of objects) {
    if (o.kind === 'Namespace') names.add(o.metadata!.name!)
    if (o.metadata?.namespace) names.add(o.metadata.namespace)
  }
  return Object.fromEntries([...names].map((n) => [n, `${n}-${suffix}`.slice(0, 63)]))
}

describe('examples/', () => {
  test('contains manifests', () => {
    expect(manifests.length).toBeGreaterThan(0)
  })

  test('every object (but the known rejections) is accepted and stored by the API server', async () => {
    const map = namespaceMap(
      manifests.map((m) => m.object),
      ns,
    )
    const rejected: string[] = []
    const reasons: string[] = []
    const applied = await applyManifests(cluster.admin, manifests, {
      namespaceMap: map,
      namespace: ns,
      onError: (error, { file, object }) => {
        rejected.push(`${path.relative(examples, file)}: ${object.kind}/${object.metadata?.name}`)
        reasons.push(error.message)
      },
    })
    // On failure, `reasons` in the diff output below says what the server objected to.
    expect({ rejected, reasons: rejected.length === KNOWN_REJECTED.length ? [] : reasons }).toEqual({
      rejected: KNOWN_REJECTED,
      reasons: [],
    })
    expect(applied).toHaveLength(manifests.length - KNOWN_REJECTED.length)
    const client = KubernetesObjectApi.makeApiClient(cluster.admin)
    for (const object of applied) {
      const stored = await client.read({
        apiVersion: object.apiVersion!,
        kind: object.kind!,
        metadata: { name: object.metadata!.name!, namespace: object.metadata?.namespace },
      })
      expect(stored.metadata?.uid).toBe(object.metadata?.uid)
    }
    // Every object is applied and read back one by one: minutes on a loaded machine.
  }, 300_000)
})
