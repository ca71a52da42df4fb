// Every error and warning, worst first. Choosing one selects its object and focuses it in the graph.
// The rows come from the graph worker a page at a time (PROBLEMS_PAGE): every row at once was most
// of the page's elements at the first graph of a large cluster, and most of the frame's bytes.
import { PROBLEMS_PAGE, type ProblemCounts, type ProblemRow } from '@gatemap/shared/view/frame/messages.ts'

const GLYPH = { error: '✕', warning: '⚠', info: 'ℹ' } as const

export function ProblemsPanel({
  problems,
  counts,
  loaded,
  onPick,
  onShowMore,
}: {
  /** The first rows of every problem, worst first. */
  problems: readonly ProblemRow[]
  /** Of every problem, not only the rows here. */
  counts: ProblemCounts
  /** Whether a first state has arrived: before it, "no problems" would be a claim about nothing. */
  loaded: boolean
  onPick(row: ProblemRow): void
  /** Asks for this many rows in all. */
  onShowMore(shown: number): void
}) {
  if (!loaded)
    return <p className="gm-empty">Waiting for the server's first state; nothing is checked yet.</p>
  const { errors, warnings } = counts
  const total = errors + warnings
  if (total === 0)
    return <p className="gm-empty">No problems: every route is accepted and every reference resolves.</p>
  const left = total - problems.length
  return (
    <div className="gm-problems">
      <p className="gm-muted">
        {errors} error{errors === 1 ? '' : 's'}, {warnings} warning
        {warnings === 1 ? '' : 's'}
      </p>
      <ul aria-label="Problems" data-testid="problems">
        {problems.map((p) => (
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
      {left > 0 ? (
        <button type="button" onClick={() => onShowMore(problems.length + PROBLEMS_PAGE)}>
          Show {Math.min(PROBLEMS_PAGE, left)} more of {left}
        </button>
      ) : null}
    </div>
  )
}
