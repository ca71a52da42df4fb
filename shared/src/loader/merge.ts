// Objects from several files form one set, identified by kind, namespace and name: identical
// copies collapse into one, and differing copies are a problem named at the later place.
import { objectKey } from '../kinds.ts'
import type { LoadedObject, LoadProblem } from './types.ts'

export function mergeLoaded(objects: readonly LoadedObject[]): {
  objects: LoadedObject[]
  problems: LoadProblem[]
} {
  const first = new Map<string, { loaded: LoadedObject; text: string }>()
  const problems: LoadProblem[] = []
  for (const loaded of objects) {
    const { kind, metadata } = loaded.object
    const key = objectKey(kind, metadata.namespace, metadata.name)
    const text = JSON.stringify(loaded.object)
    const earlier = first.get(key)
    if (!earlier) {
      first.set(key, { loaded, text })
      continue
    }
    if (earlier.text === text) continue
    const at = earlier.loaded.source
    problems.push({
      ...loaded.source,
      severity: 'error',
      message: `${kind} ${metadata.namespace ? `${metadata.namespace}/` : ''}${metadata.name} is also defined at ${at.file}:${at.line} with different content; the first definition is used`,
    })
  }
  return { objects: [...first.values()].map((f) => f.loaded), problems }
}
