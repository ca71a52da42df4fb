// A folder of manifests shaped like a real multi-team cluster, for benchmarks that must not flatter
// Gatemap with uniform input: many namespaces and small files, Gateways with 2-6 HTTP/HTTPS/TCP
// listeners and every allowedRoutes mode, HTTPRoutes with 1-5 rules of header/method/query matches
// and filters, weighted cross-namespace backends under ReferenceGrants, GRPCRoutes and TCPRoutes,
// and about 5% broken references. Seeded: the same (routes, seed) always gives the same files.
import { stringify } from 'yaml'
import { prng } from './prng.ts'

const GW = 'gateway.networking.k8s.io/v1'
const ALPHA = 'gateway.networking.k8s.io/v1alpha2'

export interface RealisticFolder {
  /** Relative path -> YAML text. */
  files: Map<string, string>
  objects: number
  counts: Record<string, number>
}

type Obj = Record<string, unknown>

export function generateRealistic(routes: number, seed = 17): RealisticFolder {
  const rand = prng(seed)
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1))
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!
  const broken = () => rand() < 0.05

  const files = new Map<string, string>()
  const counts: Record<string, number> = {}
  const write = (path: string, objects: Obj[]) => {
    for (const o of objects) counts[o.kind as string] = (counts[o.kind as string] ?? 0) + 1
    files.set(path, objects.map((o) => stringify(o)).join('---\n'))
  }

  const teams = Math.max(2, Math.round(routes / 20))
  const infra = Math.max(1, Math.round(teams / 25))
  const gateways = Math.max(1, Math.round(routes / 50))
  const tier = (t: number) => (['frontend', 'backend', 'data'] as const)[t % 3]!

  write('cluster/gatewayclass.yaml', [
    {
      apiVersion: GW,
      kind: 'GatewayClass',
      metadata: { name: 'shared' },
      spec: { controllerName: 'example.com/gw' },
    },
  ])

  // Per Gateway: its listeners and whom they admit, so that a route names a Gateway that lets its
  // namespace attach and, when it names a sectionName, a listener that does (5% of the time a wrong one).
  interface ListenerFacts {
    name: string
    protocol: string
    /** The team tier a Selector listener admits; 'all' for from: All; undefined for from: Same. */
    admits: string | undefined
  }
  const gatewayListeners: { g: number; ns: string; name: string; listeners: ListenerFacts[] }[] = []
  /** Per protocol and tier: the Gateways with a listener that lets such a route attach. */
  const openGateways = new Map<string, typeof gatewayListeners>()
  for (let i = 0; i < infra; i++) {
    const ns = `infra-${i}`
    const objects: Obj[] = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { role: 'infra' } } },
    ]
    const secrets: Obj[] = []
    for (let g = i; g < gateways; g += infra) {
      const listeners: Obj[] = []
      const facts: ListenerFacts[] = []
      const n = int(2, 6)
      for (let l = 0; l < n; l++) {
        const protocol = l === 0 ? 'HTTP' : l === 1 ? 'HTTPS' : pick(['HTTP', 'HTTPS', 'TCP'])
        const mode = pick(['Same', 'All', 'Selector', 'Selector'])
        const namespaces: Obj =
          mode === 'Selector'
            ? { from: 'Selector', selector: { matchLabels: { tier: tier(g + l) } } }
            : { from: mode }
        const listener: Obj = {
          name: `${protocol.toLowerCase()}-${l}`,
          port: protocol === 'HTTP' ? 80 + l : protocol === 'HTTPS' ? 443 + l : 9000 + l,
          protocol,
          allowedRoutes: { namespaces },
        }
        if (protocol !== 'TCP') listener.hostname = `*.gw${g}.example.com`
        if (protocol === 'TCP') (listener.allowedRoutes as Obj).kinds = [{ kind: 'TCPRoute' }]
        if (protocol === 'HTTPS') {
          const secret = `gw${g}-cert-${l}`
          listener.tls = {
            mode: 'Terminate',
            certificateRefs: [{ name: broken() ? `${secret}-gone` : secret }],
          }
          secrets.push({
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: { namespace: ns, name: secret },
            type: 'kubernetes.io/tls',
            stringData: {
              'tls.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
              'tls.key': 'k',
            },
          })
        }
        listeners.push(listener)
        const admits = mode === 'All' ? 'all' : mode === 'Selector' ? tier(g + l) : undefined
        facts.push({ name: listener.name as string, protocol, admits })
      }
      gatewayListeners.push({ g, ns, name: `gw-${g}`, listeners: facts })
      write(`${ns}/gateway-${g}.yaml`, [
        {
          apiVersion: GW,
          kind: 'Gateway',
          metadata: { namespace: ns, name: `gw-${g}`, generation: 1 },
          spec: { gatewayClassName: broken() ? 'nonexistent' : 'shared', listeners },
        },
      ])
    }
    objects.push(...secrets)
    write(`${ns}/namespace.yaml`, objects)
  }

  // Teams: a namespace each, its Services, grants for the teams that borrow its Services, routes.
  const servicesPerTeam = Math.max(2, Math.round((routes * 1.2) / teams))
  const routesOf = Array.from({ length: teams }, () => 0)
  for (let r = 0; r < routes; r++) routesOf[r % teams]!++
  for (let t = 0; t < teams; t++) {
    const ns = `team-${t}`
    write(`${ns}/namespace.yaml`, [
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns, labels: { tier: tier(t), team: `t${t}` } },
      },
    ])
    // Services in files of 5-15, as a Helm chart or kustomization tends to split them.
    let s = 0
    let part = 0
    while (s < servicesPerTeam) {
      const batch = Math.min(servicesPerTeam - s, int(5, 15))
      const services: Obj[] = []
      for (let k = 0; k < batch; k++, s++) {
        services.push({
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { namespace: ns, name: `svc-${s}`, labels: { app: `svc-${s}` } },
          spec: {
            selector: { app: `svc-${s}` },
            ports: [
              { name: 'http', port: 8080, targetPort: 8080 },
              { name: 'grpc', port: 9090, appProtocol: 'kubernetes.io/h2c' },
            ],
          },
        })
      }
      write(`${ns}/services-${part++}.yaml`, services)
    }
    // Routes of the previous team borrow this team's Services; this grant lets them (usually).
    const from = `team-${(t + teams - 1) % teams}`
    write(`${ns}/referencegrant.yaml`, [
      {
        apiVersion: GW,
        kind: 'ReferenceGrant',
        metadata: { namespace: ns, name: 'allow-neighbours' },
        spec: {
          from: [
            { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: from },
            { group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', namespace: from },
          ],
          to: [{ group: '', kind: 'Service' }],
        },
      },
    ])
    const next = `team-${(t + 1) % teams}`
    let written = 0
    let file = 0
    while (written < routesOf[t]!) {
      const batch = Math.min(routesOf[t]! - written, int(3, 8))
      const objects: Obj[] = []
      for (let k = 0; k < batch; k++, written++) objects.push(route(ns, next, written, t))
      write(`${ns}/routes-${file++}.yaml`, objects)
    }
  }

  function backend(ns: string, next: string, port: number): Obj {
    const cross = rand() < 0.15
    const s = int(0, servicesPerTeam - 1)
    const ref: Obj = { name: broken() ? `svc-${s}-missing` : `svc-${s}`, port, weight: int(1, 100) }
    if (cross) ref.namespace = broken() ? `team-nowhere` : next
    else if (rand() < 0.1) ref.namespace = ns
    return ref
  }

  /** Listeners of a Gateway that take a route of this protocol from a team of this tier. */
  function fitting(gw: (typeof gatewayListeners)[number], protocol: 'HTTP' | 'TCP', teamTier: string) {
    return gw.listeners.filter(
      (l) =>
        (protocol === 'TCP' ? l.protocol === 'TCP' : l.protocol !== 'TCP') &&
        (l.admits === 'all' || l.admits === teamTier),
    )
  }
  /** A Gateway the team may attach to (any, if none lets it), and a reference to it. */
  function parentRef(protocol: 'HTTP' | 'TCP', teamTier: string): { ref: Obj; g: number } {
    const key = `${protocol}/${teamTier}`
    let open = openGateways.get(key)
    if (open === undefined) {
      open = gatewayListeners.filter((gw) => fitting(gw, protocol, teamTier).length > 0)
      openGateways.set(key, open)
    }
    const gw = pick(open.length ? open : gatewayListeners)
    const ref: Obj = { name: broken() ? `${gw.name}-typo` : gw.name, namespace: gw.ns }
    const sections = fitting(gw, protocol, teamTier)
    if (sections.length && rand() < 0.6) ref.sectionName = broken() ? 'no-such-listener' : pick(sections).name
    return { ref, g: gw.g }
  }

  function route(ns: string, next: string, r: number, t: number): Obj {
    const kind = rand()
    const metadata = { namespace: ns, name: `r${r}`, generation: int(1, 4) }
    if (kind < 0.1) {
      return {
        apiVersion: ALPHA,
        kind: 'TCPRoute',
        metadata,
        spec: {
          parentRefs: [parentRef('TCP', tier(t)).ref],
          rules: [{ backendRefs: [backend(ns, next, 9090)] }],
        },
      }
    }
    const parents = Array.from({ length: rand() < 0.2 ? 2 : 1 }, () => parentRef('HTTP', tier(t)))
    const parentRefs = parents.map((p) => p.ref)
    // One hostname under each parent Gateway's wildcard, so that the listeners' hostnames admit it.
    const hostnames = [...new Set(parents.map((p) => `app${r}.t${t}.gw${p.g}.example.com`))]
    if (kind < 0.2) {
      const rules = Array.from({ length: int(1, 3) }, (_, i) => ({
        matches: [{ method: { service: `pkg.v1.Svc${i}`, method: pick(['Get', 'List', 'Watch']) } }],
        backendRefs: Array.from({ length: int(1, 2) }, () => backend(ns, next, 9090)),
      }))
      return { apiVersion: GW, kind: 'GRPCRoute', metadata, spec: { parentRefs, hostnames, rules } }
    }
    const rules = Array.from({ length: int(1, 5) }, (_, i) => {
      const match: Obj = {
        path: { type: pick(['PathPrefix', 'Exact', 'RegularExpression']), value: `/r${r}/p${i}` },
      }
      if (rand() < 0.4) match.headers = [{ name: 'x-canary', value: pick(['true', 'false']) }]
      if (rand() < 0.3) match.method = pick(['GET', 'POST', 'PUT'])
      if (rand() < 0.2) match.queryParams = [{ name: 'v', value: `${int(1, 3)}` }]
      const rule: Obj = {
        matches: rand() < 0.3 ? [match, { path: { type: 'PathPrefix', value: `/alt${i}` } }] : [match],
        backendRefs: Array.from({ length: int(1, 3) }, () => backend(ns, next, 8080)),
      }
      const filter = rand()
      if (filter < 0.2) {
        rule.filters = [
          { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-team', value: ns }] } },
        ]
      } else if (filter < 0.3) {
        rule.filters = [
          {
            type: 'URLRewrite',
            urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } },
          },
        ]
      } else if (filter < 0.35) {
        rule.filters = [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }]
        delete rule.backendRefs
      }
      return rule
    })
    return { apiVersion: GW, kind: 'HTTPRoute', metadata, spec: { parentRefs, hostnames, rules } }
  }

  const objects = Object.values(counts).reduce((a, b) => a + b, 0)
  return { files, objects, counts }
}
