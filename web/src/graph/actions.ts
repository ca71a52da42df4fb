// What nodes can ask of the page, passed by context so that node data stays plain and comparable.
// The value is the same object for the page's whole life (App.tsx): a new one would re-render
// every node of the graph on every frame, whatever their memoisation says.
import { createContext } from 'react'

export interface GraphActionsValue {
  toggleGroup(id: string): void
}

export const GraphActions = createContext<GraphActionsValue>({
  toggleGroup: () => {},
})

/**
 * Node components draw only their data and selection: a node that only moved (an unfold above it)
 * is not drawn again; React Flow moves its wrapper.
 */
export function sameLook<P extends { data: unknown; selected?: boolean }>(a: P, b: P): boolean {
  return a.data === b.data && a.selected === b.selected
}
