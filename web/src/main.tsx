// The entry is only the graph worker's start: its script, the stream's snapshot and the first
// analysis are the longest path to the first graph, so the worker is created before the browser has
// even compiled the app (600 KB: React, React Flow and the panels), which is loaded next.
import './start-graph-worker.ts'

import('./mount.tsx').catch((error: unknown) => {
  const root = document.getElementById('root')
  if (root) root.textContent = `Gatemap could not load its page: ${String(error)}. Reload to try again.`
})
