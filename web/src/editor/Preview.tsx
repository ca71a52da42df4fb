// Beside the editor: what this route would get from each parent after the change, compared with now,
// and every finding on the draft with its line — in words and glyphs, never colour alone.
import type { AttachmentChange, ProposalFinding } from '@gatemap/shared'
import type { DraftChecks } from './use-draft.ts'

const OUTCOME_GLYPH: Record<string, string> = { attached: '✓', rejected: '✕', pending: '…' }

function Change({ change }: { change: AttachmentChange }) {
  const outcome = change.after ?? 'removed'
  return (
    <li className={`gm-change outcome-${outcome}`}>
      <span aria-hidden="true">{OUTCOME_GLYPH[outcome] ?? '−'}</span>{' '}
      {change.index >= 0 ? <code>parentRefs[{change.index}]</code> : null} {change.text}
      {change.reason ? <span className="gm-change-reason">: {change.reason}</span> : null}
      {change.fix ? (
        <p className="gm-fix">
          <strong>Fix:</strong> {change.fix}
        </p>
      ) : null}
    </li>
  )
}

const SEVERITY_WORD = { error: 'Error', warning: 'Warning', info: 'Note' } as const

function FindingRow({ finding, onReveal }: { finding: ProposalFinding; onReveal(line: number): void }) {
  return (
    <li className={`severity-${finding.severity}`}>
      <strong>{SEVERITY_WORD[finding.severity]}</strong>{' '}
      {finding.line > 0 ? (
        <button type="button" className="gm-linklike" onClick={() => onReveal(finding.line)}>
          line {finding.line}
        </button>
      ) : null}{' '}
      {finding.message}
      {finding.path ? (
        <>
          {' '}
          <code>{finding.path}</code>
        </>
      ) : null}
      {finding.fix ? (
        <p className="gm-fix">
          <strong>Fix:</strong> {finding.fix}
        </p>
      ) : null}
    </li>
  )
}

export function Preview({
  checks,
  extra,
  onReveal,
}: {
  checks: DraftChecks
  /** Findings from outside the live checks: the API server's answer to the last dry run or apply. */
  extra: readonly ProposalFinding[]
  onReveal(line: number): void
}) {
  const attachment = checks.result?.attachment
  const findings = [...extra, ...(checks.result?.findings ?? [])]
  const errors = findings.filter((f) => f.severity === 'error').length
  // Only what the API server itself checks (YAML, schema, CEL, its own answer) makes it refuse the
  // object; an analysis error means it would be stored, and then not accepted by its parents.
  const refused = findings.some((f) => f.severity === 'error' && f.source !== 'analysis')
  return (
    <section className="gm-preview" aria-labelledby="gm-preview-title" data-testid="preview">
      <h4 id="gm-preview-title">
        If applied {checks.pending ? <span className="gm-muted">(checking…)</span> : null}
      </h4>
      {checks.error ? <p role="alert">The checks failed to run: {checks.error}</p> : null}
      {attachment && attachment.length > 0 ? (
        <ul className="gm-changes" data-testid="attachment-preview">
          {attachment.map((c) => (
            <Change key={`${c.index}:${c.parent}`} change={c} />
          ))}
        </ul>
      ) : attachment ? (
        <p className="gm-muted">This route names no parent, so it attaches nowhere.</p>
      ) : null}
      <p data-testid="draft-verdict">
        {errors > 0
          ? `✕ ${errors} error${errors === 1 ? '' : 's'}: ${refused ? 'the API server would refuse this' : 'the API server would store this, but it would not be accepted'}.`
          : findings.length > 0
            ? `⚠ No errors; ${findings.length} warning${findings.length === 1 ? '' : 's'} or note${findings.length === 1 ? '' : 's'}.`
            : checks.result
              ? '✓ No problems found.'
              : ''}
      </p>
      {findings.length > 0 ? (
        <ul className="gm-findings" data-testid="draft-findings">
          {findings.map((f) => (
            <FindingRow
              key={`${f.source}:${f.line}:${f.column}:${f.path ?? ''}:${f.message}`}
              finding={f}
              onReveal={onReveal}
            />
          ))}
        </ul>
      ) : null}
    </section>
  )
}
