// Imported first by main.tsx, so that the graph worker starts while the rest of the page's modules
// are still being evaluated (see app/graph-worker-start.ts). Only the entry imports this.
import { startGraphWorkerEarly } from './app/graph-worker-start.ts'
import { readPageState } from './app/url-state.ts'

startGraphWorkerEarly(readPageState(location.search).view)
