// A listener's routing table for its details: the shared table (routing/table.ts), in precedence
// order with shadowed and tied rules marked, cut to what a panel can show. Kept per Analyzer
// revision, since a selected listener's details are rebuilt with every frame.
import { type Analyzer, type ListenerVerdict, routingTable } from '../../index.ts'
import type { RoutingTableView } from '../model/details-types.ts'

export const TABLE_ROWS = 300

let kept: { analyzer: Analyzer; revision: number; listener: string; view: RoutingTableView } | undefined

export function listenerTable(analyzer: Analyzer, listener: ListenerVerdict): RoutingTableView {
  const id = `${listener.owner.kind}/${listener.owner.namespace ?? ''}/${listener.owner.name}#${listener.name}`
  if (kept && kept.analyzer === analyzer && kept.revision === analyzer.revision && kept.listener === id)
    return kept.view
  const entries = routingTable(analyzer, listener)
  const view: RoutingTableView = { entries: entries.slice(0, TABLE_ROWS), total: entries.length }
  kept = { analyzer, revision: analyzer.revision, listener: id, view }
  return view
}
