// One open draft: its text (the truth; the form edits it in place through the shared YAML editing,
// so comments and order survive), kept in the browser's storage on every change, and checked by
// the graph worker shortly after each change. The newest check result wins; older ones are dropped.
import { editableObject, editObjectText, type KubeObject, rebaseDraft } from '@gatemap/shared'
import type { DraftResult, DraftSchema } from '@gatemap/shared/view/frame/messages.ts'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { DraftAnswer, GraphWorker } from '../app/use-graph-worker.ts'
import type { Draft, DraftStore } from './drafts.ts'

/** Typing pauses this long before a check is sent (the check itself takes a few ms in the worker). */
export const CHECK_DELAY_MS = 40
const SAVE_DELAY_MS = 250

/**
 * The worker sends a CRD version's JSON Schema once per page (it is large); every editor of that
 * apiVersion and kind reads it from here, whichever check result carried it.
 */
const schemas = new Map<string, DraftSchema>()

export function schemaFor(apiVersion: string, kind: string): DraftSchema | undefined {
  return schemas.get(`${apiVersion}/${kind}`)
}

export interface DraftChecks {
  result?: DraftResult
  error?: string
  /** True while the newest text has not been checked yet. */
  pending: boolean
}

export function useDraft(initial: Draft, worker: GraphWorker, store: DraftStore) {
  const [draft, setDraft] = useState(initial)
  const [checks, setChecks] = useState<DraftChecks>({ pending: true })
  const [saveProblem, setSaveProblem] = useState<string | undefined>(undefined)
  const requestId = useRef(0)
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const checkTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const latest = useRef(draft)
  latest.current = draft

  useEffect(() => {
    setDraft(initial)
  }, [initial])

  const check = useCallback(
    (text: string) => {
      requestId.current += 1
      worker.checkDraft({ id: requestId.current, text, file: `${initial.ref.kind} ${initial.ref.name}` })
    },
    [worker, initial.ref],
  )

  useEffect(() => {
    worker.onDraft((answer: DraftAnswer) => {
      // The schema comes once, on whichever result is first; keep it even from a stale one.
      if (answer.type === 'draft-result' && answer.schema)
        schemas.set(`${answer.schema.apiVersion}/${answer.schema.kind}`, answer.schema)
      if (answer.id !== requestId.current) return
      if (answer.type === 'draft-result') setChecks({ result: answer, pending: false })
      else setChecks((c) => ({ ...c, error: answer.message, pending: false }))
    })
    check(latest.current.text)
    return () => worker.onDraft(undefined)
  }, [worker, check])

  const persist = useCallback(
    (next: Draft) => {
      clearTimeout(saveTimer.current)
      saveTimer.current = setTimeout(() => {
        const saved = store.save({ ...next, savedAt: Date.now() })
        setSaveProblem(saved.ok ? undefined : saved.reason)
      }, SAVE_DELAY_MS)
    },
    [store],
  )

  // A draft typed into is saved even if the tab closes before the timer fires.
  useEffect(() => {
    const flush = () => {
      if (saveTimer.current === undefined) return
      clearTimeout(saveTimer.current)
      saveTimer.current = undefined
      store.save({ ...latest.current, savedAt: Date.now() })
    }
    addEventListener('pagehide', flush)
    return () => {
      removeEventListener('pagehide', flush)
      flush()
    }
  }, [store])

  const update = useCallback(
    (patch: Partial<Draft>) => {
      const next = { ...latest.current, ...patch }
      latest.current = next
      setDraft(next)
      persist(next)
      if (patch.text !== undefined) {
        setChecks((c) => ({ ...c, pending: true }))
        clearTimeout(checkTimer.current)
        checkTimer.current = setTimeout(() => check(next.text), CHECK_DELAY_MS)
      }
    },
    [persist, check],
  )

  return {
    draft,
    checks,
    saveProblem,
    setText: (text: string) => update({ text }),
    /** A form edit: the new object written into the text, touching only what changed. */
    setObject: (object: Record<string, unknown>) =>
      update({ text: editObjectText(latest.current.text, object) }),
    setView: (view: Draft['view']) => update({ view }),
    /**
     * Rebase on the object as it is now: my changes since the base, applied to theirs. The text
     * keeps my comments; the conflicts (where both changed the same field) keep my value.
     */
    rebase(theirs: KubeObject, mine: KubeObject, theirText?: string) {
      const latestBase = editableObject(theirs)
      const { merged, conflicts } = rebaseDraft(latest.current.base, mine, latestBase)
      const resourceVersion = theirs.metadata.resourceVersion
      update({
        // Their version as its file writes it, when known; else the changes view serialises it.
        baseText: theirText,
        base: latestBase as unknown as Record<string, unknown>,
        ...(resourceVersion ? { baseResourceVersion: resourceVersion } : {}),
        text: editObjectText(latest.current.text, merged as Record<string, unknown>),
      })
      return conflicts
    },
    discard() {
      clearTimeout(saveTimer.current)
      saveTimer.current = undefined
      store.discard(latest.current.key)
    },
  }
}

export type DraftHandle = ReturnType<typeof useDraft>
