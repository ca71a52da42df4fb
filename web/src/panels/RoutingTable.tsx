// A listener's routing table: every (hostname, match) → route rule → backends in the order the
// Gateway API's precedence gives them, so a person sees which rule a request meets first. A rule
// that never gets traffic is marked and says which higher entry takes it (shadowed), or which route
// only the tie-break puts first (tied).
import { GATEWAY_GROUP, type ObjectRef, type TableEntry } from '@gatemap/shared'
import type { RoutingTableView } from '@gatemap/shared/view/model/details-types.ts'
import { ObjectLink } from './Checks.tsx'

const ruleWords = (e: { route: TableEntry['route']; rule: number }) =>
  `${e.route.kind} ${e.route.namespace}/${e.route.name} rule ${e.rule}`

function note(e: TableEntry): string {
  if (e.tiedWith)
    return `⚠ tied with ${ruleWords(e.tiedWith)}: only ${e.tiedWith.decidedBy} puts that one first`
  if (e.shadowedBy)
    return `⚠ shadowed by ${ruleWords(e.shadowedBy)}${e.shadowedBy.hostname ? ` on ${e.shadowedBy.hostname}` : ''}: never matches`
  return ''
}

export function RoutingTable({ table, onOpen }: { table: RoutingTableView; onOpen(o: ObjectRef): void }) {
  if (table.total === 0) return null
  return (
    <>
      <h5 id="gm-routing-table-title">Routing table ({table.total} in precedence order)</h5>
      <table
        className="gm-backends gm-routing-table"
        data-testid="routing-table"
        aria-labelledby="gm-routing-table-title"
      >
        <thead>
          <tr>
            <th scope="col">Hostname</th>
            <th scope="col">Match</th>
            <th scope="col">Route, rule</th>
            <th scope="col">Backends</th>
          </tr>
        </thead>
        <tbody>
          {table.entries.map((e) => {
            const why = note(e)
            return (
              <tr
                key={`${e.hostname}|${e.route.kind}/${e.route.namespace}/${e.route.name}#${e.rule}.${e.matchIndex}`}
                className={e.tiedWith ? 'is-tied' : e.shadowedBy ? 'is-shadowed' : undefined}
              >
                <td>{e.hostname || 'any'}</td>
                <td>
                  <code>{e.match}</code>
                </td>
                <td>
                  <ObjectLink object={{ group: GATEWAY_GROUP, ...e.route }} onOpen={onOpen} /> rule {e.rule}
                  {e.ruleName ? ` (${e.ruleName})` : ''}
                  {why ? <div className="gm-mark">{why}</div> : null}
                </td>
                <td>
                  {e.backends.length === 0
                    ? 'none'
                    : e.backends
                        .map(
                          (b) =>
                            `${b.name}${b.port !== undefined ? `:${b.port}` : ''}${e.backends.length > 1 ? ` (weight ${b.weight})` : ''}`,
                        )
                        .join(', ')}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {table.total > table.entries.length ? (
        <p className="gm-muted">
          The first {table.entries.length} of {table.total} entries are listed.
        </p>
      ) : null}
    </>
  )
}
