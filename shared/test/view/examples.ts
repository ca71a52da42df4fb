// The bundled examples as the server would stream them: one snapshot message built from the files.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { type KubeObject, parseManifests, type ServerMessage } from '../../src/index.ts'

const EXAMPLES = path.join(import.meta.dirname, '../../../examples')

export function exampleObjects(scenario: string): KubeObject[] {
  const dir = path.join(EXAMPLES, scenario)
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => parseManifests(readFileSync(path.join(dir, f), 'utf8'), f).objects.map((o) => o.object))
}

export function snapshotOf(objects: KubeObject[], seq = 1): ServerMessage {
  return {
    type: 'snapshot',
    seq,
    epoch: 'test-epoch',
    reason: 'initial',
    objects: objects.map((object) => ({ object })),
    kinds: [],
    files: [],
  }
}
