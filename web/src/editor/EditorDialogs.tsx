// The editor's dialogs and the changes view: each one shows what one state of the editor's request
// machine (editor-state.ts) asks the person to decide or read.
import type { Theme } from '../app/theme.ts'
import { DiffView } from './DiffView.tsx'
import type { ChangesState } from './editor-state.ts'
import { OwnershipView } from './OwnershipView.tsx'

/** Server-side apply's own conflict: take the other tool's fields over, or not. */
export function OwnedElsewhere({
  message,
  dryRun,
  busy,
  onForce,
  onCancel,
}: {
  message: string
  dryRun: boolean
  busy: boolean
  onForce(): void
  onCancel(): void
}) {
  return (
    <section
      className="gm-conflict"
      role="alertdialog"
      aria-labelledby="gm-owned-title"
      data-testid="field-owners"
    >
      <h4 id="gm-owned-title">Another tool manages fields you changed</h4>
      <p>
        {message}. Applying anyway makes Gatemap their manager; the other tool may change them back on its
        next apply.
      </p>
      <div className="gm-editor-actions">
        <button type="button" onClick={onForce} disabled={busy}>
          {dryRun ? 'Dry run taking over these fields' : 'Take over these fields and apply'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  )
}

export function ConfirmDelete({
  title,
  kind,
  folder,
  onDelete,
  onCancel,
}: {
  title: string
  kind: string
  folder: boolean
  onDelete(): void
  onCancel(): void
}) {
  return (
    <section
      className="gm-confirm"
      role="alertdialog"
      aria-labelledby="gm-delete-title"
      data-testid="confirm-delete"
    >
      <h4 id="gm-delete-title">Delete {title}?</h4>
      <p>It is removed {folder ? 'from its file' : 'from the cluster'}; this cannot be undone here.</p>
      <div className="gm-editor-actions">
        <button type="button" className="gm-danger" onClick={onDelete}>
          Delete {kind}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  )
}

/** The current object's text beside the draft's, and what Apply would send when that was asked. */
export function ChangesView({
  changes,
  before,
  after,
  theme,
}: {
  changes: Extract<ChangesState, { type: 'shown' }>
  before: string
  after: string
  theme: Theme
}) {
  const { plan } = changes
  return (
    <section className="gm-diff-wrap" aria-label="Changes against the current object">
      <DiffView
        left={before}
        right={after}
        label="The current object (left) and your draft (right)"
        theme={theme}
        testId="diff"
      />
      {plan.state === 'none' ? null : <OwnershipView plan={plan} />}
    </section>
  )
}
