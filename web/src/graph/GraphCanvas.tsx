// The topology drawn with React Flow. Positions come from the worker's layout; only nodes in view
// are rendered (React Flow's DOM ceiling is about a thousand nodes). The readiness attributes on
// the wrapper tell tests and benchmarks which stream sequence number has been painted.

import type { Frame } from '@gatemap/shared/view/frame/messages.ts'
import {
  Background,
  ControlButton,
  Controls,
  type NodeMouseHandler,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
} from '@xyflow/react'
import { type KeyboardEvent, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { Theme } from '../app/theme.ts'
import { useStableCallback } from '../app/use-stable-callback.ts'
import { EdgeLayer } from './EdgeLayer.tsx'
import { exportGraph } from './export.ts'
import { firstViewport } from './first-view.ts'
import { frameNodes, selectionPath } from './frame.ts'
import { GroupNode } from './GroupNode.tsx'
import { type Direction, neighbour } from './keyboard.ts'
import { ObjectNode } from './ObjectNode.tsx'
import { Overview } from './Overview.tsx'
import { type EdgeEntry, emptyCache, type FlowNode, toFlow } from './to-flow.ts'
import { zoomBandClass } from './zoom-bands.ts'

const nodeTypes = { object: ObjectNode, group: GroupNode }
const KEYS: Record<string, Direction> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
}
/** Graphs with fewer nodes fit on a screen or two: no overview drawn over them unless asked for. */
const OVERVIEW_FROM = 60

// React Flow's own descriptions speak of dragging and deleting nodes, which this graph does not do.
const NODE_DESCRIPTION =
  'Arrow keys move to the neighbouring node, Enter shows its details, Escape clears the selection.'
const ARIA_LABELS = {
  'node.a11yDescription.default': NODE_DESCRIPTION,
  'node.a11yDescription.keyboardDisabled': NODE_DESCRIPTION,
  'edge.a11yDescription.default': 'A connection between two objects.',
}

export interface GraphCanvasProps {
  frame: Frame | undefined
  /** The page sent a view the frame does not show yet (see use-graph-worker.ts). */
  viewPending?: boolean
  theme: Theme
  selected: string | undefined
  /** Groups folded by hand (ViewState.collapsed): a Gateway's button says whether its listeners are. */
  collapsed: readonly string[]
  /** A node to bring into view once it is in a frame (set when a problem is chosen). */
  focus: string | undefined
  onFocused(): void
  onSelect(id: string | undefined): void
}

