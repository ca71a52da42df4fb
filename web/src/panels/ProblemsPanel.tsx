// Every error and warning, worst first. Choosing one selects its object and focuses it in the graph.
import { useState } from 'react'
import type { ProblemRow } from '../worker/messages.ts'

/**
 * Rows drawn at first and per "Show more": a few screens' worth. Every row at once was most of the
 * page's elements at the first graph of a large cluster (1,400 problems at 1,000 routes).
 */
export const PROBLEMS_PAGE = 50
const GLYPH = { error: '✕', warning: '⚠', info: 'ℹ' } as const

export function ProblemsPanel({
  problems,
  loaded,
  onPick,
}: {
  problems: readonly ProblemRow[]
  /** Whether a first state has arrived: before it, "no problems" would be a claim about nothing. */
  loaded: boolean
  onPick(row: ProblemRow): void
}) {
  const [shown, setShown] = useState(PROBLEMS_PAGE)
  if (!loaded)
    return <p className="gm-empty">Waiting for the server's first state; nothing is checked yet.</p>
  if (problems.length === 0)
    return <p className="gm-empty">No problems: every route is accepted and every reference resolves.</p>
  const errors = problems.filter((p) => p.severity === 'error').length
  return (
    <div className="gm-problems">
      <p className="gm-muted">
        {errors} error{errors === 1 ? '' : 's'}, {problems.length - errors} warning
        {problems.length - errors === 1 ? '' : 's'}
      </p>
      <ul aria-label="Problems" data-testid="problems">
        {problems.slice(0, shown).map((p) => (
          <li key={`${p.nodeId}:${p.code}:${p.path ?? ''}:${p.message}`}>
            <button type="button" className={`gm-problem severity-${p.severity}`} onClick={() => onPick(p)}>
              <span className="gm-problem-head">
                <span aria-hidden="true">{GLYPH[p.severity]}</span>{' '}
                <span className="gm-sev">{p.severity}</span>{' '}
                <strong>
                  {p.object.kind} {p.object.namespace ? `${p.object.namespace}/` : ''}
                  {p.object.name}
                </strong>{' '}
                <code>{p.code}</code>
              </span>
              <span className="gm-problem-message">{p.message}</span>
              {p.path ? <code className="gm-path">{p.path}</code> : null}
            </button>
          </li>
        ))}
      </ul>
      {problems.length > shown ? (
        <button type="button" onClick={() => setShown(shown + PROBLEMS_PAGE)}>
          Show {Math.min(PROBLEMS_PAGE, problems.length - shown)} more of {problems.length - shown}
        </button>
      ) : null}
    </div>
  )
}
