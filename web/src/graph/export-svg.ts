// The current graph as a standalone SVG document, drawn from the frame rather than copied from the
// page: the canvas renders only the nodes in view, and its labels are HTML, so a copy of the DOM
// would miss most of a large graph and every label. Every node of the frame (what the filters and
// folds leave, with the selection's highlighting) is drawn with the words the canvas shows, and
// every edge with the path (edge-geometry.ts) and label the canvas gives it. Pure: no DOM.
import type { Health } from '@gatemap/shared'
import type { LaidOutNode } from '@gatemap/shared/view/frame/messages.ts'
import type { ViewEdge } from '@gatemap/shared/view/model/view-types.ts'
import { edgeEnds, edgeGeometry, labelWidth } from './edge-geometry.ts'
import { HEALTH_GLYPH, ROLE_LABEL } from './glyphs.ts'
import { counted, facts } from './node-facts.ts'
import { edgeText } from './to-flow.ts'

export interface Palette {
  bg: string
  nodeBg: string
  text: string
  muted: string
  border: string
  accent: string
  highlight: string
  health: Record<Health, string>
}

export interface ExportableGraph {
  nodes: readonly LaidOutNode[]
  edges: readonly ViewEdge[]
}

const MARGIN = 24
const FONT = 'system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif'
/** About this many characters of 13 px text fit across a 240 px node. */
const NAME_CHARS = 32
const FACT_CHARS = 38

export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  )
}

/** Breaks a name into lines of at most `width` characters, preferring the separators names have. */
export function wrap(text: string, width: number, lines: number): string[] {
  const out: string[] = []
  let rest = text
  while (rest.length > width && out.length < lines - 1) {
    const cut = Math.max(
      rest.lastIndexOf('/', width),
      rest.lastIndexOf('-', width),
      rest.lastIndexOf('.', width),
      rest.lastIndexOf(' ', width),
    )
    const at = cut > width / 3 ? cut + 1 : width
    out.push(rest.slice(0, at))
    rest = rest.slice(at)
  }
  out.push(rest.length > width ? `${rest.slice(0, width - 1)}…` : rest)
  return out
}

interface NodeWords {
  kind: string
  health: Health
  name: string
  lines: string[]
}

function words(view: LaidOutNode): NodeWords {
  if (view.type === 'group') {
    const { group } = view
    return {
      kind: 'folded',
      health: group.health,
      name: group.label,
      lines: group.problems > 0 ? [counted(group.problems, 'problem')] : [],
    }
  }
  const { node } = view
  const kind =
    node.role === 'Route' || node.role === 'Backend' || node.role === 'Policy'
      ? node.object.kind
      : ROLE_LABEL[node.role]
  const ns = node.object.namespace
  const name =
    node.role === 'Listener' ? `${node.object.name} · ${node.label}` : `${ns ? `${ns}/` : ''}${node.label}`
  const flags = [
    view.problems > 0 ? counted(view.problems, 'problem') : '',
    node.detail.awaiting ? 'no controller has accepted this yet' : '',
    node.disagrees ? 'status disagrees' : '',
    node.stale ? 'status stale' : '',
  ].filter(Boolean)
  return {
    kind,
    health: view.health,
    name,
    lines: [...facts(view), ...(flags.length > 0 ? [`⚑ ${flags.join(' · ')}`] : [])],
  }
}

function text(x: number, y: number, body: string, attrs: string): string {
  return `<text x="${x}" y="${y}" ${attrs}>${escapeXml(body)}</text>`
}

function drawNode(view: LaidOutNode, p: Palette): string {
  const w = words(view)
  const colour = p.health[w.health]
  const { x, y, width, height } = view
  const parts: string[] = []
  const dashed = w.health === 'missing' ? ' stroke-dasharray="6 4"' : ''
  const outline = w.health === 'missing' ? colour : view.highlighted ? p.highlight : p.border
  parts.push(
    `<rect x="${x}" y="${y}" width="${width}" height="${height}" rx="6" fill="${p.nodeBg}" stroke="${outline}" stroke-width="${view.highlighted ? 3 : 2}"${dashed}/>`,
    `<rect x="${x}" y="${y}" width="6" height="${height}" rx="3" fill="${colour}"/>`,
  )
  const left = x + 14
  const right = x + width - 8
  parts.push(text(left, y + 17, w.kind, `font-size="11" fill="${p.muted}"`))
  const glyph = HEALTH_GLYPH[w.health]
  parts.push(
    text(right, y + 17, `${glyph.glyph} ${glyph.word}`, `font-size="11" fill="${colour}" text-anchor="end"`),
  )
  let line = y + 35
  for (const n of wrap(w.name, NAME_CHARS, 2)) {
    parts.push(text(left, line, n, `font-size="13" font-weight="600" fill="${p.text}"`))
    line += 16
  }
  for (const l of w.lines) {
    if (line > y + height - 6) break
    parts.push(text(left, line, wrap(l, FACT_CHARS, 1)[0] ?? '', `font-size="11" fill="${p.muted}"`))
    line += 15
  }
  const dim = view.dimmed ? ' opacity="0.3"' : ''
  return `<g class="node" data-id="${escapeXml(view.id)}"${dim}><title>${escapeXml(`${w.kind} ${w.name}: ${glyph.word}`)}</title>${parts.join('')}</g>`
}

