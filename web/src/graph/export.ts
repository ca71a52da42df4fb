// Downloads the current graph as SVG or PNG: the colours are the page's theme (its CSS variables),
// the drawing is export-svg.ts's, and the PNG is that SVG painted on a canvas. No library: the
// SVG is made from the frame's data, so nothing of the page needs copying or inlining.
import type { ExportableGraph, Palette } from './export-svg.ts'
import { graphSvg } from './export-svg.ts'

/** Canvas sides past about 16k pixels fail in some browsers; a larger graph is scaled down to fit. */
const MAX_SIDE = 16_384
const PNG_SCALE = 2

/** The theme's colours as the page's CSS variables have them. */
export function paletteOf(element: Element): Palette {
  const style = getComputedStyle(element)
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback
  return {
    bg: v('--bg', '#ffffff'),
    nodeBg: v('--node-bg', '#ffffff'),
    text: v('--text', '#000000'),
    muted: v('--muted', '#555555'),
    border: v('--border', '#cccccc'),
    accent: v('--accent', '#0a58ca'),
    highlight: v('--highlight', '#0a58ca'),
    health: {
      ok: v('--health-ok', '#1a7f37'),
      warning: v('--health-warning', '#9a6700'),
      error: v('--health-error', '#c62828'),
      pending: v('--health-pending', '#6e7781'),
      missing: v('--health-missing', '#8250df'),
    },
  }
}

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  // The download has its own reference to the blob by now.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

async function toPng(svg: string, width: number, height: number): Promise<Blob> {
  const scale = Math.min(PNG_SCALE, MAX_SIDE / width, MAX_SIDE / height)
  const image = new Image()
  // A data: address, not a blob: one: the page's Content-Security-Policy allows images from 'self'
  // and data: only.
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
  await image.decode()
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.floor(width * scale))
  canvas.height = Math.max(1, Math.floor(height * scale))
  const context = canvas.getContext('2d')
  if (!context) throw new Error('this browser gives no 2D canvas to draw the PNG on')
  context.drawImage(image, 0, 0, canvas.width, canvas.height)
  return await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be encoded'))), 'image/png'),
  )
}

/** Saves the graph in the theme of `themed` (an element inside the page's themed root). */
export async function exportGraph(
  graph: ExportableGraph,
  format: 'svg' | 'png',
  themed: Element,
): Promise<void> {
  const { svg, width, height } = graphSvg(graph, paletteOf(themed))
  if (format === 'svg') {
    download(new Blob([svg], { type: 'image/svg+xml' }), 'gatemap-graph.svg')
    return
  }
  download(await toPng(svg, width, height), 'gatemap-graph.png')
}
