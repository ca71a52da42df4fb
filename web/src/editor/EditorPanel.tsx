// The editor: one draft of one object, as a form or as YAML (two views of the same text), the live
// checks and attachment preview beside it, and diff, dry run, apply and delete. A stale draft stops
// with a conflict view instead of overwriting someone else's change. Loaded only when opened.
import {
  type ErrorResponse,
  editableObject,
  type KubeObject,
  type MergeConflict,
  type Ownership,
  type ProposalFinding,
  parseManifests,
  safeFieldPath,
} from '@gatemap/shared'
import { useEffect, useMemo, useState } from 'react'
import { parse } from 'yaml'
import type { Theme } from '../app/theme.ts'
import type { GraphWorker } from '../app/use-graph-worker.ts'
import { deleteObject, loadSession, type Session, writeDraft } from './api.ts'
import { ConflictList, ConflictView } from './ConflictView.tsx'
import { DiffView } from './DiffView.tsx'
import { type Draft, DraftStore } from './drafts.ts'
import { ListenersForm } from './forms/ListenersForm.tsx'
import { RouteForm } from './forms/RouteForm.tsx'
import type { EditIntent } from './intent.ts'
import { type OwnershipState, OwnershipView } from './OwnershipView.tsx'
import { Preview } from './Preview.tsx'
import { hasForm, startDraft, toYamlText } from './start-draft.ts'
import { schemaFor, useDraft } from './use-draft.ts'
import { YamlEditor } from './YamlEditor.tsx'
import './editor.css'

export interface EditorPanelProps {
  intent: EditIntent
  worker: GraphWorker
  theme: Theme
  /** Whether an object exists in what the page shows (for free names of new objects). */
  exists(kind: string, namespace: string | undefined, name: string): boolean
  /** The draft's key, for the address bar, once it is known. */
  onKey(key: string | undefined): void
  onDone(object: KubeObject | undefined): void
}

export default function EditorPanel(props: EditorPanelProps) {
  const store = useMemo(() => new DraftStore(localStorage), [])
  // A new intent starts a new draft; nothing else should (`exists` is read once, at the start).
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  const started = useMemo(() => startOnce(props.intent, store, props.exists), [props.intent, store])
  const { onKey } = props
  useEffect(() => onKey(started.draft?.key), [started, onKey])
  if (!started.draft) return <p className="gm-empty">{started.note}</p>
  return <DraftEditor {...props} initial={started.draft} note={started.note} store={store} />
}

/**
 * Starting a draft saves it, and React may render (and discard) a first mount more than once, so
 * each intent is started once; a second render would otherwise find the draft just saved and call
 * it "your earlier draft".
 */
const startedBy = new WeakMap<EditIntent, ReturnType<typeof startDraft>>()
function startOnce(intent: EditIntent, store: DraftStore, exists: EditorPanelProps['exists']) {
  let started = startedBy.get(intent)
  if (!started) {
    started = startDraft(intent, store, exists)
    startedBy.set(intent, started)
  }
  return started
}

