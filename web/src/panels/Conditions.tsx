// The controller's conditions beside the ones the analysis computes, with agreement spelled out.
import type { ConditionComparison } from '@gatemap/shared'

const VERDICT = {
  agree: '✓ agree',
  disagree: '≠ disagree',
  missing: '— controller wrote none',
  extra: '+ only the controller',
  unknown: '? cannot check',
} as const

export function Conditions({ rows }: { rows: readonly ConditionComparison[] }) {
  if (rows.length === 0) return null
  return (
    <table className="gm-conditions">
      <caption className="gm-sr">Conditions: controller and analysis side by side</caption>
      <thead>
        <tr>
          <th scope="col">Condition</th>
          <th scope="col">Controller says</th>
          <th scope="col">Analysis computes</th>
          <th scope="col">Agreement</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.type} className={`verdict-${r.verdict}${r.stale ? ' stale' : ''}`}>
            <th scope="row">{r.type}</th>
            <td>
              {r.actual ? (
                <>
                  {r.actual.status} <span className="gm-muted">({r.actual.reason})</span>
                  {r.stale ? (
                    <span className="gm-flag">
                      {' '}
                      ⏱ stale: written for generation {r.actual.observedGeneration}
                    </span>
                  ) : null}
                </>
              ) : (
                <span className="gm-muted">—</span>
              )}
            </td>
            <td title={r.computed?.message}>
              {r.computed ? (
                <>
                  {r.computed.status} <span className="gm-muted">({r.computed.reason})</span>
                </>
              ) : (
                <span className="gm-muted">—</span>
              )}
            </td>
            <td>{VERDICT[r.verdict]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