function edgeStroke(e: ViewEdge, p: Palette): string {
  let colour = p.muted
  let width = 1.5
  let dash = ''
  if (e.role === 'attached') {
    colour = p.health.ok
    width = 2
  }
  if (e.role === 'rejected') {
    colour = e.health === 'pending' ? p.health.pending : p.health.error
    width = 2
    dash = '8 5'
  }
  if (e.health === 'missing' || (e.role === 'backend' && e.health === 'error')) {
    colour = p.health.error
    width = 2
    dash = '2 4'
  }
  if (e.role === 'grant') {
    colour = p.accent
    dash = '1 3'
  }
  if (e.highlighted) width = 3.5
  return `stroke="${colour}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''}`
}

function drawEdge(e: ViewEdge, byId: ReadonlyMap<string, LaidOutNode>, p: Palette): string {
  const s = byId.get(e.source)
  const t = byId.get(e.target)
  if (!s || !t) return ''
  const said = edgeText(e, byId)
  const [from, to] = edgeEnds(said.shape, s, t)
  const g = edgeGeometry(said.shape, from, to, said.labelAt, labelWidth(said.label))
  const parts = [`<path d="${g.path}" fill="none" ${edgeStroke(e, p)}/>`]
  if (said.label) {
    const width = labelWidth(said.label)
    const stroke = e.role === 'rejected' ? p.health.error : p.border
    parts.push(
      `<rect x="${(g.label.x - width / 2).toFixed(1)}" y="${(g.label.y - 8).toFixed(1)}" width="${width}" height="16" rx="3" fill="${p.nodeBg}" stroke="${stroke}"/>`,
      text(
        Number(g.label.x.toFixed(1)),
        Number((g.label.y + 4).toFixed(1)),
        said.label,
        `font-size="11" text-anchor="middle" fill="${e.role === 'rejected' ? p.health.error : p.text}"`,
      ),
    )
  }
  const title = said.tooltip ? `<title>${escapeXml(said.tooltip)}</title>` : ''
  const dim = e.dimmed ? ' opacity="0.15"' : ''
  return `<g class="edge" data-id="${escapeXml(e.id)}"${dim}>${title}${parts.join('')}</g>`
}

/** The SVG document, and its size in CSS pixels. */
export function graphSvg(
  graph: ExportableGraph,
  palette: Palette,
): { svg: string; width: number; height: number } {
  let right = 0
  let bottom = 0
  let left = 0
  let top = 0
  for (const n of graph.nodes) {
    right = Math.max(right, n.x + n.width)
    bottom = Math.max(bottom, n.y + n.height)
    left = Math.min(left, n.x)
    top = Math.min(top, n.y)
  }
  // Brackets reach into the gap left of a column.
  const x0 = left - MARGIN - 24
  const y0 = top - MARGIN
  const width = Math.ceil(right - x0 + MARGIN)
  const height = Math.ceil(bottom - y0 + MARGIN)
  const byId = new Map(graph.nodes.map((n) => [n.id, n]))
  const body = [
    `<rect x="${x0}" y="${y0}" width="${width}" height="${height}" fill="${palette.bg}"/>`,
    `<g class="edges">${graph.edges.map((e) => drawEdge(e, byId, palette)).join('')}</g>`,
    `<g class="nodes">${graph.nodes.map((n) => drawNode(n, palette)).join('')}</g>`,
  ]
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${x0} ${y0} ${width} ${height}" font-family='${FONT}'>` +
    `<title>Gatemap topology</title>${body.join('')}</svg>`
  return { svg, width, height }
}
