// What the page and the graph worker say to each other. Both sides are our own code in one origin,
// so these are plain types; the untrusted input (the server's stream) is parsed in the worker with
// the shared wire schemas.
import type {
  AttachmentChange,
  FileState,
  Finding,
  KindState,
  KubeObject,
  ParentChoice,
  ProposalFinding,
  SourceInfo,
} from '../../index.ts'
import type { NodeDetails } from '../model/details-types.ts'
import type { TraceQuery } from '../model/trace-query.ts'
import type { GraphView, PositionedNode, ViewEdge, ViewNode, ViewState } from '../model/view-types.ts'
import type { FramePatch } from './frame-patch.ts'
import type { FrameTrace } from './trace.ts'

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'disconnected'

export interface Connection {
  state: ConnectionState
  /** Wall-clock time (ms) of the last message from the server. */
  lastUpdate?: number
  /** When the next reconnect attempt happens, while reconnecting. */
  retryAt?: number
  /** Why the connection is not live, in words. */
  reason?: string
}

export type LaidOutNode = ViewNode & PositionedNode

/** A finding without its checks (those come with the details of the selected object). */
export interface ProblemRow extends Omit<Finding, 'checks'> {
  /** The graph node that shows the object, to focus it. */
  nodeId: string
}

/** Errors and warnings among all problems; the frame carries only the first rows the page draws. */
export interface ProblemCounts {
  errors: number
  warnings: number
}

/**
 * Problem rows drawn at first and added per "Show more": a few screens' worth. A large cluster has
 * thousands (14,500 at 10,000 routes); the frame carries only the rows the page asked for.
 */
export const PROBLEMS_PAGE = 50

export interface FrameTimings {
  analysis: number
  topology: number
  findings: number
  view: number
  layout: number
}

/** Everything the page draws, computed in the worker for one sequence number of the stream. */
export interface Frame {
  seq: number
  source?: SourceInfo
  nodes: LaidOutNode[]
  edges: ViewEdge[]
  total: GraphView['total']
  matching: GraphView['matching']
  width: number
  height: number
  /** The first problem rows, worst first: as many as the page asked for (PROBLEMS_PAGE at first). */
  problems: ProblemRow[]
  problemCounts: ProblemCounts
  kinds: KindState[]
  files: FileState[]
  namespaces: string[]
  gatewayKeys: string[]
  /** Services that mesh routes name as parents: what a mesh trace can be sent to. */
  meshServiceKeys?: string[]
  routeKinds: string[]
  /** Kinds of the policies drawn, for the policy kind filter. */
  policyKinds?: string[]
  objects: number
  details?: NodeDetails
  /** The request traced (and re-traced on every change) while the page shows a trace. */
  trace?: FrameTrace
  timings: FrameTimings
  /**
   * The id of the last view message this frame was computed with (0: the view the worker started
   * with). A page that has sent a newer view knows this frame does not show it yet.
   */
  viewId?: number
}

/** Check an editor's text: markers, the attachment preview, the parentRef picker's choices. */
export interface DraftRequest {
  type: 'draft'
  /** Increases with every request; a result for an older id is stale. */
  id: number
  text: string
  /** A name for the text in messages. */
  file: string
}

/** The JSON Schema of the CRD version a draft is written in, for monaco-yaml. */
export interface DraftSchema {
  uri: string
  apiVersion: string
  kind: string
  schema: unknown
}

export interface DraftResult {
  type: 'draft-result'
  id: number
  /** The drafted object, when the text holds exactly one. */
  object?: KubeObject
  findings: ProposalFinding[]
  attachment?: AttachmentChange[]
  /** Routes only: where parentRefs could point, and whether this route would be accepted there. */
  parents: ParentChoice[]
  /** Service names by namespace (the draft's own namespace), for backendRef suggestions. */
  services: Record<string, string[]>
  schema?: DraftSchema
  /** The stored object as the worker's mirror has it now (undefined for a new object). */
  current?: KubeObject
  /** Time spent checking in the worker, ms. */
  ms: number
}

export type PageToWorker =
  | { type: 'start'; streamUrl: string; view: ViewState }
  /** `id` counts the page's views; frames echo the last one applied (Frame.viewId). */
  | { type: 'view'; view: ViewState; id: number }
  | { type: 'reconnect' }
  /** The page has painted the first frame it was sent (the worker waits for it: see graph-worker-main.ts). */
  | { type: 'drawn' }
  /** Trace this request in every frame from now on; undefined stops tracing. */
  | { type: 'trace'; query: TraceQuery | undefined }
  /** Send this many problem rows from now on ("Show more" in the problems panel). */
  | { type: 'problems'; shown: number }
  | DraftRequest

export type WorkerToPage =
  /** The first frame, whole; every later one as a patch of the one before (frame-patch.ts). */
  | { type: 'frame'; frame: Frame }
  | { type: 'frame-patch'; frame: FramePatch }
  | { type: 'connection'; connection: Connection }
  | { type: 'stream-error'; message: string }
  | DraftResult
  | { type: 'draft-error'; id: number; message: string }
