// What nodes can ask of the page, passed by context so that node data stays plain and comparable.
import { createContext } from 'react'

export interface GraphActionsValue {
  toggleGroup(id: string): void
  isCollapsed(id: string): boolean
}

export const GraphActions = createContext<GraphActionsValue>({
  toggleGroup: () => {},
  isCollapsed: () => false,
})
