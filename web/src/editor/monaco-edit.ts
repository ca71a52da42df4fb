// The editors' Monaco: a YAML model per draft with monaco-yaml's completion and hover from the CRD
// version's JSON Schema, Gatemap's findings as markers, and the diff editor. Part of the lazily
// loaded Monaco chunk.
import type { ProposalFinding } from '@gatemap/shared'
import type { DraftSchema } from '@gatemap/shared/view/frame/messages.ts'
import { configureMonacoYaml, type MonacoYaml, type SchemasSettings } from 'monaco-yaml'
import { monaco } from '../panels/monaco.ts'

export { setTheme, toYaml } from '../panels/monaco.ts'

let yaml: MonacoYaml | undefined
/** Schema per model URI; monaco-yaml takes the whole list on every change. */
const schemas = new Map<string, SchemasSettings>()

function yamlSupport(): MonacoYaml {
  // Markers come from Gatemap's own checks (the same code as the API server's rules), so
  // monaco-yaml's validation stays off; its completion and hover read the schema.
  yaml ??= configureMonacoYaml(monaco, {
    enableSchemaRequest: false,
    validate: false,
    completion: true,
    hover: true,
    format: { enable: false },
    isKubernetes: true,
    schemas: [],
  })
  return yaml
}

export function modelUri(key: string): string {
  return `file:///gatemap/drafts/${encodeURIComponent(key)}.yaml`
}

export function applySchema(uri: string, schema: DraftSchema): void {
  schemas.set(uri, { uri: schema.uri, fileMatch: [uri], schema: schema.schema as SchemasSettings['schema'] })
  void yamlSupport().update({ schemas: [...schemas.values()] })
}

export function createYamlEditor(host: HTMLElement, uri: string, value: string, readOnly: boolean) {
  yamlSupport()
  const parsed = monaco.Uri.parse(uri)
  monaco.editor.getModel(parsed)?.dispose()
  const model = monaco.editor.createModel(value, 'yaml', parsed)
  const editor = monaco.editor.create(host, {
    model,
    readOnly,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 13,
    tabSize: 2,
    quickSuggestions: { other: true, comments: false, strings: true },
    ariaLabel: readOnly ? 'YAML of the draft (read-only)' : 'YAML editor for the draft',
  })
  return {
    editor,
    dispose() {
      editor.dispose()
      model.dispose()
      schemas.delete(uri)
    },
  }
}

export type YamlEditor = ReturnType<typeof createYamlEditor>

const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
} as const

const SOURCE: Record<ProposalFinding['source'], string> = {
  yaml: 'YAML',
  request: 'request',
  schema: 'CRD schema',
  cel: 'CRD validation rule (CEL)',
  analysis: 'Gatemap analysis',
  apiserver: 'API server',
}

/** Findings as markers: from the finding's column to the end of what is written on that line. */
export function setFindings(
  model: ReturnType<typeof monaco.editor.createModel>,
  findings: ProposalFinding[],
) {
  const lines = model.getLineCount()
  const markers = findings.map((f) => {
    const line = Math.min(Math.max(f.line, 1), lines)
    const startColumn = Math.max(f.column, 1)
    const endColumn = Math.max(model.getLineLastNonWhitespaceColumn(line), startColumn + 1)
    return {
      severity: SEVERITY[f.severity],
      source: SOURCE[f.source],
      message: f.fix ? `${f.message}\nFix: ${f.fix}` : f.message,
      ...(f.code ? { code: f.code } : {}),
      startLineNumber: line,
      startColumn,
      endLineNumber: line,
      endColumn,
    }
  })
  monaco.editor.setModelMarkers(model, 'gatemap', markers)
}

export function createDiff(host: HTMLElement, left: string, right: string, ariaLabel: string) {
  const original = monaco.editor.createModel(left, 'yaml')
  const modified = monaco.editor.createModel(right, 'yaml')
  const diff = monaco.editor.createDiffEditor(host, {
    readOnly: true,
    originalEditable: false,
    automaticLayout: true,
    renderSideBySide: true,
    // The side panel is narrower than Monaco's breakpoint; their version and mine must stay side by side.
    useInlineViewWhenSpaceIsLimited: false,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 13,
    ariaLabel,
  })
  // The view model is ours to dispose: given plain models, the diff editor keeps a reference to the
  // view model it creates that its own dispose never drops, so a diff still being computed when the
  // editor closed was never cancelled and, its models gone, threw "no diff result available" in the
  // page (seen when "Hide changes" followed "Show changes" quickly on a busy machine).
  const viewModel = diff.createViewModel({ original, modified })
  diff.setModel(viewModel)
  return {
    diff,
    dispose() {
      diff.dispose()
      viewModel.dispose()
      original.dispose()
      modified.dispose()
    },
  }
}
