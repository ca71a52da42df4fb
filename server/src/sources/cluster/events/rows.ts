// Kubernetes Events as the details panel shows them. The API server serves the same Event objects
// through two APIs: core v1 (`involvedObject`, `count`, `source`, `firstTimestamp`) and
// events.k8s.io/v1 (`regarding`, `series`, `reportingController`, `deprecated*` for the old fields).
// Both are read into one row; an Event seen through both is one row (same uid).
import { type EventRow, splitApiVersion } from '@gatemap/shared'
import type { EventSubject } from '../../events.ts'

/** Which API an Event was read through. */
export type EventsApi = 'events.k8s.io/v1' | 'v1'

/** An Event as held: the row sent to the page, and what it is about (to tell objects apart). */
export interface HeldEvent {
  row: EventRow
  /** The object it is about, as the reporter named it (uid and apiVersion may be missing). */
  about: { uid?: string; apiVersion?: string }
}

interface ObjectReference {
  uid?: string
  apiVersion?: string
}

interface EventSeries {
  count?: number
  lastObservedTime?: string
}

/** The fields both APIs' Events may carry (each API fills its own, plus metadata). */
interface RawEvent {
  metadata?: { uid?: string; name?: string; namespace?: string; creationTimestamp?: string }
  type?: string
  reason?: string
  eventTime?: string | null
  series?: EventSeries | null
  // core v1
  involvedObject?: ObjectReference
  message?: string
  count?: number
  source?: { component?: string; host?: string }
  reportingComponent?: string
  firstTimestamp?: string | null
  lastTimestamp?: string | null
  // events.k8s.io/v1
  regarding?: ObjectReference
  note?: string
  reportingController?: string
  deprecatedSource?: { component?: string; host?: string }
  deprecatedCount?: number
  deprecatedFirstTimestamp?: string | null
  deprecatedLastTimestamp?: string | null
}

const first = (...values: (string | null | undefined)[]): string | undefined =>
  values.find((v): v is string => typeof v === 'string' && v !== '')

/** A positive count, or undefined (new-style Events leave the old `count` at 0). */
const positive = (n: number | undefined): number | undefined =>
  typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : undefined

/** One Event, read through `api`, as a row. Undefined for something that is not an Event. */
export function heldEvent(raw: unknown, api: EventsApi): HeldEvent | undefined {
  if (!raw || typeof raw !== 'object') return undefined
  const e = raw as RawEvent
  const meta = e.metadata ?? {}
  if (!meta.name) return undefined
  const core = api === 'v1'
  const about = (core ? e.involvedObject : e.regarding) ?? {}
  const oldFirst = core ? e.firstTimestamp : e.deprecatedFirstTimestamp
  const oldLast = core ? e.lastTimestamp : e.deprecatedLastTimestamp
  const oldCount = core ? e.count : e.deprecatedCount
  const oldSource = core ? e.source : e.deprecatedSource
  const firstSeen = first(oldFirst, e.eventTime, meta.creationTimestamp)
  const lastSeen = first(e.series?.lastObservedTime, oldLast, e.eventTime, firstSeen)
  const row: EventRow = {
    // The uid is the Event's identity in both APIs; namespace/name stands in if a reader hides it.
    uid: meta.uid || `${meta.namespace ?? ''}/${meta.name}`,
    type: e.type ?? '',
    reason: e.reason ?? '',
    message: (core ? e.message : e.note) ?? '',
    count: positive(e.series?.count) ?? positive(oldCount) ?? 1,
    source: first(core ? e.reportingComponent : e.reportingController, oldSource?.component) ?? '',
    ...(firstSeen ? { firstSeen } : {}),
    ...(lastSeen ? { lastSeen } : {}),
  }
  return {
    row,
    about: {
      ...(about.uid ? { uid: about.uid } : {}),
      ...(about.apiVersion ? { apiVersion: about.apiVersion } : {}),
    },
  }
}

/**
 * Whether an Event selected by kind and name is about this very object: not about an earlier object
 * of the same name (another uid), nor about a same-named kind of another group (Istio's Gateway).
 * What the reporter left out does not count against it.
 */
export function concerns(event: HeldEvent, subject: EventSubject): boolean {
  if (subject.uid && event.about.uid && subject.uid !== event.about.uid) return false
  if (subject.group !== undefined && event.about.apiVersion) {
    if (splitApiVersion(event.about.apiVersion).group !== subject.group) return false
  }
  return true
}

const time = (value: string | undefined): number => {
  const t = value ? Date.parse(value) : Number.NaN
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t
}

/** Newest first: last seen, then first seen; the uid keeps the order stable. */
export function newestFirst(a: EventRow, b: EventRow): number {
  return (
    time(b.lastSeen) - time(a.lastSeen) ||
    time(b.firstSeen) - time(a.firstSeen) ||
    (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0)
  )
}

/**
 * The Events about `subject` from every list (one per API), each once, newest first, at most
 * `limit`; `total` counts them all. The first list wins when an Event is in more than one.
 */
export function eventsAbout(
  lists: readonly Iterable<HeldEvent>[],
  subject: EventSubject,
  limit: number,
): { events: EventRow[]; total: number } {
  const byUid = new Map<string, EventRow>()
  for (const list of lists) {
    for (const event of list) {
      if (!byUid.has(event.row.uid) && concerns(event, subject)) byUid.set(event.row.uid, event.row)
    }
  }
  const all = [...byUid.values()].sort(newestFirst)
  return { events: all.slice(0, limit), total: all.length }
}

/** `involvedObject.kind=HTTPRoute,involvedObject.name=web` (names with `,` `=` `\` escaped). */
export function eventFieldSelector(api: EventsApi, kind: string, name: string): string {
  const prefix = api === 'v1' ? 'involvedObject' : 'regarding'
  const escaped = (value: string) => value.replace(/[\\,=]/g, (c) => `\\${c}`)
  return `${prefix}.kind=${escaped(kind)},${prefix}.name=${escaped(name)}`
}
