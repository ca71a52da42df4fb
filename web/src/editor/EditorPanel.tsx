// The editor's entry, loaded only when opened: starts (or resumes) the draft the person asked for,
// then hands it to DraftEditor. In folder mode an edit starts from the object's own text in its
// file, comments included, read from the server first.
import type { KubeObject } from '@gatemap/shared'
import { useEffect, useMemo, useState } from 'react'
import type { Theme } from '../app/theme.ts'
import type { GraphWorker } from '../app/use-graph-worker.ts'
import { fetchSourceText } from '../panels/source-text.ts'
import { loadSession } from './api.ts'
import { DraftEditor } from './DraftEditor.tsx'
import { DraftStore, draftKey } from './drafts.ts'
import type { EditIntent } from './intent.ts'
import { type FileText, type Started, startDraft } from './start-draft.ts'
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
  const [started, setStarted] = useState<{ intent: EditIntent; started: Started } | undefined>(undefined)
  // A new intent starts a new draft; nothing else should (`exists` is read once, at the start).
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    let live = true
    void startOnce(props.intent, store, props.exists).then((s) => {
      if (live) setStarted({ intent: props.intent, started: s })
    })
    return () => {
      live = false
    }
  }, [props.intent, store])
  const current = started?.intent === props.intent ? started.started : undefined
  const { onKey } = props
  useEffect(() => {
    if (current) onKey(current.draft?.key)
  }, [current, onKey])
  if (!current) return <p className="gm-empty">Opening the editor…</p>
  if (!current.draft) return <p className="gm-empty">{current.note}</p>
  return (
    <DraftEditor
      key={current.draft.key}
      initial={current.draft}
      note={current.note}
      store={store}
      worker={props.worker}
      theme={props.theme}
      onDone={props.onDone}
    />
  )
}

/**
 * Starting a draft saves it, and React may render (and discard) a first mount more than once, so
 * each intent is started once; a second start would otherwise find the draft just saved and call
 * it "your earlier draft".
 */
const startedBy = new WeakMap<EditIntent, Promise<Started>>()
function startOnce(intent: EditIntent, store: DraftStore, exists: EditorPanelProps['exists']) {
  let started = startedBy.get(intent)
  if (!started) {
    started = begin(intent, store, exists)
    startedBy.set(intent, started)
  }
  return started
}

async function begin(intent: EditIntent, store: DraftStore, exists: EditorPanelProps['exists']) {
  if (intent.type !== 'edit') return startDraft(intent, store, exists)
  const { object } = intent
  const key = draftKey({
    apiVersion: object.apiVersion,
    kind: object.kind,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
    name: object.metadata.name,
  })
  // An earlier draft is resumed as it was; only a fresh one reads the file.
  if (store.load(key)) return startDraft(intent, store, exists)
  const read = await fromFile(object)
  const started = startDraft(intent, store, exists, read.file)
  return read.problem && !started.note ? { ...started, note: read.problem } : started
}

async function fromFile(object: KubeObject): Promise<{ file?: FileText; problem?: string }> {
  const session = await loadSession().catch(() => undefined)
  if (session?.source.mode !== 'folder') return {}
  const answer = await fetchSourceText(object)
  if (answer.ok) return { file: { text: answer.value.text, object: answer.value.object as KubeObject } }
  return {
    problem: `Its file could not be read (${answer.message}), so the draft starts from the object as Gatemap holds it, without the file's comments.`,
  }
}
