// One trace at 10k routes: on the synthetic cluster (routes spread over 400 listeners, so a trace
// meets ~25 attached routes and reads every route verdict once for the rejected ones), and the worst
// case of 10,000 HTTPRoutes with one hostname on a single listener, every one of them a candidate:
// the trace as a caller asking where the request goes sees it, the first trace after a change (the
// listener's index updated for the edited route, and rebuilt as it was before that), and
// a trace whose candidates (every other rule with its reason) are read too.
import { type Analyzer, analyze, type KubeObject, parseHttpRequest, traceRequest } from '../src/index.ts'
import { forgetListenerRoutes } from '../src/routing/rule-index.ts'

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

function timeTraces(
  analyzer: Analyzer,
  namespace: string,
  name: string,
  urls: string[],
  headers: [string, string][],
  readCandidates = false,
): number {
  const times: number[] = []
  for (let i = 0; i < 200; i++) {
    const request = parseHttpRequest(`GET ${urls[i % urls.length]}`, headers)
    const start = performance.now()
    const result = traceRequest(analyzer, { kind: 'Gateway', namespace, name }, request)
    if (readCandidates && result.candidates.length === 0) throw new Error('expected candidates')
    times.push(performance.now() - start)
  }
  return median(times)
}

export function oneListener(routes: number): KubeObject[] {
  const GW = 'gateway.networking.k8s.io/v1'
  const objects: KubeObject[] = [
    {
      apiVersion: GW,
      kind: 'GatewayClass',
      metadata: { name: 'bench' },
      spec: { controllerName: 'example.com/bench' },
    },
    {
      apiVersion: GW,
      kind: 'Gateway',
      metadata: { namespace: 'infra', name: 'edge' },
      spec: {
        gatewayClassName: 'bench',
        listeners: [
          { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { namespace: 'team', name: 'svc' },
      spec: { ports: [{ port: 8080 }] },
    },
  ]
  for (let r = 0; r < routes; r++) {
    objects.push({
      apiVersion: GW,
      kind: 'HTTPRoute',
      metadata: { namespace: 'team', name: `route-${r}` },
      spec: {
        parentRefs: [{ name: 'edge', namespace: 'infra' }],
        hostnames: ['shop.example.com'],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: `/r${r}` } }],
            backendRefs: [{ name: 'svc', port: 8080 }],
          },
          {
            matches: [
              { path: { type: 'Exact', value: `/r${r}/x` }, headers: [{ name: 'x-canary', value: 'true' }] },
            ],
            backendRefs: [{ name: 'svc', port: 8080 }],
          },
        ],
      },
    })
  }
  return objects
}

/**
 * The first trace after one route's path is edited (re-judging it included), with the listener's
 * index updated for that route, and with it forgotten so the trace rebuilds it (before the update).
 * Alternated, so both meet the same load.
 */
export function firstAfterChange(
  analyzer: Analyzer,
  objects: readonly KubeObject[],
  trace: (a: Analyzer) => void,
): { updated: number; rebuilt: number } {
  const routes = objects.filter((o) => o.kind === 'HTTPRoute')
  const updated: number[] = []
  const rebuilt: number[] = []
  trace(analyzer)
  for (let i = 0; i < 18; i++) {
    const route = structuredClone(routes[(i * 997) % routes.length]!) as KubeObject & {
      spec: { rules: { matches: { path: { value: string } }[] }[] }
    }
    route.spec.rules[0]!.matches[0]!.path.value = `/edited-${i}`
    analyzer.upsert(route)
    if (i % 2 === 1) forgetListenerRoutes(analyzer)
    const start = performance.now()
    trace(analyzer)
    ;(i % 2 === 1 ? rebuilt : updated).push(performance.now() - start)
  }
  return { updated: median(updated), rebuilt: median(rebuilt) }
}

/** Table rows for the benchmark report. */
export function traceRows(cluster: Analyzer): string[] {
  const spread = timeTraces(
    cluster,
    'infra-0',
    'gw-0',
    Array.from({ length: 20 }, (_, i) => `http://app${i * 100}.gw0.example.com:8000/r${i * 100}/items`),
    [['x-canary', 'true']],
  )
  const objects = oneListener(10_000)
  const crowded = analyze(objects)
  // The first trace builds the listener's rule index; later ones reuse it.
  const edge = { kind: 'Gateway', namespace: 'infra', name: 'edge' } as const
  const firstRequest = parseHttpRequest('GET http://shop.example.com/r1/x', [['x-canary', 'true']])
  const firstStart = performance.now()
  traceRequest(crowded, edge, firstRequest)
  const first = performance.now() - firstStart
  const { updated, rebuilt } = firstAfterChange(crowded, objects, (a) => traceRequest(a, edge, firstRequest))
  const worst = timeTraces(
    crowded,
    'infra',
    'edge',
    Array.from({ length: 20 }, (_, i) => `http://shop.example.com/r${i * 499}/x`),
    [['x-canary', 'true']],
  )
  const withCandidates = timeTraces(
    crowded,
    'infra',
    'edge',
    Array.from({ length: 20 }, (_, i) => `http://shop.example.com/r${i * 499}/x`),
    [['x-canary', 'true']],
    true,
  )
  return [
    `| one trace, 10k routes over 400 listeners (median of 200) | ${spread.toFixed(2)} ms |`,
    `| one trace, 10k routes on one listener and hostname (median of 200; target ≤ 5 ms) | ${worst.toFixed(2)} ms |`,
    `| the first trace there (builds the listener's rule index) | ${first.toFixed(2)} ms |`,
    `| the first trace there after one route is edited: index updated (median of 9) | ${updated.toFixed(2)} ms |`,
    `| the same, the index rebuilt as before (median of 9) | ${rebuilt.toFixed(2)} ms |`,
    `| one trace there with all 19,999 other candidates read and worded (median of 200) | ${withCandidates.toFixed(2)} ms |`,
  ]
}
