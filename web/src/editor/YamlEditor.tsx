// The draft's YAML in Monaco with monaco-yaml: completion and hover from the CRD version's JSON
// Schema, and Gatemap's findings as markers. The text is the draft's; edits flow up on every change.
import type { ProposalFinding } from '@gatemap/shared'
import type { DraftSchema } from '@gatemap/shared/view/frame/messages.ts'
import { useEffect, useRef } from 'react'
import type { Theme } from '../app/theme.ts'
import {
  applySchema,
  createYamlEditor,
  type YamlEditor as Handle,
  modelUri,
  setFindings,
  setTheme,
} from './monaco-edit.ts'

export interface YamlEditorProps {
  draftKey: string
  text: string
  onText(text: string): void
  findings: readonly ProposalFinding[]
  schema: DraftSchema | undefined
  readOnly: boolean
  theme: Theme
  /** Move the cursor to this line (a new object each time, so the same line can be asked twice). */
  reveal?: { line: number }
}

export function YamlEditor({
  draftKey,
  text,
  onText,
  findings,
  schema,
  readOnly,
  theme,
  reveal,
}: YamlEditorProps) {
  const host = useRef<HTMLDivElement>(null)
  const handle = useRef<Handle | undefined>(undefined)
  const onTextRef = useRef(onText)
  onTextRef.current = onText
  const uri = modelUri(draftKey)

  // One editor per draft; recreated only when another draft opens.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the initial text is read once per draft
  useEffect(() => {
    if (!host.current) return
    const created = createYamlEditor(host.current, uri, text, readOnly)
    handle.current = created
    const subscription = created.editor.onDidChangeModelContent(() =>
      onTextRef.current(created.editor.getValue()),
    )
    return () => {
      subscription.dispose()
      created.dispose()
      handle.current = undefined
    }
  }, [uri])

  // Text changed from outside (the form, a rebase): replace it as one undoable edit.
  useEffect(() => {
    const editor = handle.current?.editor
    const model = editor?.getModel()
    if (!editor || !model || model.getValue() === text) return
    editor.executeEdits('gatemap', [{ range: model.getFullModelRange(), text }])
  }, [text])

  useEffect(() => {
    handle.current?.editor.updateOptions({ readOnly })
  }, [readOnly])

  useEffect(() => {
    const model = handle.current?.editor.getModel()
    if (model) setFindings(model, [...findings])
  }, [findings])

  useEffect(() => {
    if (schema) applySchema(uri, schema)
  }, [schema, uri])

  useEffect(() => setTheme(theme), [theme])

  useEffect(() => {
    const editor = handle.current?.editor
    if (!editor || !reveal) return
    editor.revealLineInCenter(reveal.line)
    editor.setPosition({ lineNumber: reveal.line, column: 1 })
    editor.focus()
  }, [reveal])

  return <div className="gm-yaml gm-yaml-editor" ref={host} data-testid="yaml-editor" />
}
