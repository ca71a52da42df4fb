// The dashboard's trace, run in the graph worker against the worker's own Analyzer with the shared
// core (no matching or precedence here). The answer is kept until the analysis or the query
// changes, so the frames a trace rides along with cost nothing while the world stands still.
import {
  type Analyzer,
  COLUMN,
  nodeId,
  type TraceResult,
  TraceTargetError,
  traceRequest,
} from '../../index.ts'
import { gatewayGroupId, namespaceGroupId } from '../model/groups.ts'
import { highlightTrace } from '../model/trace-highlight.ts'
import { parseTraceQuery, queryKey, type TraceQuery } from '../model/trace-query.ts'
import { CANDIDATES_SHOWN, type TraceAnswer, type TracePath, type TraceStop } from '../model/trace-types.ts'
import type { GraphView } from '../model/view-types.ts'

const EMPTY_PATH: TracePath = { stops: [], backendEdges: [] }

function pathOf(result: TraceResult): TracePath {
  const { target } = result
  if (target.kind === 'Service') return meshPathOf(result)
  const gateway = { kind: 'Gateway', namespace: target.namespace, name: target.name }
  const gatewayId = nodeId('Gateway', gateway)
  const folded = gatewayGroupId(gateway)
  const stops: TraceStop[] = [{ id: gatewayId, shownAs: [gatewayId, folded] }]
  const l = result.listener
  if (l) {
    if (l.owner.kind === 'ListenerSet') {
      const id = nodeId('ListenerSet', l.owner)
      stops.push({ id, shownAs: [id, folded] })
    }
    const id = nodeId('Listener', l.owner, l.name)
    stops.push({ id, shownAs: [id, folded] })
  }
  return { stops, backendEdges: routeAndBackends(result, stops) }
}

/** Adds the winning route and its rule's backends to `stops`; returns the rule's backend edges. */
function routeAndBackends(result: TraceResult, stops: TraceStop[]): string[] {
  const backendEdges: string[] = []
  if (result.route) {
    const routeId = nodeId('Route', result.route)
    stops.push({ id: routeId, shownAs: [routeId, namespaceGroupId(result.route.namespace, COLUMN.Route)] })
    for (const b of result.backends) {
      const id = nodeId('Backend', b)
      if (stops.some((s) => s.id === id)) continue
      stops.push({ id, shownAs: [id, namespaceGroupId(b.namespace, COLUMN.Backend)] })
      backendEdges.push(`${routeId}->${id}:backend#${result.rule?.index ?? 0}`)
    }
  }
  return backendEdges
}

/** A mesh request's path: the Service as a parent (its own lane), the route, the winning rule's backends. */
function meshPathOf(result: TraceResult): TracePath {
  const { target } = result
  const parentId = nodeId('ServiceParent', {
    kind: 'Service',
    namespace: target.namespace,
    name: target.name,
  })
  const stops: TraceStop[] = [
    { id: parentId, shownAs: [parentId, namespaceGroupId(target.namespace, COLUMN.ServiceParent)] },
  ]
  return { stops, backendEdges: routeAndBackends(result, stops) }
}

/** Traces the query through the analysis; bad fields and an absent Gateway come back as errors. */
function traceOnly(analyzer: Analyzer, query: TraceQuery): { answer: TraceAnswer; result?: TraceResult } {
  const key = queryKey(query)
  const parsed = parseTraceQuery(query)
  if (!parsed.ok) return { answer: { key, errors: parsed.errors, candidateCount: 0, path: EMPTY_PATH } }
  let result: TraceResult
  try {
    result = traceRequest(analyzer, parsed.target, parsed.request)
  } catch (error) {
    if (!(error instanceof TraceTargetError)) throw error
    return { answer: { key, errors: { gateway: error.message }, candidateCount: 0, path: EMPTY_PATH } }
  }
  // Spread would read (and judge) the candidates: every field but them, by name.
  const { candidates: _later, ...rest } = Object.getOwnPropertyDescriptors(result)
  const plain = Object.defineProperties({}, rest) as Omit<TraceResult, 'candidates'>
  return {
    answer: {
      key,
      result: { ...plain, candidates: [] },
      candidateCount: 0,
      candidatesPending: true,
      path: pathOf(result),
    },
    result,
  }
}

/** The answer with its candidates: reading them judges every other rule, so only what the panel lists is sent. */
function withCandidates(answer: TraceAnswer, result: TraceResult): TraceAnswer {
  const candidates = result.candidates
  const { candidatesPending: _done, ...rest } = answer
  return {
    ...rest,
    ...(rest.result ? { result: { ...rest.result, candidates: candidates.slice(0, CANDIDATES_SHOWN) } } : {}),
    candidateCount: candidates.length,
  }
}

/** The whole answer at once, candidates included (tests, benchmarks). */
export function runTrace(analyzer: Analyzer, query: TraceQuery): TraceAnswer {
  const { answer, result } = traceOnly(analyzer, query)
  return result ? withCandidates(answer, result) : answer
}

/**
 * One answer kept per query until the Analyzer (or its revision) changes. With `onCandidates` set (the
 * worker), a new answer comes first without its candidates, which on a crowded listener take far
 * longer than the path (thousands of rules judged and worded); they are read in a later task and
 * `onCandidates` asks for a frame that carries them.
 */
export class TraceRunner {
  onCandidates: (() => void) | undefined
  private kept: { analyzer: Analyzer; revision: number; key: string; answer: TraceAnswer } | undefined

  answer(analyzer: Analyzer, query: TraceQuery): TraceAnswer {
    const key = queryKey(query)
    const k = this.kept
    if (k && k.analyzer === analyzer && k.revision === analyzer.revision && k.key === key) return k.answer
    const { answer, result } = traceOnly(analyzer, query)
    const kept = { analyzer, revision: analyzer.revision, key, answer }
    this.kept = kept
    if (!result) return answer
    const notify = this.onCandidates
    if (!notify) {
      kept.answer = withCandidates(answer, result)
      return kept.answer
    }
    setTimeout(() => {
      // A change or another query since: that one's answer is computed afresh.
      if (this.kept !== kept || analyzer.revision !== kept.revision) return
      kept.answer = withCandidates(answer, result)
      notify()
    }, 0)
    return answer
  }
}

/** The trace beside a frame: its answer, and the view ids its path lights up (the rest dimmed). */
export interface FrameTrace {
  answer: TraceAnswer
  shown: string[]
}

/** Answers the query and lights its path in `graph` (a query with errors leaves the graph as it is). */
export function traceInView(
  runner: TraceRunner,
  analyzer: Analyzer,
  graph: Pick<GraphView, 'nodes' | 'edges'>,
  query: TraceQuery,
): FrameTrace {
  const answer = runner.answer(analyzer, query)
  const shown = answer.result ? highlightTrace(graph.nodes, graph.edges, answer.path) : []
  return { answer, shown }
}
