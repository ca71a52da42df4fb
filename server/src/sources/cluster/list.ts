// A full list of one kind, for servers that do not stream the state (WatchList). From a known
// resourceVersion it asks for a state at least that new (resourceVersionMatch=NotOlderThan) and no
// pages, which the API server serves from its watch cache, sparing etcd when many clients relist
// at once (client-go does the same). Without one, or when the server refused it, it is a
// consistent read in pages.
import type { WireObject } from '@gatemap/shared'
import { collectionPath, type ResourceInfo } from './discovery.ts'
import type { KubeHttp } from './http.ts'
import { METADATA_LIST_ACCEPT, normalize } from './objects.ts'
import { classify } from './watch-errors.ts'

export interface ListOptions {
  /** Only this namespace's objects (a namespace scope); all namespaces when undefined. */
  namespace?: string | undefined
  fieldSelector?: string | undefined
  metadataOnly: boolean
  pageSize: number
  /** List at least as new as this resourceVersion; '' for a consistent read. */
  from: string
  stopped: () => boolean
  onRaw?: (raw: unknown) => void
  /** The server refused `from` (410, or too new): the caller reads afresh from now on. */
  onUnavailable: () => void
}

interface ListBody {
  items?: unknown[]
  metadata?: { continue?: string; resourceVersion?: string }
}

export async function listAll(
  http: KubeHttp,
  resource: ResourceInfo,
  options: ListOptions,
): Promise<{ objects: WireObject[]; resourceVersion: string }> {
  if (options.from) {
    try {
      return await read(http, resource, options, {
        resourceVersion: options.from,
        resourceVersionMatch: 'NotOlderThan',
      })
    } catch (error) {
      const kind = classify(error).kind
      if (kind !== 'expired' && kind !== 'too-new') throw error
      options.onUnavailable()
    }
  }
  try {
    return await read(http, resource, options, { limit: options.pageSize })
  } catch (error) {
    // A continue token can expire between pages (its resourceVersion compacted): one read of the
    // whole list then, as client-go's pager does.
    if (classify(error).kind !== 'expired') throw error
    return read(http, resource, options, {})
  }
}

async function read(
  http: KubeHttp,
  resource: ResourceInfo,
  options: ListOptions,
  first: Record<string, string | number>,
): Promise<{ objects: WireObject[]; resourceVersion: string }> {
  const objects: WireObject[] = []
  let page: string | undefined
  let resourceVersion = ''
  do {
    // A continue token carries the list's resourceVersion; the server refuses both together.
    const query = page ? { limit: first.limit, continue: page } : first
    const { body } = await http.request('GET', collectionPath(resource, options.namespace), {
      query: { ...query, fieldSelector: options.fieldSelector },
      headers: options.metadataOnly ? { accept: METADATA_LIST_ACCEPT } : {},
    })
    const list = body as ListBody
    for (const raw of list.items ?? []) {
      options.onRaw?.(raw)
      const object = normalize(raw, resource, options.metadataOnly)
      if (object) objects.push(object)
    }
    page = list.metadata?.continue || undefined
    resourceVersion = list.metadata?.resourceVersion ?? resourceVersion
  } while (page && !options.stopped())
  return { objects, resourceVersion }
}
