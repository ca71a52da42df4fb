// One edge: its path (edge-geometry.ts, the same the SVG export draws), its label placed on the
// edge itself (near the route for a rejection), and on hover a tooltip with what the edge carries
// (edge-words.ts). Edges are not focusable; keyboard users get the same words as labels on the
// selected node's path.
import { BaseEdge, type Edge, EdgeLabelRenderer, type EdgeProps } from '@xyflow/react'
import { memo, useState } from 'react'
import { type EdgeShape, edgeGeometry, labelWidth } from './edge-geometry.ts'

export interface GraphEdgeData extends Record<string, unknown> {
  shape: EdgeShape
  /** Where along the edge the label sits (0 source, 1 target). */
  labelAt: number
  label?: string
  tooltip?: string
}

export type GraphFlowEdge = Edge<GraphEdgeData, 'gm'>

function GraphEdgeView({ id, sourceX, sourceY, targetX, targetY, data }: EdgeProps<GraphFlowEdge>) {
  const [hover, setHover] = useState(false)
  if (!data) return null
  const g = edgeGeometry(
    data.shape,
    { x: sourceX, y: sourceY },
    { x: targetX, y: targetY },
    data.labelAt,
    labelWidth(data.label),
  )
  const place = { transform: `translate(-50%, -100%) translate(${g.label.x}px, ${g.label.y - 12}px)` }
  return (
    <>
      {/* The label is SVG inside the edge's own group, so it is dimmed and highlighted with it. */}
      <BaseEdge
        id={id}
        path={g.path}
        labelX={g.label.x}
        labelY={g.label.y}
        label={data.label}
        labelBgPadding={[4, 2]}
        labelBgBorderRadius={3}
        interactionWidth={0}
      />
      {data.tooltip ? (
        // biome-ignore lint/a11y/noStaticElementInteractions: a pointer-only hint; keyboard users get the same words as labels on the selected node's path
        <path
          className="gm-edge-hover"
          d={g.path}
          fill="none"
          strokeOpacity={0}
          strokeWidth={14}
          data-edge={id}
          onMouseEnter={() => setHover(true)}
          onMouseLeave={() => setHover(false)}
        />
      ) : null}
      {hover && data.tooltip ? (
        <EdgeLabelRenderer>
          <div className="gm-edge-tooltip" role="tooltip" data-testid="edge-tooltip" style={place}>
            {data.tooltip}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  )
}

export const GraphEdge = memo(GraphEdgeView)