/** The text's one object as written (no defaults), for the form; undefined when the YAML is broken. */
function objectOf(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = parse(text)
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** The draft's text with the resourceVersion it was based on, so a stale apply is a conflict. */
function withResourceVersion(text: string, resourceVersion: string | undefined): string {
  const object = objectOf(text)
  if (!object || !resourceVersion) return text
  const metadata = (object.metadata ?? {}) as Record<string, unknown>
  return toYamlText({ ...object, metadata: { ...metadata, resourceVersion } })
}

type Outcome = { kind: 'ok' | 'error'; text: string }

/** Removals an apply alone cannot make are a second request; a dry run says so. */
function patchNote(ownership: Ownership | undefined): string {
  const paths = ownership?.removedByPatch.map((r) => r.path) ?? []
  return paths.length === 0
    ? ''
    : ` Other tools also set ${paths.join(', ')}: Apply removes them with a second request right after the apply.`
}

function DraftEditor({
  initial,
  note,
  store,
  worker,
  theme,
  onDone,
}: EditorPanelProps & { initial: Draft; note: string | undefined; store: DraftStore }) {
  const { draft, checks, saveProblem, setText, setObject, setView, rebase, discard } = useDraft(
    initial,
    worker,
    store,
  )
  const [session, setSession] = useState<Session | undefined>(undefined)
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined)
  const [serverFindings, setServerFindings] = useState<ProposalFinding[]>([])
  const [overlay, setOverlay] = useState<'diff' | 'conflict' | 'delete' | undefined>(undefined)
  const [theirs, setTheirs] = useState<KubeObject | undefined>(undefined)
  const [conflicts, setConflicts] = useState<MergeConflict[]>([])
  const [reveal, setReveal] = useState<{ line: number } | undefined>(undefined)
  const [ownedElsewhere, setOwnedElsewhere] = useState<{ message: string; dryRun: boolean } | undefined>(
    undefined,
  )
  const [ownership, setOwnership] = useState<OwnershipState | undefined>(undefined)

  useEffect(() => {
    loadSession()
      .then(setSession)
      .catch(() => setSession(undefined))
  }, [])

  const object = useMemo(() => objectOf(draft.text), [draft.text])
  const { ref } = draft
  const title = `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`
  const current = checks.result?.current
  const changedSince =
    !draft.isNew &&
    current?.metadata.resourceVersion !== undefined &&
    current.metadata.resourceVersion !== draft.baseResourceVersion
  const readOnly = session?.readOnly ?? false
  const file = `${ref.kind.toLowerCase()}-${ref.name}.yaml`
  const findings = checks.result?.findings ?? []
  const markers = useMemo(() => [...serverFindings, ...findings], [serverFindings, findings])

  /** The API server's causes, placed on the draft's lines where the field can be found. */
  function placeCauses(causes: ErrorResponse['causes']) {
    const loaded = parseManifests(draft.text, file).objects[0]
    return (causes ?? []).map<ProposalFinding>((c) => {
      // The text sent carries the resourceVersion and loses comments, so the server's own line
      // numbers may not match the draft's: the field, found in the draft itself, comes first.
      let at = { line: c.line ?? 0, column: c.column ?? 0 }
      if (c.field && loaded) {
        const pos = loaded.locate(safeFieldPath(c.field))
        at = { line: pos.line, column: pos.column }
      }
      return {
        severity: 'error',
        source: 'apiserver',
        message: c.message,
        ...(c.field ? { path: c.field } : {}),
        ...at,
      }
    })
  }

  async function write(dryRun: boolean, force = false) {
    setBusy(true)
    setOutcome(undefined)
    setServerFindings([])
    setOwnedElsewhere(undefined)
    const text = draft.isNew ? draft.text : withResourceVersion(draft.text, draft.baseResourceVersion)
    const answer = await writeDraft(draft.isNew ? 'create' : 'apply', text, file, dryRun, force)
    setBusy(false)
    if (answer.ok) {
      if (dryRun) {
        setOutcome({
          kind: 'ok',
          text:
            session?.source.mode === 'folder'
              ? 'Dry run passed: Gatemap checked the change against the CRD schema and its rules (folder mode has no API server). Nothing was written.'
              : `Dry run passed: the API server accepts this change. Nothing was written.${patchNote(answer.value.ownership)}`,
        })
        return
      }
      discard()
      onDone(answer.value.object)
      return
    }
    const { error } = answer
    // Server-side apply's own conflict: fields another manager (kubectl, a controller) set. Not a
    // stale draft — the person decides whether to take those fields over.
    if (error.status === 409 && /^Apply failed with \d+ conflict/.test(error.message)) {
      setOwnedElsewhere({ message: error.message, dryRun })
      setOutcome({ kind: 'error', text: `Not ${dryRun ? 'dry-run' : 'applied'}: ${error.message}` })
      return
    }
    if (error.status === 409 && error.current && !draft.isNew) {
      setTheirs(error.current)
      setOverlay('conflict')
      setOutcome({ kind: 'error', text: `Conflict: ${error.message}` })
      return
    }
    setServerFindings(placeCauses(error.causes))
    const who = error.status === 403 ? 'Refused' : dryRun ? 'Dry run failed' : 'Not applied'
    setOutcome({ kind: 'error', text: `${who} (${error.reason}): ${error.message}` })
  }

  /** The diff, and in cluster mode what the apply would send, from a dry run of the same request. */
  async function showChanges() {
    if (overlay === 'diff') {
      setOverlay(undefined)
      return
    }
    setOverlay('diff')
    if (session?.source.mode !== 'cluster' || draft.isNew) {
      setOwnership(undefined)
      return
    }
    setOwnership({ state: 'loading' })
    const text = withResourceVersion(draft.text, draft.baseResourceVersion)
    // What is sent does not depend on force; with it, a field another tool manages does not hide the
    // plan behind a conflict (Dry run and Apply still stop at that conflict and offer the choice).
    const answer = await writeDraft('apply', text, file, true, true)
    if (answer.ok && answer.value.ownership) setOwnership({ state: 'ok', ownership: answer.value.ownership })
    else setOwnership({ state: 'error', message: answer.ok ? 'no plan came back' : answer.error.message })
  }

  async function remove() {
    setOverlay(undefined)
    if (!current) return
    setBusy(true)
    const answer = await deleteObject({ ...current, metadata: { ...current.metadata } })
    setBusy(false)
    if (answer.ok) {
      discard()
      onDone(undefined)
    } else
      setOutcome({ kind: 'error', text: `Not deleted (${answer.error.reason}): ${answer.error.message}` })
  }

  function startRebase() {
    const mine = objectOf(draft.text)
    if (!theirs || !mine) return
    setConflicts(rebase(theirs, mine as unknown as KubeObject))
    setOverlay(undefined)
    setOutcome({ kind: 'ok', text: 'Rebased on their version. Check the preview, then apply again.' })
  }

  const applyBlocked = readOnly
    ? 'Gatemap runs read-only (--read-only): you can draft and dry-run, but nothing is written.'
    : undefined

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
      {applyBlocked ? (
        <p className="gm-note" data-testid="read-only-note">
          🔒 {applyBlocked}
        </p>
      ) : null}
      <ConflictList conflicts={conflicts} />
      {ownedElsewhere ? (
        <section
          className="gm-conflict"
          role="alertdialog"
          aria-labelledby="gm-owned-title"
          data-testid="field-owners"
        >
          <h4 id="gm-owned-title">Another tool manages fields you changed</h4>
          <p>
            {ownedElsewhere.message}. Applying anyway makes Gatemap their manager; the other tool may change
            them back on its next apply.
          </p>
          <div className="gm-editor-actions">
            <button type="button" onClick={() => void write(ownedElsewhere.dryRun, true)} disabled={busy}>
              {ownedElsewhere.dryRun
                ? 'Dry run taking over these fields'
                : 'Take over these fields and apply'}
            </button>
            <button type="button" onClick={() => setOwnedElsewhere(undefined)}>
              Cancel
            </button>
          </div>
        </section>
      ) : null}
      {overlay === 'conflict' && theirs ? (
        <ConflictView
          theirs={toYamlText(editableObject(theirs))}
          mine={draft.text}
          theme={theme}
          onRebase={startRebase}
          onCancel={() => setOverlay(undefined)}
        />
      ) : null}
      {overlay === 'diff' ? (
        <section className="gm-diff-wrap" aria-label="Changes against the current object">
          <DiffView
            left={draft.base ? toYamlText(draft.base) : ''}
            right={draft.text}
            label="The current object (left) and your draft (right)"
            theme={theme}
            testId="diff"
          />
          {ownership ? <OwnershipView plan={ownership} /> : null}
        </section>
      ) : null}
      {overlay === 'delete' ? (
        <section
          className="gm-confirm"
          role="alertdialog"
          aria-labelledby="gm-delete-title"
          data-testid="confirm-delete"
        >
          <h4 id="gm-delete-title">Delete {title}?</h4>
          <p>
            It is removed {session?.source.mode === 'folder' ? 'from its file' : 'from the cluster'}; this
            cannot be undone here.
          </p>
          <div className="gm-editor-actions">
            <button type="button" className="gm-danger" onClick={() => void remove()}>
              Delete {ref.kind}
            </button>
            <button type="button" onClick={() => setOverlay(undefined)}>
              Cancel
            </button>
          </div>
        </section>
      ) : null}
      <div className="gm-editor-body">
        {draft.view === 'form' && hasForm(ref.kind) ? (
          object ? (
            ref.kind === 'Gateway' ? (
              <ListenersForm object={object} onChange={setObject} readOnly={false} />
            ) : (
              <RouteForm
                object={object}
                onChange={setObject}
                parents={checks.result?.parents ?? []}
                services={new Map(Object.entries(checks.result?.services ?? {}))}
                readOnly={false}
              />
            )
          ) : (
            <p role="alert">The YAML cannot be read, so the form cannot show it. Fix it in the YAML view.</p>
          )
        ) : (
          <YamlEditor
            draftKey={draft.key}
            text={draft.text}
            onText={setText}
            findings={markers}
            schema={object ? schemaFor(String(object.apiVersion), String(object.kind)) : undefined}
            readOnly={false}
            theme={theme}
            {...(reveal ? { reveal } : {})}
          />
        )}
      </div>
      <Preview
        checks={checks}
        extra={serverFindings}
        onReveal={(line) => {
          setView('yaml')
          setReveal({ line })
        }}
      />
      <footer className="gm-editor-actions">
        <button type="button" onClick={() => void showChanges()} aria-pressed={overlay === 'diff'}>
          {overlay === 'diff' ? 'Hide changes' : 'Show changes'}
        </button>
        <button type="button" disabled={busy} onClick={() => void write(true)}>
          Dry run
        </button>
        <button
          type="button"
          className="gm-primary"
          disabled={busy || readOnly}
          onClick={() => void write(false)}
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
            onClick={() => setOverlay('delete')}
          >
            Delete…
          </button>
        ) : null}
      </footer>
      <p
        role="status"
        className={`gm-editor-outcome outcome-${outcome?.kind ?? 'none'}`}
        data-testid="editor-outcome"
      >
        {busy ? 'Sending…' : (outcome?.text ?? '')}
      </p>
    </section>
  )
}
