// One draft of one object, as a form or as YAML (two views of the same text), the live checks and
// attachment preview beside it, and diff, dry run, apply and delete. The requests are one state
// machine (editor-state.ts); a stale draft stops with a conflict view instead of overwriting.
import { editableObject, type KubeObject } from '@gatemap/shared'
import { useEffect, useMemo, useReducer, useRef, useState } from 'react'
import type { Theme } from '../app/theme.ts'
import type { GraphWorker } from '../app/use-graph-worker.ts'
import { fetchSourceText } from '../panels/source-text.ts'
import { deleteObject, loadSession, type Session, writeDraft } from './api.ts'
import { ConflictList, ConflictView } from './ConflictView.tsx'
import { DraftBody } from './DraftBody.tsx'
import { objectOf, patchNote, placeCauses, withResourceVersion } from './draft-text.ts'
import type { Draft, DraftStore } from './drafts.ts'
import { ChangesView, ConfirmDelete, OwnedElsewhere } from './EditorDialogs.tsx'
import {
  classifyFailure,
  editorReducer,
  initialEditorState,
  type Operation,
  outcomeOf,
  serverFindingsOf,
} from './editor-state.ts'
import { Preview } from './Preview.tsx'
import { hasForm, toYamlText } from './start-draft.ts'
import { useDraft } from './use-draft.ts'

export interface DraftEditorProps {
  initial: Draft
  note: string | undefined
  store: DraftStore
  worker: GraphWorker
  theme: Theme
  onDone(object: KubeObject | undefined): void
}

