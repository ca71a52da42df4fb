// Every object of the repository's examples and of the Gateway API conformance suite's manifests,
// read with the shared loader: the corpus the form round-trip runs over.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parseManifests } from '../../../src/index.ts'
import type { KubeObject } from '../../../src/types/meta.ts'
import { conformanceDir } from '../../conformance/module.ts'

export interface CorpusObject {
  /** `examples/grpc/grpc.yaml#2`, for failure messages. */
  where: string
  object: KubeObject
}

const examplesDir = join(import.meta.dirname, '../../../../examples')

function yamlFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...yamlFiles(path))
    else if (/\.ya?ml$/.test(entry.name)) out.push(path)
  }
  return out.sort()
}

function load(files: string[], root: string, label: string): CorpusObject[] {
  const objects: CorpusObject[] = []
  for (const file of files) {
    const name = `${label}/${relative(root, file)}`
    const { objects: loaded } = parseManifests(readFileSync(file, 'utf8'), name)
    for (const [i, o] of loaded.entries()) objects.push({ where: `${name}#${i}`, object: o.object })
  }
  return objects
}

export function exampleObjects(): CorpusObject[] {
  return load(yamlFiles(examplesDir), examplesDir, 'examples')
}

export function conformanceObjects(): CorpusObject[] {
  const dir = conformanceDir()
  const files = [join(dir, 'base', 'manifests.yaml'), ...yamlFiles(join(dir, 'tests'))]
  return load(files, dir, 'conformance')
}
