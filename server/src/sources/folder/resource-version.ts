// Files carry no resourceVersion, so the folder source makes one from the object's content. The
// same optimistic-concurrency checks as on a cluster then work on files: an edit made from a stale
// copy is a conflict. The prefix keeps it from being mistaken for a cluster's (decimal) version,
// and it is never written into a file.
import { createHash } from 'node:crypto'
import type { KubeObject, WireObject } from '@gatemap/shared'

const PREFIX = 'folder-'

/** `object` as the store holds it: a copy carrying the synthetic resourceVersion. */
export function withSyntheticVersion(object: KubeObject): WireObject {
  const { resourceVersion: _fromFile, ...metadata } = object.metadata
  const content = { ...object, metadata }
  const hash = createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16)
  return { ...content, metadata: { ...metadata, resourceVersion: `${PREFIX}${hash}` } } as WireObject
}