function Canvas({
  frame,
  viewPending = false,
  theme,
  selected,
  collapsed,
  focus,
  onFocused,
  onSelect,
}: GraphCanvasProps) {
  const flow = useReactFlow()
  const zoomClass = useStore((s) => zoomBandClass(s.transform[2]))
  const cache = useRef(emptyCache())
  const wrapper = useRef<HTMLDivElement>(null)
  const [fitted, setFitted] = useState(false)
  const [overview, setOverview] = useState<boolean | undefined>(undefined)
  const showOverview = overview ?? (frame?.nodes.length ?? 0) >= OVERVIEW_FROM
  // Until the first view is set (the layout effect below, before the browser paints), React Flow is
  // given no nodes: drawn at its default viewport they would only be thrown away.
  const { nodes, edges } = useMemo(() => {
    if (!frame || !fitted) return { nodes: [] as FlowNode[], edges: [] as EdgeEntry[] }
    const out = toFlow(frame, cache.current, selected, collapsed)
    cache.current = out.cache
    return out
  }, [frame, selected, collapsed, fitted])

  // Readiness: set after the browser has painted this frame's nodes, and only once the frame shows
  // the view the page last sent: a click that changes the view (unfold, a filter, a selection) marks
  // the graph updating in the same task, before the worker has answered, so nobody reads the frame
  // from before the click as the answer to it.
  useLayoutEffect(() => {
    if (viewPending && wrapper.current) wrapper.current.dataset.graphState = 'updating'
  }, [viewPending])
  // A selection or trace being framed (an animated move of the view, see frame.ts) counts as part of
  // the frame: only nodes in view are rendered, so the framed node is in the document only after it.
  const moving = useRef(0)
  const movingFlow = useMemo(
    () => ({
      getViewport: () => flow.getViewport(),
      setViewport: (...args: Parameters<typeof flow.setViewport>) => {
        moving.current += 1
        let settled = false
        const settle = () => {
          if (settled) return
          settled = true
          moving.current -= 1
        }
        const done = flow.setViewport(...args)
        void done.finally(settle)
        // A move interrupted (a pan, another move) never reports its end: count it ended by then.
        setTimeout(settle, (args[1]?.duration ?? 0) + 250)
        return done
      },
    }),
    [flow],
  )
  useEffect(() => {
    if (!frame || !wrapper.current || viewPending) return
    const el = wrapper.current
    el.dataset.graphState = 'updating'
    let raf = 0
    // Two frames after the commit, or after the last move of the view ended.
    const after = (frames: number) => {
      raf = requestAnimationFrame(() => {
        if (moving.current > 0) return after(2)
        if (frames > 1) return after(frames - 1)
        el.dataset.seq = String(frame.seq)
        el.dataset.graphState = 'complete'
      })
    }
    after(2)
    return () => {
      cancelAnimationFrame(raf)
    }
  }, [frame, viewPending])

  // First view (first-view.ts): the whole graph when it is readable at that size, else its top-left
  // corner at a readable zoom; a selection from the URL is focused by the effect below instead.
  useLayoutEffect(() => {
    if (!frame || fitted || frame.nodes.length === 0) return
    setFitted(true)
    if (focus) return
    const box = wrapper.current?.getBoundingClientRect()
    if (box) void flow.setViewport(firstViewport(frame.nodes, frame, box))
  }, [frame, fitted, flow, focus])

  // A new selection (a click, Enter, a problem picked, a link) frames its whole path once the frame
  // that highlights it has arrived; `focus` asks the same for a node chosen outside the graph.
  const toFrame = useRef<string | undefined>(undefined)
  useEffect(() => {
    toFrame.current = selected
  }, [selected])
  useEffect(() => {
    const target = focus ?? toFrame.current
    if (!frame || !target) return
    const node = frame.nodes.find((n) => n.id === target)
    // The frame computed before the selection reached the worker does not highlight it yet.
    if (!node?.highlighted) return
    toFrame.current = undefined
    const box = wrapper.current?.getBoundingClientRect()
    if (box) {
      const path = selectionPath(frame.nodes, frame.edges, target)
      frameNodes(movingFlow, frame.nodes, path.ids, box, path.core)
    }
    if (focus) onFocused()
  }, [frame, focus, movingFlow, onFocused])

  // A new trace frames its path once, when its first answer arrives.
  const framedTrace = useRef<string | undefined>(undefined)
  useEffect(() => {
    const trace = frame?.trace
    if (!frame || !trace || trace.shown.length === 0 || framedTrace.current === trace.answer.key) return
    framedTrace.current = trace.answer.key
    const box = wrapper.current?.getBoundingClientRect()
    if (box) frameNodes(movingFlow, frame.nodes, trace.shown, box)
  }, [frame, movingFlow])

  const [exportError, setExportError] = useState<string | undefined>(undefined)
  async function save(format: 'svg' | 'png') {
    if (!frame || !wrapper.current) return
    setExportError(undefined)
    try {
      await exportGraph(frame, format, wrapper.current)
    } catch (error) {
      setExportError((error as Error).message)
    }
  }

  // One handler for the canvas's life: React Flow hands it to every node's memoised wrapper, so a new
  // one each render re-rendered all of them on every frame and click (~30 ms per unfold at 1,000
  // routes, profiled).
  const onNodeClick: NodeMouseHandler<FlowNode> = useStableCallback((_event, node) => onSelect(node.id))

  /** Only visible nodes are rendered: after moving the viewport, the node appears a frame or two later. */
  function focusWhenRendered(id: string, frames: number) {
    requestAnimationFrame(() => {
      const el = wrapper.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`)
      if (el) el.focus()
      else if (frames > 0) focusWhenRendered(id, frames - 1)
    })
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (!frame) return
    const active = document.activeElement as HTMLElement | null
    const current = active?.closest<HTMLElement>('.react-flow__node')?.dataset.id
    if (!current) return
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      onSelect(current)
      return
    }
    if (event.key === 'Escape') {
      onSelect(undefined)
      return
    }
    const direction = KEYS[event.key]
    if (!direction) return
    event.preventDefault()
    const next = neighbour(frame.nodes, frame.edges, current, direction)
    const target = frame.nodes.find((n) => n.id === next)
    if (!target) return
    void flow.setCenter(target.x + target.width / 2, target.y + target.height / 2, { zoom: flow.getZoom() })
    focusWhenRendered(target.id, 10)
  }

  return (
    <div
      className={zoomClass}
      data-testid="graph"
      data-graph-state="loading"
      ref={wrapper}
      onKeyDown={onKeyDown}
      role="application"
      aria-label="Topology graph. Tab to a node, arrow keys move between nodes, Enter shows its details, Escape clears the selection."
    >
      <ReactFlow
        nodes={nodes}
        nodeTypes={nodeTypes}
        colorMode={theme}
        onlyRenderVisibleElements
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable
        onNodeClick={onNodeClick}
        onPaneClick={() => onSelect(undefined)}
        minZoom={0.05}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
        ariaLabelConfig={ARIA_LABELS}
      >
        <EdgeLayer edges={edges} />
        <Background gap={24} />
        <Controls showInteractive={false} aria-label="Zoom controls">
          <ControlButton
            onClick={() => setOverview(!showOverview)}
            aria-pressed={showOverview}
            aria-label={showOverview ? 'Hide the overview' : 'Show the overview'}
            title={showOverview ? 'Hide the overview' : 'Show the overview'}
            data-testid="overview-toggle"
          >
            ▣
          </ControlButton>
          {(['svg', 'png'] as const).map((format) => (
            <ControlButton
              key={format}
              onClick={() => void save(format)}
              disabled={!frame || frame.nodes.length === 0}
              aria-label={`Save the graph as ${format.toUpperCase()}`}
              title={`Save the graph as ${format.toUpperCase()} (every node the filters leave, not only those in view)`}
              data-testid={`export-${format}`}
              className="gm-export"
            >
              {format.toUpperCase()}
            </ControlButton>
          ))}
        </Controls>
        {exportError ? (
          <p role="alert" className="gm-export-error">
            Saving the graph failed: {exportError}
          </p>
        ) : null}
        {showOverview && frame ? (
          <Panel position="bottom-right" className="gm-overview-panel">
            <Overview frame={frame} theme={theme} />
          </Panel>
        ) : null}
      </ReactFlow>
    </div>
  )
}

export function GraphCanvas(props: GraphCanvasProps) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  )
}
