// A source that can tell the Kubernetes Events about an object (a cluster; a folder has none). Kept
// apart from `Source` so the HTTP layer asks for the capability instead of the kind of source.
import type { EventsResponse } from '@gatemap/shared'
import type { Credentials, Source } from './source.ts'

/** The object as Events name it. */
export interface EventTarget {
  kind: string
  name: string
  /** Undefined for a cluster-scoped object, whose Events may be in any namespace. */
  namespace?: string | undefined
}

/** What tells this object apart from others of the same kind and name, when known. */
export interface EventSubject {
  uid?: string | undefined
  group?: string | undefined
}

export interface EventsReader {
  /** The Events about one object as `credentials` may read them; following them for a while after. */
  objectEvents(credentials: Credentials, target: EventTarget, subject: EventSubject): Promise<EventsResponse>
}

export function eventsReaderOf(source: Source): EventsReader | undefined {
  const candidate = source as Source & Partial<EventsReader>
  return typeof candidate.objectEvents === 'function' ? (candidate as Source & EventsReader) : undefined
}
