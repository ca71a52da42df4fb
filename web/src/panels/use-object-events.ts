// The Events about the selected object, kept current by asking the server again every few seconds
// with the ETag of the answer held (an unchanged answer is a 304 with no body). The server follows
// the object's Events with a watch while someone asks, so new ones arrive within one interval.
import {
  type ErrorResponse,
  ErrorResponseSchema,
  type EventsResponse,
  EventsResponseSchema,
} from '@gatemap/shared'
import { useEffect, useState } from 'react'

export const EVENTS_POLL_MS = 2000

export interface EventsTarget {
  kind: string
  name: string
  namespace?: string | undefined
  apiVersion?: string | undefined
}

export type EventsView =
  | { status: 'loading' }
  /** `skewMs`: the server's clock minus this browser's, so ages are counted on the server's. */
  | { status: 'answered'; answer: EventsResponse; skewMs: number }
  | { status: 'error'; error: ErrorResponse }

export function eventsUrl(target: EventsTarget): string {
  const query = new URLSearchParams({ kind: target.kind, name: target.name })
  if (target.namespace) query.set('namespace', target.namespace)
  if (target.apiVersion) query.set('apiVersion', target.apiVersion)
  return `/api/events?${query}`
}

export function useObjectEvents(target: EventsTarget | undefined): EventsView {
  const url = target ? eventsUrl(target) : undefined
  const [view, setView] = useState<{ url: string; view: EventsView } | undefined>(undefined)

  useEffect(() => {
    if (!url) return
    let stopped = false
    let etag: string | undefined
    let timer: ReturnType<typeof setTimeout> | undefined
    const show = (next: EventsView) => {
      if (!stopped) setView({ url, view: next })
    }
    const poll = async () => {
      // A hidden tab asks nothing; the server stops the watch once nobody asks.
      if (document.hidden && etag) {
        timer = setTimeout(poll, EVENTS_POLL_MS)
        return
      }
      try {
        const response = await fetch(url, {
          credentials: 'same-origin',
          headers: etag ? { 'if-none-match': etag } : {},
        })
        if (response.status === 304) {
          // Unchanged.
        } else if (response.ok) {
          const answer = EventsResponseSchema.parse(await response.json())
          etag = response.headers.get('etag') ?? undefined
          show({ status: 'answered', answer, skewMs: Date.parse(answer.now) - Date.now() })
        } else {
          const body = ErrorResponseSchema.safeParse(await response.json().catch(() => undefined))
          etag = undefined
          show({
            status: 'error',
            error: body.success
              ? body.data
              : {
                  status: response.status,
                  reason: response.statusText,
                  message: `the server answered ${response.status}`,
                },
          })
        }
      } catch (error) {
        etag = undefined
        show({
          status: 'error',
          error: {
            status: 0,
            reason: 'NetworkError',
            message: `the server could not be reached: ${String(error)}`,
          },
        })
      }
      if (!stopped) timer = setTimeout(poll, EVENTS_POLL_MS)
    }
    void poll()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [url])

  // An answer about the previously selected object is not shown for this one.
  return view && view.url === url ? view.view : { status: 'loading' }
}

/** Re-renders every `ms`, for ages that count up. */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(timer)
  }, [ms])
  return now
}

/** "just now", "45s", "12m", "3h", "2d": how long ago `iso` was, by the server's clock. */
export function ageOf(iso: string | undefined, nowMs: number): string {
  if (!iso) return 'unknown'
  const then = Date.parse(iso)
  if (Number.isNaN(then)) return 'unknown'
  const seconds = Math.max(0, Math.round((nowMs - then) / 1000))
  if (seconds < 5) return 'just now'
  if (seconds < 90) return `${seconds}s ago`
  const minutes = Math.round(seconds / 60)
  if (minutes < 90) return `${minutes}m ago`
  const hours = Math.round(minutes / 60)
  if (hours < 36) return `${hours}h ago`
  return `${Math.round(hours / 24)}d ago`
}
