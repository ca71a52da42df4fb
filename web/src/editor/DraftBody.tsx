// The draft itself: the kind's form, or the YAML editor with every finding as a marker. Both edit
// the same text (use-draft.ts), so switching views loses nothing.
import type { ProposalFinding } from '@gatemap/shared'
import { useMemo } from 'react'
import type { Theme } from '../app/theme.ts'
import { objectOf } from './draft-text.ts'
import { ListenersForm } from './forms/ListenersForm.tsx'
import { RouteForm } from './forms/RouteForm.tsx'
import { hasForm } from './start-draft.ts'
import { type DraftHandle, schemaFor } from './use-draft.ts'
import { YamlEditor } from './YamlEditor.tsx'

export function DraftBody({
  handle,
  serverFindings,
  theme,
  reveal,
}: {
  handle: DraftHandle
  serverFindings: readonly ProposalFinding[]
  theme: Theme
  reveal: { line: number } | undefined
}) {
  const { draft, checks, setText, setObject } = handle
  const { ref } = draft
  const object = useMemo(() => objectOf(draft.text), [draft.text])
  const findings = checks.result?.findings
  const markers = useMemo(() => [...serverFindings, ...(findings ?? [])], [serverFindings, findings])
  const form = draft.view === 'form' && hasForm(ref.kind)
  return (
    <div className={`gm-editor-body${form ? ' is-form' : ' is-yaml'}`}>
      {form ? (
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
  )
}
