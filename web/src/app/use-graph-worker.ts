// Adopts the graph worker for this tab (started early, graph-worker-start.ts) and keeps the latest
// frame and connection state in React state. The view (filters, selection) goes to the worker;
// frames come back.
import { useEffect, useRef, useState } from 'react'
import type { TraceQuery } from '../model/trace-query.ts'
import type { ViewState } from '../model/view-types.ts'
import { applyFramePatch } from '../worker/frame-patch.ts'
import type { Connection, DraftRequest, Frame, PageToWorker, WorkerToPage } from '../worker/messages.ts'
import { adoptGraphWorker } from './graph-worker-start.ts'

export type DraftAnswer = Extract<WorkerToPage, { type: 'draft-result' | 'draft-error' }>

export interface GraphWorker {
  frame: Frame | undefined
  /** A view (filters, folds, selection) was sent that the frame does not show yet. */
  viewPending: boolean
  connection: Connection
  streamError: string | undefined
  reconnect(): void
  /** Asks for a draft's checks; the answer goes to the listener set with `onDraft`. */
  checkDraft(request: Omit<DraftRequest, 'type'>): void
  /** Traces this request in every frame from now on (undefined: no trace). */
  trace(query: TraceQuery | undefined): void
  /** Frames carry this many problem rows from now on. */
  showProblems(shown: number): void
  /** One listener at a time: the open editor. */
  onDraft(listener: ((answer: DraftAnswer) => void) | undefined): void
}

/** The frame was computed before the worker had the view numbered `asked`. */
export function frameIsBehind(frame: Pick<Frame, 'viewId'> | undefined, asked: number): boolean {
  return frame !== undefined && (frame.viewId ?? 0) < asked
}

export function useGraphWorker(view: ViewState): GraphWorker {
  const worker = useRef<Worker | undefined>(undefined)
  const [frame, setFrame] = useState<Frame | undefined>(undefined)
  const [connection, setConnection] = useState<Connection>({ state: 'connecting' })
  const [streamError, setStreamError] = useState<string | undefined>(undefined)
  const firstView = useRef(view)
  const drafts = useRef<((answer: DraftAnswer) => void) | undefined>(undefined)

  useEffect(() => {
    const { worker: w, held: early } = adoptGraphWorker(firstView.current)
    worker.current = w
    // The frame the worker's patches apply to: the last one received, not the last one rendered.
    let held: Frame | undefined
    const receive = (message: WorkerToPage) => {
      if (message.type === 'frame') {
        held = message.frame
        setFrame(held)
      } else if (message.type === 'frame-patch') {
        // The worker sends a patch only after a whole frame, and messages arrive in order.
        if (held === undefined) return
        held = applyFramePatch(held, message.frame)
        setFrame(held)
      } else if (message.type === 'connection') setConnection({ ...message.connection })
      else if (message.type === 'stream-error') setStreamError(message.message)
      else drafts.current?.(message)
    }
    for (const message of early.splice(0)) receive(message)
    w.onmessage = (event: MessageEvent<WorkerToPage>) => receive(event.data)
    return () => {
      w.terminate()
      worker.current = undefined
    }
  }, [])

  // Counted while rendering, so that the very render that changes the view already knows the frame
  // it has is older than the view (the readiness mark turns 'updating' before the message leaves).
  const lastView = useRef(view)
  const views = useRef(0)
  if (view !== lastView.current) {
    lastView.current = view
    views.current += 1
  }
  useEffect(() => {
    if (view === firstView.current) return
    worker.current?.postMessage({ type: 'view', view, id: views.current } satisfies PageToWorker)
  }, [view])

  return {
    frame,
    viewPending: frameIsBehind(frame, views.current),
    connection,
    streamError,
    reconnect: () => worker.current?.postMessage({ type: 'reconnect' } satisfies PageToWorker),
    checkDraft: (request) =>
      worker.current?.postMessage({ type: 'draft', ...request } satisfies PageToWorker),
    trace: (query) => worker.current?.postMessage({ type: 'trace', query } satisfies PageToWorker),
    showProblems: (shown) => worker.current?.postMessage({ type: 'problems', shown } satisfies PageToWorker),
    onDraft: (listener) => {
      drafts.current = listener
    },
  }
}
