// Edges and the export, on real example frames: the Gateway → ListenerSet bracket stays left of the
// Gateway, a rejected edge's label sits near its route, listener → route edges carry the route's
// hostnames and matches, layer-4 backend edges say their protocol, and the exported SVG holds every
// node's name and every label. Also: a frame from before the page's last view is known to be behind.

import type { Frame } from '@gatemap/shared/view/frame/messages.ts'
import { GraphPipeline } from '@gatemap/shared/view/frame/pipeline.ts'
import { EMPTY_VIEW_STATE, type ViewState } from '@gatemap/shared/view/model/view-types.ts'
import { describe, expect, it } from 'vitest'
import { exampleObjects, snapshotOf } from '../../../shared/test/view/examples.ts'
import { frameIsBehind } from '../../src/app/use-graph-worker.ts'
import { edgeGeometry } from '../../src/graph/edge-geometry.ts'
import { backendProtocol, edgeTooltip, pathLabel } from '../../src/graph/edge-words.ts'
import { escapeXml, graphSvg, type Palette, wrap } from '../../src/graph/export-svg.ts'
import { edgeText } from '../../src/graph/to-flow.ts'

function frameOf(scenario: string, view: ViewState = EMPTY_VIEW_STATE): Frame {
  const pipeline = new GraphPipeline()
  expect(pipeline.apply(snapshotOf(exampleObjects(scenario)))).toBe('ok')
  return pipeline.frame(view)
}

const palette: Palette = {
  bg: '#fff',
  nodeBg: '#fff',
  text: '#000',
  muted: '#555',
  border: '#ccc',
  accent: '#00f',
  highlight: '#00f',
  health: { ok: '#0a0', warning: '#a80', error: '#c00', pending: '#777', missing: '#80f' },
}

/** Every x a path's commands name. */
const xs = (path: string) => [...path.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => Number(m[1]))

describe('edge geometry', () => {
  it('draws a bracket left of both ends, so it never crosses the nodes of their column', () => {
    const g = edgeGeometry('bracket', { x: 330, y: 60 }, { x: 330, y: 400 })
    expect(Math.max(...xs(g.path))).toBeLessThanOrEqual(330)
    expect(Math.min(...xs(g.path))).toBeLessThan(330)
  })

  it('keeps a label near an end between the columns, on its edge', () => {
    const g = edgeGeometry('forward', { x: 570, y: 0 }, { x: 660, y: 1000 }, 0.8, 70)
    expect(g.label.x - 35).toBeGreaterThanOrEqual(570)
    expect(g.label.x + 35).toBeLessThanOrEqual(660)
  })

  it('puts a label at the requested place along the edge', () => {
    const s = { x: 0, y: 0 }
    const t = { x: 100, y: 1000 }
    expect(edgeGeometry('forward', s, t, 0.5).label).toEqual({ x: 50, y: 500 })
    // Near the target: most of the way down, close to the route it names.
    expect(edgeGeometry('forward', s, t, 0.8).label.y).toBeGreaterThan(850)
  })
})

