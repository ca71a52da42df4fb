// The chain of checks behind a verdict, step by step: what was checked, on which fields of which
// objects, what was found, and what to change.
import type { Check, ObjectRef } from '@gatemap/shared'

const OUTCOME = {
  pass: { glyph: '✓', word: 'passed' },
  fail: { glyph: '✕', word: 'failed' },
  warn: { glyph: '⚠', word: 'warning' },
  info: { glyph: 'ℹ', word: 'note' },
} as const

export function ObjectLink({ object, onOpen }: { object: ObjectRef; onOpen(object: ObjectRef): void }) {
  return (
    <button type="button" className="gm-link" onClick={() => onOpen(object)}>
      {object.kind} {object.namespace ? `${object.namespace}/` : ''}
      {object.name}
    </button>
  )
}

export function Checks({ checks, onOpen }: { checks: readonly Check[]; onOpen(object: ObjectRef): void }) {
  if (checks.length === 0) return null
  return (
    <ol className="gm-checks">
      {checks.map((c) => (
        <li key={`${c.rule}:${c.message}`} className={`outcome-${c.outcome}`} data-rule={c.rule}>
          <span className="gm-outcome">
            <span aria-hidden="true">{OUTCOME[c.outcome].glyph}</span> {OUTCOME[c.outcome].word}
          </span>
          <span className="gm-check-message">{c.message}</span>
          {c.fields.length > 0 ? (
            <ul className="gm-fields">
              {c.fields.map((f) => (
                <li key={`${f.object.kind}/${f.object.namespace}/${f.object.name}:${f.path}`}>
                  <ObjectLink object={f.object} onOpen={onOpen} /> <code>{f.path}</code>
                  {f.value !== undefined ? (
                    <>
                      {' '}
                      = <code className="gm-value">{f.value}</code>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
          {c.fix ? (
            <p className="gm-fix">
              <strong>Fix:</strong> {c.fix}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  )
}
