// The overview in the graph's corner: every view node as a box in its health colour on one canvas,
// the part in view outlined; a press or drag there moves the view. React Flow's minimap drew one
// SVG element per node (2,554 at 10,000 routes) and fitted the whole graph into its box, which for
// a graph of a few wide columns and thousands of rows is a sliver. This one keeps a readable scale
// across the graph's width and, when the graph is taller than the box at that scale, shows the
// stretch around the view and scrolls with it (overview-window.ts).

import type { Frame } from '@gatemap/shared/view/frame/messages.ts'
import { useReactFlow, useStore } from '@xyflow/react'
import { type PointerEvent, useEffect, useRef } from 'react'
import type { Theme } from '../app/theme.ts'
import { paletteOf } from './export.ts'
import type { Palette } from './export-svg.ts'
import { overviewWindow } from './overview-window.ts'

const WIDTH = 160
const MAX_HEIGHT = 220

/** Read once per theme: reading CSS after the graph changed would make the browser restyle the page. */
const palettes = new Map<Theme, Palette>()

export function Overview({ frame, theme }: { frame: Frame; theme: Theme }) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const flow = useReactFlow()
  const [tx, ty, zoom] = useStore((s) => s.transform)
  const paneWidth = useStore((s) => s.width)
  const paneHeight = useStore((s) => s.height)
  const view = { x: -tx / zoom, y: -ty / zoom, width: paneWidth / zoom, height: paneHeight / zoom }
  const win = overviewWindow({ width: frame.width, height: frame.height }, view, WIDTH, MAX_HEIGHT)

  useEffect(() => {
    const el = canvas.current
    const ctx = el?.getContext('2d')
    if (!el || !ctx) return
    const ratio = window.devicePixelRatio || 1
    el.width = Math.round(WIDTH * ratio)
    el.height = Math.round(win.height * ratio)
    ctx.setTransform(ratio * win.scale, 0, 0, ratio * win.scale, 0, -win.top * ratio * win.scale)
    let palette = palettes.get(theme)
    if (!palette) {
      palette = paletteOf(el)
      palettes.set(theme, palette)
    }
    const bottom = win.top + win.height / win.scale
    for (const n of frame.nodes) {
      if (n.y > bottom || n.y + n.height < win.top) continue
      ctx.globalAlpha = n.dimmed ? 0.25 : 1
      ctx.fillStyle = palette.health[n.type === 'group' ? n.group.health : n.health]
      ctx.fillRect(n.x, n.y, n.width, n.height)
    }
    ctx.globalAlpha = 1
    ctx.lineWidth = 2 / win.scale
    ctx.strokeStyle = palette.text
    ctx.strokeRect(view.x, view.y, view.width, view.height)
  }, [frame, win.top, win.height, win.scale, view.x, view.y, view.width, view.height, theme])

  function moveTo(event: PointerEvent<HTMLCanvasElement>) {
    const box = event.currentTarget.getBoundingClientRect()
    const x = (event.clientX - box.left) / win.scale
    const y = win.top + (event.clientY - box.top) / win.scale
    void flow.setCenter(x, y, { zoom })
  }

  return (
    <canvas
      ref={canvas}
      className="gm-overview"
      data-testid="overview"
      role="img"
      aria-label="Overview of the graph: every node as a box in its health colour, the part in view outlined. Press or drag to move the view."
      style={{ width: WIDTH, height: win.height }}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId)
        moveTo(event)
      }}
      onPointerMove={(event) => {
        if (event.buttons === 1) moveTo(event)
      }}
    />
  )
}
