// Objects that must validate: every Gateway API object in the conformance module's manifests and in
// examples/, read as written (YAML straight to JSON, no loader normalisation).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parseAllDocuments } from 'yaml'
import { conformanceDir } from '../conformance/module.ts'

export interface CorpusObject {
  /** `file: Kind/name`, the form e2e/test/cluster/examples.test.ts uses. */
  id: string
  object: Record<string, unknown>
}

export const EXAMPLES_DIR = join(import.meta.dirname, '../../../examples')
const GATEWAY_API_GROUPS = new Set(['gateway.networking.k8s.io', 'gateway.networking.x-k8s.io'])

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) return yamlFiles(path)
      return /\.ya?ml$/.test(name) && !name.startsWith('kustomization') ? [path] : []
    })
}

function isGatewayApi(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const apiVersion = (value as { apiVersion?: unknown }).apiVersion
  return typeof apiVersion === 'string' && GATEWAY_API_GROUPS.has(apiVersion.split('/')[0] ?? '')
}

function read(root: string, files: string[], fill: (text: string) => string): CorpusObject[] {
  const out: CorpusObject[] = []
  for (const file of files) {
    for (const doc of parseAllDocuments(fill(readFileSync(file, 'utf8')))) {
      const value: unknown = doc.toJS()
      const items =
        (value as { kind?: string } | null)?.kind === 'List' ? (value as { items: unknown[] }).items : [value]
      for (const item of items) {
        if (!isGatewayApi(item)) continue
        const name = (item.metadata as { name?: string } | undefined)?.name
        out.push({ id: `${relative(root, file)}: ${String(item.kind)}/${name}`, object: item })
      }
    }
  }
  return out
}

export function exampleObjects(): CorpusObject[] {
  return read(EXAMPLES_DIR, yamlFiles(EXAMPLES_DIR), (t) => t)
}

export function conformanceObjects(): CorpusObject[] {
  const root = conformanceDir()
  const files = [join(root, 'base/manifests.yaml'), ...yamlFiles(join(root, 'tests'))]
  // Placeholders as the conformance Applier fills them (utils/kubernetes/apply.go): a class name, and
  // addresses from the pools the suite is given (documentation addresses here).
  return read(root, files, (t) =>
    t
      .replaceAll('{GATEWAY_CLASS_NAME}', 'gatemap-conformance')
      .replaceAll('{GATEWAY_CONTROLLER_NAME}', 'gatemap.dev/conformance')
      .replaceAll('PLACEHOLDER_USABLE_ADDRS', '192.0.2.1')
      .replaceAll('PLACEHOLDER_UNUSABLE_ADDRS', '192.0.2.2'),
  )
}
