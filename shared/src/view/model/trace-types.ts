// A traced request as the worker hands it to the page: the shared trace's result as plain data,
// the graph nodes on its path, or the form's fields that are wrong.
import type { TraceCandidate, TraceResult } from '../../index.ts'
import type { TraceField } from './trace-query.ts'

/** One step of the path, with the view ids that may stand for it (itself, then its folded group). */
export interface TraceStop {
  id: string
  shownAs: string[]
}

export interface TracePath {
  /** Gateway, ListenerSet, listener, route and the winning rule's backends, in that order. */
  stops: TraceStop[]
  /** The edge from the route to each backend of the winning rule (`…:backend#<rule>`). */
  backendEdges: string[]
}

export interface TraceAnswer {
  /** queryKey of the query this answers (the page ignores an answer to an older query). */
  key: string
  /** Fields that are wrong (the request does not parse, the Gateway is not there). */
  errors?: Partial<Record<TraceField, string>>
  /** The trace, with `candidates` cut to the first CANDIDATES_SHOWN (losers before excluded). */
  result?: Omit<TraceResult, 'candidates'> & { candidates: TraceCandidate[] }
  /** How many candidates there are in all. */
  candidateCount: number
  /** The candidates are still being judged (a crowded listener); a later frame brings them. */
  candidatesPending?: boolean
  path: TracePath
}

export const CANDIDATES_SHOWN = 200
