// Imported by main.tsx, the page's small entry, so that the graph worker starts before the app's
// modules are even fetched (see app/graph-worker-start.ts). Only the entry imports this.
import { startGraphWorkerEarly } from './app/graph-worker-start.ts'
import { readPageState } from './app/url-state.ts'

startGraphWorkerEarly(readPageState(location.search).view)
