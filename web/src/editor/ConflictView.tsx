// The object changed since the draft was started: their version and mine side by side, and the way
// forward — rebase my edit on theirs (my changes re-applied to their version), then apply again.
import type { MergeConflict } from '@gatemap/shared'
import type { Theme } from '../app/theme.ts'
import { DiffView } from './DiffView.tsx'

const show = (value: unknown) => (value === undefined ? '(absent)' : JSON.stringify(value))

export function ConflictView({
  theirs,
  mine,
  theme,
  onRebase,
  onCancel,
}: {
  theirs: string
  mine: string
  theme: Theme
  onRebase(): void
  onCancel(): void
}) {
  return (
    <section
      className="gm-conflict"
      role="alertdialog"
      aria-labelledby="gm-conflict-title"
      data-testid="conflict"
    >
      <h4 id="gm-conflict-title">Someone changed this object since you started editing</h4>
      <p>
        Nothing was applied. Left: their version, as it is now. Right: yours. Rebase to re-apply your changes
        on top of theirs; where you both changed the same field, yours is kept and listed so you can decide.
      </p>
      <DiffView
        left={theirs}
        right={mine}
        label="Their version (left) and yours (right)"
        theme={theme}
        testId="conflict-diff"
      />
      <div className="gm-editor-actions">
        <button type="button" onClick={onRebase}>
          Rebase my edit on their version
        </button>
        <button type="button" onClick={onCancel}>
          Keep editing
        </button>
      </div>
    </section>
  )
}

export function ConflictList({ conflicts }: { conflicts: readonly MergeConflict[] }) {
  if (conflicts.length === 0) return null
  return (
    <section className="gm-conflicts" aria-labelledby="gm-conflicts-title" data-testid="rebase-conflicts">
      <h4 id="gm-conflicts-title">
        You both changed {conflicts.length === 1 ? 'one field' : `${conflicts.length} fields`}
      </h4>
      <p>Your values are in the draft. Check them before applying.</p>
      <ul>
        {conflicts.map((c) => (
          <li key={c.path}>
            <code>{c.path}</code>: was {show(c.base)}, theirs {show(c.theirs)}, yours {show(c.mine)}
          </li>
        ))}
      </ul>
    </section>
  )
}
