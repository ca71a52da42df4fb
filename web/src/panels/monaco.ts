// Monaco with only what the read-only viewer needs: the core editor and YAML highlighting. Its
// editor worker is bundled by Vite and served from our origin (the CSP allows nothing else).
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js'
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js'
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker'
import { stringify } from 'yaml'

self.MonacoEnvironment = { getWorker: () => new EditorWorker() }

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

export function setTheme(theme: 'light' | 'dark') {
  monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs')
}

export function toYaml(object: unknown): string {
  return object === undefined ? '' : stringify(object, { lineWidth: 0 })
}