export function DraftEditor({ initial, note, store, worker, theme, onDone }: DraftEditorProps) {
  const handle = useDraft(initial, worker, store)
  const { draft, checks, saveProblem, setView, rebase, discard } = handle
  const [state, dispatch] = useReducer(editorReducer, initialEditorState)
  const { request, changes } = state
  const [session, setSession] = useState<Session | undefined>(undefined)
  const [reveal, setReveal] = useState<{ line: number } | undefined>(undefined)

  useEffect(() => {
    loadSession()
      .then(setSession)
      .catch(() => setSession(undefined))
  }, [])

  // Applied or deleted: the draft is done with, and the page closes the editor (once per answer).
  const finish = useRef({ discard, onDone })
  finish.current = { discard, onDone }
  useEffect(() => {
    if (request.type !== 'done') return
    finish.current.discard()
    finish.current.onDone(request.object)
  }, [request])

  const { ref } = draft
  const title = `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`
  const current = checks.result?.current
  const changedSince =
    !draft.isNew &&
    current?.metadata.resourceVersion !== undefined &&
    current.metadata.resourceVersion !== draft.baseResourceVersion
  const readOnly = session?.readOnly ?? false
  const folder = session?.source.mode === 'folder'
  const file = `${ref.kind.toLowerCase()}-${ref.name}.yaml`
  const busy = request.type === 'sending'
  const serverFindings = useMemo(() => serverFindingsOf(request), [request])
  const outcome = outcomeOf(request)

  async function write(operation: Exclude<Operation, 'delete'>, force = false) {
    dispatch({ type: 'send', operation, force })
    const dryRun = operation === 'dry-run'
    const text = draft.isNew ? draft.text : withResourceVersion(draft.text, draft.baseResourceVersion)
    const answer = await writeDraft(draft.isNew ? 'create' : 'apply', text, file, dryRun, force)
    if (answer.ok && dryRun)
      dispatch({
        type: 'dry-run-passed',
        message: folder
          ? 'Dry run passed: Gatemap checked the change against the CRD schema and its rules (folder mode has no API server). Nothing was written.'
          : `Dry run passed: the API server accepts this change. Nothing was written.${patchNote(answer.value.ownership)}`,
      })
    else if (answer.ok) dispatch({ type: 'done', object: answer.value.object })
    else {
      const findings = placeCauses(draft.text, file, answer.error.causes)
      const failure = classifyFailure(answer.error, { operation, isNew: draft.isNew }, findings)
      dispatch({ type: 'failed', failure })
    }
  }

  /** The diff, and in cluster mode what the apply would send, from a dry run of the same request. */
  async function showChanges() {
    if (changes.type === 'shown') {
      dispatch({ type: 'hide-changes' })
      return
    }
    const plan = session?.source.mode === 'cluster' && !draft.isNew
    dispatch({ type: 'show-changes', plan: plan ? 'loading' : 'none' })
    if (!plan) return
    const text = withResourceVersion(draft.text, draft.baseResourceVersion)
    // What is sent does not depend on force; with it, a field another tool manages does not hide the
    // plan behind a conflict (Dry run and Apply still stop at that conflict and offer the choice).
    const answer = await writeDraft('apply', text, file, true, true)
    dispatch({
      type: 'plan',
      answer:
        answer.ok && answer.value.ownership
          ? { state: 'ok', ownership: answer.value.ownership }
          : { state: 'error', message: answer.ok ? 'no plan came back' : answer.error.message },
    })
  }

  async function remove() {
    if (!current) return
    dispatch({ type: 'send', operation: 'delete' })
    const answer = await deleteObject({ ...current, metadata: { ...current.metadata } })
    if (answer.ok) dispatch({ type: 'done', object: undefined })
    else
      dispatch({
        type: 'failed',
        failure: classifyFailure(answer.error, { operation: 'delete', isNew: false }, []),
      })
  }

  // Folder mode: their version as its file now writes it, for the conflict view and the new base.
  const [theirText, setTheirText] = useState<{ version: string; text: string } | undefined>(undefined)
  const theirs = request.type === 'stale-conflict' ? request.theirs : undefined
  useEffect(() => {
    if (!folder || !theirs) return
    let live = true
    void fetchSourceText(theirs).then((answer) => {
      const version = answer.ok ? answer.value.object.metadata.resourceVersion : undefined
      // Only the very version the conflict is about: a newer one would be a different conflict.
      if (live && answer.ok && version !== undefined && version === theirs.metadata.resourceVersion)
        setTheirText({ version, text: answer.value.text })
    })
    return () => {
      live = false
    }
  }, [folder, theirs])
  const theirFileText =
    theirs && theirText && theirText.version === theirs.metadata.resourceVersion ? theirText.text : undefined

  function startRebase() {
    const mine = objectOf(draft.text)
    if (request.type !== 'stale-conflict' || !mine) return
    const conflicts = rebase(request.theirs, mine as unknown as KubeObject, theirFileText)
    dispatch({ type: 'rebased', conflicts })
  }

  return (
    <section className="gm-editor" data-testid="editor" aria-labelledby="gm-editor-title">
      <header className="gm-editor-head">
        <h3 id="gm-editor-title">
          {draft.isNew ? 'New' : 'Editing'} {title}
        </h3>
        <div role="radiogroup" aria-label="Edit as" className="gm-editor-views">
          {(['form', 'yaml'] as const).map((v) => (
            <label key={v}>
              <input
                type="radio"
                name="gm-edit-view"
                value={v}
                checked={draft.view === v}
                disabled={v === 'form' && !hasForm(ref.kind)}
                onChange={() => setView(v)}
              />{' '}
              {v === 'form' ? 'Form' : 'YAML'}
            </label>
          ))}
        </div>
        <p className="gm-muted" data-testid="draft-saved">
          {saveProblem ?? 'Draft kept in this browser until applied or discarded.'}
        </p>
      </header>
      {note ? <p className="gm-note">{note}</p> : null}
      {changedSince ? (
        <p className="gm-note" role="status" data-testid="changed-since">
          ⚠ This object changed since your draft started. Applying will stop with a conflict so you can
          compare and rebase.
        </p>
      ) : null}
      {readOnly ? (
        <p className="gm-note" data-testid="read-only-note">
          <LockIcon />
          Gatemap runs read-only (--read-only): you can draft and dry-run, but nothing is written.
        </p>
      ) : null}
      {request.type === 'rebased' ? <ConflictList conflicts={request.conflicts} /> : null}
      {request.type === 'ssa-conflict' ? (
        <OwnedElsewhere
          message={request.message}
          dryRun={request.dryRun}
          busy={busy}
          onForce={() => void write(request.dryRun ? 'dry-run' : 'apply', true)}
          onCancel={() => dispatch({ type: 'cancel' })}
        />
      ) : null}
      {request.type === 'stale-conflict' ? (
        <ConflictView
          theirs={theirFileText ?? toYamlText(editableObject(request.theirs))}
          mine={draft.text}
          theme={theme}
          onRebase={startRebase}
          onCancel={() => dispatch({ type: 'cancel' })}
        />
      ) : null}
      {changes.type === 'shown' ? (
        <ChangesView
          changes={changes}
          before={draft.baseText ?? (draft.base ? toYamlText(draft.base) : '')}
          after={draft.text}
          theme={theme}
        />
      ) : null}
      {request.type === 'confirm-delete' ? (
        <ConfirmDelete
          title={title}
          kind={ref.kind}
          folder={folder}
          onDelete={() => void remove()}
          onCancel={() => dispatch({ type: 'cancel' })}
        />
      ) : null}
      <DraftBody handle={handle} serverFindings={serverFindings} theme={theme} reveal={reveal} />
      <Preview
        checks={checks}
        extra={serverFindings}
        onReveal={(line) => {
          setView('yaml')
          setReveal({ line })
        }}
      />
      <footer className="gm-editor-actions">
        <button type="button" onClick={() => void showChanges()} aria-pressed={changes.type === 'shown'}>
          {changes.type === 'shown' ? 'Hide changes' : 'Show changes'}
        </button>
        <button type="button" disabled={busy} onClick={() => void write('dry-run')}>
          Dry run
        </button>
        <button
          type="button"
          className="gm-primary"
          disabled={busy || readOnly}
          onClick={() => void write('apply')}
        >
          {draft.isNew ? 'Create' : 'Apply'}
        </button>
        <button
          type="button"
          onClick={() => {
            discard()
            onDone(current)
          }}
        >
          Discard draft
        </button>
        {!draft.isNew && current ? (
          <button
            type="button"
            className="gm-danger"
            disabled={busy || readOnly}
            onClick={() => dispatch({ type: 'ask-delete' })}
          >
            Delete…
          </button>
        ) : null}
      </footer>
      <p role="status" className={`gm-editor-outcome outcome-${outcome.kind}`} data-testid="editor-outcome">
        {outcome.text}
      </p>
    </section>
  )
}

/** A padlock drawn, not typed: the bundled fonts have no emoji, and U+1F512 showed as a box. */
function LockIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 16 16"
      width="0.95em"
      height="0.95em"
      style={{ marginRight: '0.35em', verticalAlign: '-0.1em' }}
    >
      <path
        fill="currentColor"
        fillRule="evenodd"
        d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2H13v8H3V7zm2 0h3V5a1.5 1.5 0 0 0-3 0z"
      />
    </svg>
  )
}
