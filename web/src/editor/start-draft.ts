// Turns what the person asked for into a stored draft: their earlier draft of the same object when
// there is one (an edit is never lost by opening the editor again), else a fresh one.
import {
  cloneObject,
  editableObject,
  GATEWAY_GROUP,
  type KubeObject,
  newRouteFor,
  ROUTE_KINDS,
  splitApiVersion,
} from '@gatemap/shared'
import { stringify } from 'yaml'
import { type Draft, type DraftStore, draftKey } from './drafts.ts'
import type { EditIntent } from './intent.ts'

const FORM_KINDS: ReadonlySet<string> = new Set([...ROUTE_KINDS, 'Gateway'])

export function hasForm(kind: string): boolean {
  return FORM_KINDS.has(kind)
}

/** Gateway API objects are edited here; core objects (Services, Secrets) are not Gatemap's to edit. */
export function isEditable(object: { apiVersion: string }): boolean {
  return splitApiVersion(object.apiVersion).group === GATEWAY_GROUP
}

export const toYamlText = (object: unknown) => stringify(object, { lineWidth: 0 })

function fresh(object: KubeObject, isNew: boolean, stored?: KubeObject): Draft {
  const ref = {
    apiVersion: object.apiVersion,
    kind: object.kind,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
    name: object.metadata.name,
  }
  const base = stored ? editableObject(stored) : null
  const resourceVersion = stored?.metadata.resourceVersion
  return {
    v: 1,
    key: draftKey(ref),
    ref,
    isNew,
    base: base as Record<string, unknown> | null,
    ...(resourceVersion ? { baseResourceVersion: resourceVersion } : {}),
    text: toYamlText(editableObject(object)),
    view: hasForm(object.kind) ? 'form' : 'yaml',
    savedAt: Date.now(),
  }
}

/** A name not taken by a stored draft (a second "new route" must not overwrite the first). */
function freeName(store: DraftStore, object: KubeObject, taken: (name: string) => boolean): string {
  const base = object.metadata.name
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base}-${i}`
    const ref = { ...object, metadata: { ...object.metadata, name } }
    const key = draftKey({
      apiVersion: ref.apiVersion,
      kind: ref.kind,
      namespace: ref.metadata.namespace,
      name,
    })
    if (!taken(name) && !store.load(key)) return name
  }
}

export interface Started {
  draft?: Draft
  /** Said to the person: a resumed draft, a draft that is gone. */
  note?: string
}

/** Folder mode: the object's text in its file and the object that text reads as (GET /api/source). */
export interface FileText {
  text: string
  object: KubeObject
}

export function startDraft(
  intent: EditIntent,
  store: DraftStore,
  exists: (kind: string, namespace: string | undefined, name: string) => boolean,
  file?: FileText,
): Started {
  if (intent.type === 'open') {
    const draft = store.load(intent.key)
    return draft ? { draft } : { note: 'That draft is no longer here: it was applied or discarded.' }
  }
  if (intent.type === 'edit') {
    // From the file, the draft is the text the person will change there, comments included.
    const candidate = file
      ? { ...fresh(file.object, false, file.object), text: file.text, baseText: file.text }
      : fresh(intent.object, false, intent.object)
    const earlier = store.load(candidate.key)
    if (earlier)
      return {
        draft: earlier,
        note: `Your draft from ${new Date(earlier.savedAt).toLocaleString()} is back. Discard it to start from the current object.`,
      }
    store.save(candidate)
    return { draft: candidate }
  }
  const object =
    intent.type === 'clone'
      ? cloneObject(intent.object, `${intent.object.metadata.name}-copy`)
      : newRouteFor(intent.target, 'new-route')
  const name = freeName(store, object, (n) => exists(object.kind, object.metadata.namespace, n))
  const draft = fresh({ ...object, metadata: { ...object.metadata, name } }, true)
  store.save(draft)
  return { draft }
}
