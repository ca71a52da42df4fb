// Adopts the graph worker for this tab (started early, graph-worker-start.ts) and keeps the latest
// frame and connection state in React state. The view (filters, selection) goes to the worker;
// frames come back.

import { applyFramePatch } from '@gatemap/shared/view/frame/frame-patch.ts'
import type {
  Connection,
  DraftRequest,
  Frame,
  PageToWorker,
  WorkerToPage,
} from '@gatemap/shared/view/frame/messages.ts'
import type { TraceQuery } from '@gatemap/shared/view/model/trace-query.ts'
import type { ViewState } from '@gatemap/shared/view/model/view-types.ts'
import { useCallback, useEffect, useRef, useState } from 'react'
import { adoptGraphWorker } from './graph-worker-start.ts'

export type DraftAnswer = Extract<WorkerToPage, { type: 'draft-result' | 'draft-error' }>

export interface GraphWorker {
  frame: Frame | undefined
  /** A view (filters, folds, selection) was sent that the frame does not show yet. */
  viewPending: boolean
  /**
   * Sends a view to the worker at once, from the event that makes it, before React renders it: at
   * 1,000 routes the page's render of an unfold click took ~30 ms, which the worker waited out.
   */
  sendView(view: ViewState): void
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

  // The worker holds back its own work until the first frame is on screen (graph-worker-main.ts):
  // two animation frames after the commit, the browser has painted it.
  const drawn = useRef(false)
  useEffect(() => {
    if (!frame || drawn.current) return
    drawn.current = true
    // Not cancelled by the next frame: the worker is waiting for this message, whatever came since.
    requestAnimationFrame(() => {
      requestAnimationFrame(() => worker.current?.postMessage({ type: 'drawn' } satisfies PageToWorker))
    })
  }, [frame])

  // Views are numbered as they are first seen, whether sent from an event handler (sendView) or met
  // while rendering, so that the very render that changes the view already knows the frame it has is
  // older than the view (the readiness mark turns 'updating' before the frame arrives).
  const lastView = useRef(view)
  const views = useRef(0)
  /** The view the worker was last sent: at first the one it started with. */
  const posted = useRef(view)
  const sendView = useCallback((next: ViewState) => {
    if (next !== lastView.current) {
      lastView.current = next
      views.current += 1
    }
    const w = worker.current
    if (next === posted.current || !w) return
    posted.current = next
    w.postMessage({ type: 'view', view: next, id: views.current } satisfies PageToWorker)
  }, [])
  if (view !== lastView.current) {
    lastView.current = view
    views.current += 1
  }
  // A view that came another way (the browser's back button, say) is sent once it is rendered.
  useEffect(() => sendView(view), [view, sendView])

  return {
    frame,
    viewPending: frameIsBehind(frame, views.current),
    sendView,
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
