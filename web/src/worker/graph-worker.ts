/// <reference lib="webworker" />
// The graph worker's entry. The server's snapshot is the first thing the worker needs, and getting it
// (connecting, the server encoding every object, the transfer) takes as long as loading the rest of
// the worker (compiling it, building the wire schemas: 115-170 ms in traces of first loads), so this
// small entry opens the stream as soon as the page says where, and loads the rest meanwhile. The
// rest (graph-worker-main.ts) takes over the socket with what it received, and the page's messages.

import type { PageToWorker } from '@gatemap/shared/view/frame/messages.ts'
import { type EarlyStream, openEarlyStream } from './early-stream.ts'

declare const self: DedicatedWorkerGlobalScope

const fromPage: PageToWorker[] = []
let stream: EarlyStream | undefined
self.onmessage = (event: MessageEvent<PageToWorker>) => {
  if (event.data.type === 'start') stream ??= openEarlyStream(event.data.streamUrl, event.data.view)
  fromPage.push(event.data)
}
import('./graph-worker-main.ts').then(
  (main) => main.run(fromPage, stream),
  (error: unknown) => {
    self.postMessage({
      type: 'connection',
      connection: { state: 'disconnected', reason: `the graph worker did not load: ${String(error)}` },
    })
  },
)
