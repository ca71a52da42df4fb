// Starting the graph worker. Its script, the stream's snapshot and the first analysis are the longest
// path to the first graph, so the page's entry starts it before the app is even loaded (main.tsx
// imports start-graph-worker.ts, then loads mount.tsx) and useGraphWorker adopts that worker on
// mount. Messages the worker sends before then are held and handed over in order.

import type { PageToWorker, WorkerToPage } from '@gatemap/shared/view/frame/messages.ts'
import type { ViewState } from '@gatemap/shared/view/model/view-types.ts'

export interface StartedWorker {
  worker: Worker
  /** What the worker said before anyone listened, oldest first. */
  held: WorkerToPage[]
}

function streamUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${location.host}/api/stream`
}

export function startGraphWorker(view: ViewState): StartedWorker {
  const worker = new Worker(new URL('../worker/graph-worker.ts', import.meta.url), { type: 'module' })
  const held: WorkerToPage[] = []
  worker.onmessage = (event: MessageEvent<WorkerToPage>) => held.push(event.data)
  worker.postMessage({ type: 'start', streamUrl: streamUrl(), view } satisfies PageToWorker)
  return { worker, held }
}

let early: { started: StartedWorker; view: ViewState } | undefined

/** Starts the worker ahead of the page's first render, for the view in the address bar. */
export function startGraphWorkerEarly(view: ViewState): void {
  early ??= { started: startGraphWorker(view), view }
}

/**
 * The worker started early if it was started for this view (the first mount takes it), else a new
 * one. A view that differs (the page read the address differently) gets a fresh worker rather than
 * a frame of the wrong view.
 */
export function adoptGraphWorker(view: ViewState): StartedWorker {
  const taken = early
  early = undefined
  if (taken && JSON.stringify(taken.view) === JSON.stringify(view)) return taken.started
  taken?.started.worker.terminate()
  return startGraphWorker(view)
}