describe('edges of example broken', () => {
  const frame = frameOf('broken', {
    ...EMPTY_VIEW_STATE,
    selected: 'Route:HTTPRoute/broken/ingress-style-path',
  })
  const byId = new Map(frame.nodes.map((n) => [n.id, n]))
  const edge = (id: string) => {
    const e = frame.edges.find((x) => x.id === id)
    if (!e) throw new Error(`no edge ${id}`)
    return e
  }

  it('draws Gateway → ListenerSet as a bracket and rejected labels near the route', () => {
    const set = edge('Gateway:Gateway/broken/hub->ListenerSet:ListenerSet/broken/hub-extra:listenerSet')
    expect(edgeText(set, byId).shape).toBe('bracket')
    const rejected = frame.edges.find((e) => e.role === 'rejected')
    expect(rejected && edgeText(rejected, byId)).toMatchObject({ shape: 'forward', label: '✕ rejected' })
    expect(rejected && edgeText(rejected, byId).labelAt).toBeGreaterThan(0.5)
  })

  it('says on a listener → route edge which hostnames and matches the route carries', () => {
    const e = edge('Listener:Gateway/broken/edge#http->Route:HTTPRoute/broken/ingress-style-path:attached')
    const tooltip = edgeTooltip(e, byId) ?? ''
    expect(tooltip).toMatch(/^listener http of Gateway broken\/edge → HTTPRoute broken\/ingress-style-path\n/)
    expect(tooltip).toMatch(/\nhostnames: \S+/)
    expect(tooltip).toMatch(/\nmatches: .*\/api/)
    // On the selected path, the edge shows the short form as its label.
    expect(e.highlighted).toBe(true)
    // Host and first match do not fit between two columns: the host alone, the rest in the tooltip.
    expect(pathLabel(e, byId)).toBe('app.example.com')
    expect(edgeText(e, byId).label).toBe(pathLabel(e, byId))
  })

  it('says on a route → backend edge its port and share', () => {
    const e = frame.edges.find((x) => x.role === 'backend' && x.port !== undefined && x.count === 1)
    expect(e).toBeDefined()
    expect(edgeTooltip(e!, byId)).toMatch(new RegExp(`\\nport ${e!.port} · [\\d.]+% of its rule’s traffic$`))
  })
})

describe('layer-4 backends', () => {
  it('name the protocol they are reached on', () => {
    expect(backendProtocol('TCPRoute')).toBe('TCP')
    expect(backendProtocol('UDPRoute')).toBe('UDP')
    expect(backendProtocol('TLSRoute')).toBe('TCP')
    expect(backendProtocol('HTTPRoute')).toBeUndefined()
    for (const [scenario, protocol] of [
      ['tcp', 'TCP'],
      ['udp', 'UDP'],
    ] as const) {
      const frame = frameOf(scenario)
      const byId = new Map(frame.nodes.map((n) => [n.id, n]))
      const kind = `${protocol === 'TCP' ? 'TCP' : 'UDP'}Route`
      const backend = frame.edges.find((e) => e.role === 'backend' && e.source.startsWith(`Route:${kind}/`))
      expect(backend, scenario).toBeDefined()
      expect(edgeText(backend!, byId).label, scenario).toMatch(new RegExp(`^:${backend!.port} ${protocol} `))
    }
  })
})

describe('SVG export', () => {
  const frame = frameOf('broken')

  it('holds every node with its name and health word, and every edge with its label', () => {
    const { svg, width, height } = graphSvg(frame, palette)
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    expect(width).toBeGreaterThan(Math.max(...frame.nodes.map((n) => n.x + n.width)))
    expect(height).toBeGreaterThan(Math.max(...frame.nodes.map((n) => n.y + n.height)))
    expect(svg.match(/<g class="node"/g)?.length).toBe(frame.nodes.length)
    expect(svg.match(/<g class="edge"/g)?.length).toBe(frame.edges.length)
    expect(svg).toContain('>broken-other/hub-rogue<')
    expect(svg).toContain('not served: NotAllowed')
    expect(svg).toContain('>✕ rejected<')
    expect(svg).toContain('✕ Problem')
  })

  it('escapes names and wraps long ones', () => {
    expect(escapeXml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;')
    expect(wrap('team-payments/checkout-frontend-canary-v2', 20, 2)).toEqual([
      'team-payments/',
      'checkout-frontend-c…',
    ])
    expect(wrap('short', 20, 2)).toEqual(['short'])
  })
})

describe('view readiness', () => {
  it('knows a frame from before the last view sent', () => {
    expect(frameIsBehind(undefined, 3)).toBe(false)
    expect(frameIsBehind({}, 0)).toBe(false)
    expect(frameIsBehind({ viewId: 2 }, 3)).toBe(true)
    expect(frameIsBehind({ viewId: 3 }, 3)).toBe(false)
  })
})
