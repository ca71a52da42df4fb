// Synthetic clusters for benchmarks: Gateways with several listeners in infra namespaces, routes
// spread over many team namespaces, a Service per route and ReferenceGrants for cross-namespace
// backends. Deterministic for a given size, so runs compare.
import type { KubeObject } from '../src/index.ts'

export interface ClusterSize {
  gateways: number
  listenersPerGateway: number
  routes: number
  namespaces: number
  services: number
  referenceGrants: number
}

export const DEFAULT_SIZE: ClusterSize = {
  gateways: 100,
  listenersPerGateway: 4,
  routes: 10_000,
  namespaces: 1_000,
  services: 10_000,
  referenceGrants: 500,
}

const GW = 'gateway.networking.k8s.io/v1'

export function generateCluster(size: ClusterSize = DEFAULT_SIZE): KubeObject[] {
  const objects: KubeObject[] = [
    {
      apiVersion: GW,
      kind: 'GatewayClass',
      metadata: { name: 'bench' },
      spec: { controllerName: 'example.com/bench' },
    },
  ]
  for (let n = 0; n < size.namespaces; n++) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: `team-${n}`, labels: { tier: n % 2 ? 'odd' : 'even' } },
    })
  }
  for (let g = 0; g < size.gateways; g++) {
    const listeners = Array.from({ length: size.listenersPerGateway }, (_, l) => ({
      name: `l${l}`,
      port: 8000 + l,
      protocol: 'HTTP',
      hostname: `*.gw${g}.example.com`,
      allowedRoutes: {
        namespaces:
          l % 2 === 0 ? { from: 'All' } : { from: 'Selector', selector: { matchLabels: { tier: 'even' } } },
      },
    }))
    objects.push({
      apiVersion: GW,
      kind: 'Gateway',
      metadata: { namespace: `infra-${g % 10}`, name: `gw-${g}`, generation: 1 },
      spec: { gatewayClassName: 'bench', listeners },
    })
  }
  for (let s = 0; s < size.services; s++) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { namespace: `team-${s % size.namespaces}`, name: `svc-${s}` },
      spec: { ports: [{ name: 'http', port: 8080 }] },
    })
  }
  for (let r = 0; r < size.referenceGrants; r++) {
    objects.push({
      apiVersion: GW,
      kind: 'ReferenceGrant',
      metadata: { namespace: `team-${r % size.namespaces}`, name: `grant-${r}` },
      spec: {
        from: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'HTTPRoute',
            namespace: `team-${(r + 1) % size.namespaces}`,
          },
        ],
        to: [{ group: '', kind: 'Service' }],
      },
    })
  }
  for (let r = 0; r < size.routes; r++) {
    objects.push(makeRoute(size, r, 0))
  }
  return objects
}

/** Route r; `revision` changes its spec the way an edit would. */
export function makeRoute(size: ClusterSize, r: number, revision: number): KubeObject {
  const ns = r % size.namespaces
  const g = r % size.gateways
  const own = `svc-${r % size.services}`
  // Every tenth route sends 10% of its traffic to a Service in the next namespace, under a grant.
  const backendRefs: Record<string, unknown>[] = [{ name: own, port: 8080, weight: 90 }]
  if (r % 10 === 0)
    backendRefs.push({
      name: `svc-${(r + size.namespaces - 1) % size.services}`,
      namespace: `team-${(ns + size.namespaces - 1) % size.namespaces}`,
      port: 8080,
      weight: 10,
    })
  return {
    apiVersion: GW,
    kind: 'HTTPRoute',
    metadata: { namespace: `team-${ns}`, name: `route-${r}`, generation: revision + 1 },
    spec: {
      parentRefs: [
        { name: `gw-${g}`, namespace: `infra-${g % 10}`, sectionName: `l${r % size.listenersPerGateway}` },
      ],
      hostnames: [`app${r}.gw${revision % 2 === 0 ? g : (g + 1) % size.gateways}.example.com`],
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: `/r${r}` } }], backendRefs },
        {
          matches: [{ headers: [{ name: 'x-canary', value: 'true' }] }],
          backendRefs: [{ name: own, port: 8080 }],
        },
      ],
    },
  }
}
