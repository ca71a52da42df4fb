// A tab's first frame, drawn by the server. A new tab's worker has to receive the snapshot (15.7 MB at
// 10,000 routes), then build the analysis, topology, view and layout with code that has never run,
// before the page can draw anything: 1.2 s at 1,000 routes, 3.7 s at 10,000 in the dashboard bench.
// The server holds the same analysis, warm, and the frame is a fraction of the snapshot (0.54 of
// 1.3 MB at 1,000 routes, 5.8 of 13 MB at 10,000), so a tab that asks gets the frame for its view
// first, drawn by the same pipeline (pipeline.ts), and the worker catches up behind it. What is
// checked here is what the page relies on to draw; the rest passes through as the server wrote it.
import { z } from 'zod'
import type { ViewState } from '../model/view-types.ts'

/** The view a tab starts with, as it asks for its first frame (the same fields as the URL's). */
export const ViewStateSchema: z.ZodType<ViewState> = z.object({
  namespaces: z.array(z.string()),
  gateways: z.array(z.string()),
  kinds: z.array(z.string()),
  problemsOnly: z.boolean(),
  hasPolicies: z.boolean().optional(),
  policyKinds: z.array(z.string()).optional(),
  search: z.string(),
  expanded: z.array(z.string()),
  collapsed: z.array(z.string()),
  selected: z.string().optional(),
})

/** What a subscribing tab asks to be drawn first: its view, and how many problem rows it shows. */
export const FirstFrameRequestSchema = z.object({
  view: ViewStateSchema,
  problems: z.number().int().nonnegative(),
})
export type FirstFrameRequest = z.infer<typeof FirstFrameRequestSchema>

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

const BOX = ['x', 'y', 'width', 'height'] as const
const NUMBERS = ['seq', 'width', 'height', 'total', 'matching', 'objects'] as const
const LISTS = ['problems', 'kinds', 'files', 'namespaces', 'gatewayKeys', 'routeKinds'] as const

function nodeProblem(node: unknown): string | undefined {
  if (!isRecord(node)) return 'expected an object'
  if (typeof node.id !== 'string' || node.id === '') return 'id: expected a non-empty string'
  if (node.type !== 'object' && node.type !== 'group') return 'type: expected "object" or "group"'
  for (const field of BOX) if (!isNumber(node[field])) return `${field}: expected a number`
  if (node.type === 'object' && !isRecord(node.node)) return 'node: expected an object'
  if (node.type === 'group' && !isRecord(node.group)) return 'group: expected an object'
  return undefined
}

function edgeProblem(edge: unknown): string | undefined {
  if (!isRecord(edge)) return 'expected an object'
  for (const field of ['id', 'source', 'target'] as const)
    if (typeof edge[field] !== 'string') return `${field}: expected a string`
  return undefined
}

/**
 * What keeps a value from being drawn as a frame, or undefined: its numbers, its lists, and each node
 * with an id, a type and a box, each edge with its ends; an edge's ends must be nodes of the frame.
 */
export function frameProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'expected an object'
  for (const field of NUMBERS) if (!isNumber(value[field])) return `${field}: expected a number`
  for (const field of LISTS) if (!Array.isArray(value[field])) return `${field}: expected an array`
  if (!isRecord(value.problemCounts)) return 'problemCounts: expected an object'
  const { nodes, edges } = value
  if (!Array.isArray(nodes)) return 'nodes: expected an array'
  if (!Array.isArray(edges)) return 'edges: expected an array'
  const ids = new Set<string>()
  for (let i = 0; i < nodes.length; i++) {
    const problem = nodeProblem(nodes[i])
    if (problem) return `nodes[${i}]${problem.startsWith('expected') ? ': ' : '.'}${problem}`
    ids.add((nodes[i] as { id: string }).id)
  }
  for (let i = 0; i < edges.length; i++) {
    const edge: unknown = edges[i]
    const problem = edgeProblem(edge)
    if (problem) return `edges[${i}]${problem.startsWith('expected') ? ': ' : '.'}${problem}`
    const { source, target } = edge as { source: string; target: string }
    if (!ids.has(source)) return `edges[${i}].source: ${source} is not a node of the frame`
    if (!ids.has(target)) return `edges[${i}].target: ${target} is not a node of the frame`
  }
  return undefined
}
