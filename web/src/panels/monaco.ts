// Monaco with only what Gatemap needs: the core editor, completion and hover, YAML highlighting, and the workers it asks
// for by label — the editor worker, and monaco-yaml's worker (completion and hover from the CRD's
// JSON Schema) for the editors. Workers are bundled by Vite and served from our origin (the CSP
// allows nothing else; never a CDN).
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js'
// editor.api is the bare editor: the suggest widget (completion) and hovers (schema docs, marker
// messages) are contributions of their own, and monaco-yaml's providers need both.
import 'monaco-editor/esm/vs/editor/contrib/hover/browser/hoverContribution.js'
import 'monaco-editor/esm/vs/editor/contrib/suggest/browser/suggestController.js'
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js'
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker'
import YamlWorker from 'monaco-yaml/yaml.worker.js?worker'
import { stringify } from 'yaml'

self.MonacoEnvironment = {
  getWorker: (_moduleId: string, label: string) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
}

export { monaco }

export function createYamlViewer(host: HTMLElement) {
  return monaco.editor.create(host, {
    value: '',
    language: 'yaml',
    readOnly: true,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 13,
    ariaLabel: 'YAML of the selected object (read-only)',
  })
}

// Monaco's own themes draw the number of a file's last, empty line at 40% of the gutter's colour, far
// below AA contrast. Ours differ only there: light gets a grey that still reads as quieter than the
// teal numbers yet keeps 4.8:1 on the white background; in dark the gutter's numbers are already at
// 4.5:1, so the dimmed one takes their colour (anything dimmer would fail).
monaco.editor.defineTheme('gatemap-light', {
  base: 'vs',
  inherit: true,
  rules: [],
  colors: { 'editorLineNumber.dimmedForeground': '#6a737d' },
})
monaco.editor.defineTheme('gatemap-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: { 'editorLineNumber.dimmedForeground': '#858585' },
})

export function setTheme(theme: 'light' | 'dark') {
  monaco.editor.setTheme(theme === 'dark' ? 'gatemap-dark' : 'gatemap-light')
}

export function toYaml(object: unknown): string {
  return object === undefined ? '' : stringify(object, { lineWidth: 0 })
}
