// Every edge of the frame in one SVG, under the nodes (portalled into React Flow's edge-label layer,
// which moves with the viewport). React Flow's own edges are one <svg> each with a z-index: at a
// thousand edges the browser spent most of an unfold stacking, layering and painting them, and
// measuring each label with getBBox. Here paths and label boxes come from the layout (to-flow.ts),
// edges whose ends did not move keep their element, only edges near the view are in the document,
// a long edge is drawn only where it crosses them (edge-window.ts), and one listener serves every
// hover tooltip.
// Class names follow React Flow's (react-flow__edge, -path, -text) so its theme and ours style them.
import { EdgeLabelRenderer, type ReactFlowState, useStore } from '@xyflow/react'
import { memo, type PointerEvent, useState } from 'react'
import { LABEL_HEIGHT } from './edge-geometry.ts'
import { edgesInWindow, type ShownEdge } from './edge-window.ts'
import type { EdgeEntry } from './to-flow.ts'
import { FAR_ZOOM } from './zoom-bands.ts'

/** The view is rounded out to tiles this big (flow units) so that panning redraws only now and then. */
const TILE = 400

/** The tiles around the view, one tile of margin on every side, as a string so the store compares it. */
function viewTiles(s: ReactFlowState): string {
  const [x, y, zoom] = s.transform
  const left = Math.floor(-x / zoom / TILE) - 1
  const top = Math.floor(-y / zoom / TILE) - 1
  const right = Math.ceil((s.width - x) / zoom / TILE) + 1
  const bottom = Math.ceil((s.height - y) / zoom / TILE) + 1
  return `${left},${top},${right},${bottom}`
}

const EdgeShapeView = memo(function EdgeShapeView({
  edge,
  path,
  dashOffset,
  labelled,
  far,
}: ShownEdge & { far: boolean }) {
  const { label, at } = edge
  return (
    <g className={edge.className} data-id={edge.id} data-testid={`rf__edge-${edge.id}`}>
      <path className="react-flow__edge-path" d={path} fill="none" strokeDashoffset={dashOffset} />
      {label && labelled ? (
        <g className="react-flow__edge-textwrapper" transform={`translate(${at.x} ${at.y})`}>
          <rect
            className="react-flow__edge-textbg"
            x={-label.width / 2}
            y={-LABEL_HEIGHT / 2}
            width={label.width}
            height={LABEL_HEIGHT}
            rx={3}
          />
          <text className="react-flow__edge-text" textAnchor="middle" dominantBaseline="central">
            {label.text}
          </text>
        </g>
      ) : null}
      {edge.tooltip && !far ? (
        <path
          className="gm-edge-hover"
          d={path}
          fill="none"
          strokeOpacity={0}
          strokeWidth={14}
          data-edge={edge.id}
        />
      ) : null}
    </g>
  )
})

function hoveredEdge(event: PointerEvent<SVGSVGElement>): string | undefined {
  return (event.target as Element).closest?.('[data-edge]')?.getAttribute('data-edge') ?? undefined
}

function EdgeLayerView({ edges }: { edges: readonly EdgeEntry[] }) {
  const [hover, setHover] = useState<string | undefined>(undefined)
  // Only edges near the view are in the document: at 1,000 routes the view shows a few dozen nodes
  // of thousands, and every edge drawn costs style, layout and paint when anything changes.
  const tiles = useStore(viewTiles)
  // Far out, labels and hover targets are not in the document: at a fitted graph of 1,000 routes
  // they were hundreds of hidden elements that every change still styled.
  const far = useStore((s) => s.transform[2] < FAR_ZOOM)
  const [left, top, right, bottom] = tiles.split(',').map((n) => Number(n) * TILE) as [
    number,
    number,
    number,
    number,
  ]
  const near = edgesInWindow(edges, { left, top, right, bottom }, !far)
  const shown = hover === undefined ? undefined : edges.find((e) => e.id === hover)?.drawn()
  return (
    <EdgeLabelRenderer>
      {/* aria-hidden: the edges' words are on the nodes' labels and in the details. */}
      <svg
        className="gm-edges"
        aria-hidden="true"
        onPointerOver={(event) => setHover(hoveredEdge(event))}
        onPointerOut={() => setHover(undefined)}
      >
        {near.map((drawn) => (
          <EdgeShapeView key={drawn.edge.id} {...drawn} far={far} />
        ))}
      </svg>
      {shown?.tooltip ? (
        <div
          className="gm-edge-tooltip"
          role="tooltip"
          data-testid="edge-tooltip"
          style={{ transform: `translate(-50%, -100%) translate(${shown.at.x}px, ${shown.at.y - 12}px)` }}
        >
          {shown.tooltip}
        </div>
      ) : null}
    </EdgeLabelRenderer>
  )
}

export const EdgeLayer = memo(EdgeLayerView)
