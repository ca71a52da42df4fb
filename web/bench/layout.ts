// `node web/bench/layout.ts`: layoutColumns on a synthetic topology shaped like a real cluster, full
// layout and single-route updates, printed as a markdown table.
//
// The shape: a few GatewayClasses; G Gateways with 4 listeners each; routes spread over namespaces, each
// attached to 1–2 listeners of one Gateway; one backend Service per route plus shared Services in one
// namespace that some routes also use, allowed by one ReferenceGrant per namespace; BackendTLSPolicies
// on a tenth of the backends.

import {
  type LayoutEdge,
  type LayoutMemory,
  type LayoutNode,
  layoutColumns,
} from '@gatemap/shared/view/layout/columns.ts'
import { prng } from '../../shared/bench/prng.ts'

interface Topology {
  nodes: LayoutNode[]
  edges: LayoutEdge[]
  listeners: string[]
}

function generate(routes: number, seed: number): Topology {
  const random = prng(seed)
  const pick = (n: number): number => Math.floor(random() * n)
  const nodes: LayoutNode[] = []
  const edges: LayoutEdge[] = []
  const node = (id: string, column: number, height: number, sortKey: string, band?: string): void => {
    nodes.push(band === undefined ? { id, column, height, sortKey } : { id, column, height, sortKey, band })
  }
  const classes = 2
  const gateways = Math.max(4, Math.round(routes / 100))
  const namespaces = Math.max(4, Math.round(routes / 25))
  const shared = Math.max(5, Math.round(routes / 20))
  for (let c = 0; c < classes; c++) node(`class/${c}`, 0, 48, `class-${c}`)
  const listeners: string[] = []
  const grants = new Set<string>()
  for (let g = 0; g < gateways; g++) {
    const gw = `gw/infra-${g % 3}/gw-${g}`
    node(gw, 1, 72, `infra-${g % 3}/gw-${g}`, `infra-${g % 3}`)
    edges.push({ source: `class/${g % classes}`, target: gw })
    for (let l = 0; l < 4; l++) {
      const id = `${gw}/listener-${l}`
      node(id, 2, 40, `infra-${g % 3}/gw-${g}/${l}`, gw)
      edges.push({ source: gw, target: id })
      listeners.push(id)
    }
  }
  for (let s = 0; s < shared; s++) {
    const id = `svc/shared/common-${s}`
    node(id, 4, 56, `shared/common-${s}`, 'shared')
    if (s % 10 === 0) {
      node(`tls/shared/common-${s}`, 5, 40, `shared/common-${s}`, 'shared')
      edges.push({ source: `tls/shared/common-${s}`, target: id })
    }
  }
  for (let ns = 0; ns < namespaces; ns++) {
    node(`grant/ns-${ns}`, 5, 40, `ns-${ns}/grant`, `ns-${ns}`)
  }
  for (let r = 0; r < routes; r++) {
    const ns = `ns-${pick(namespaces)}`
    const route = `route/${ns}/r-${r}`
    node(route, 3, 88, `${ns}/r-${r}`, ns)
    const gateway = pick(gateways)
    const first = pick(4)
    edges.push({ source: listeners[gateway * 4 + first]!, target: route })
    if (random() < 0.4) edges.push({ source: listeners[gateway * 4 + ((first + 1) % 4)]!, target: route })
    const svc = `svc/${ns}/r-${r}`
    node(svc, 4, 56, `${ns}/r-${r}`, ns)
    edges.push({ source: route, target: svc })
    if (random() < 0.3) {
      const common = `svc/shared/common-${pick(shared)}`
      edges.push({ source: route, target: common })
      // One grant edge per namespace and shared Service, however many routes use it.
      const grant = `grant/${ns}>${common}`
      if (!grants.has(grant)) {
        grants.add(grant)
        edges.push({ source: `grant/${ns}`, target: common })
      }
    }
    if (r % 10 === 0) {
      node(`tls/${ns}/r-${r}`, 5, 40, `${ns}/r-${r}`, ns)
      edges.push({ source: `tls/${ns}/r-${r}`, target: svc })
    }
  }
  return { nodes, edges, listeners }
}

/** One more route and its Service, attached to a listener, as the watch would deliver it. */
function withNewRoute(base: Topology, i: number): { nodes: LayoutNode[]; edges: LayoutEdge[] } {
  const ns = `ns-${(i * 7) % 4}`
  const route = `route/${ns}/new-${i}`
  const svc = `svc/${ns}/new-${i}`
  const listener = base.listeners[(i * 13) % base.listeners.length]!
  return {
    nodes: [
      ...base.nodes,
      { id: route, column: 3, height: 88, sortKey: `${ns}/new-${i}`, band: ns },
      { id: svc, column: 4, height: 56, sortKey: `${ns}/new-${i}`, band: ns },
    ],
    edges: [...base.edges, { source: listener, target: route }, { source: route, target: svc }],
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

function time(fn: () => void): number {
  const start = performance.now()
  fn()
  return performance.now() - start
}

const rows: string[] = []
for (const routes of [1_000, 10_000]) {
  const topology = generate(routes, 42)
  const fullTimes: number[] = []
  let memory: LayoutMemory = { order: [] }
  for (let i = 0; i < 7; i++) {
    fullTimes.push(
      time(() => {
        memory = layoutColumns(topology.nodes, topology.edges).memory
      }),
    )
  }
  const updates = Array.from({ length: 100 }, (_, i) => withNewRoute(topology, i))
  const updateTimes = updates.map((u) => time(() => layoutColumns(u.nodes, u.edges, {}, memory)))
  rows.push(
    `| ${routes} | ${topology.nodes.length} | ${topology.edges.length} | ` +
      `${median(fullTimes).toFixed(1)} ms | ${median(updateTimes).toFixed(1)} ms |`,
  )
}
console.log('| routes | nodes | edges | full layout (median of 7) | one route added (median of 100) |')
console.log('| ---: | ---: | ---: | ---: | ---: |')
for (const row of rows) console.log(row)
