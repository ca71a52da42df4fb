// The selected object's Kubernetes Events (cluster mode): what controllers said about it, newest
// first, live. The type is a word with a glyph, never a colour alone; a reader who may not list
// Events is told so, which is not the same as there being none.
import type { EventRow } from '@gatemap/shared'
import './events.css'
import { ageOf, type EventsTarget, type EventsView, useNow, useObjectEvents } from './use-object-events.ts'

function TypeCell({ type }: { type: string }) {
  const warning = type === 'Warning'
  return (
    <td className={warning ? 'gm-event-type gm-event-warning' : 'gm-event-type'}>
      <span aria-hidden="true">{warning ? '⚠' : 'ℹ'}</span> {type || 'untyped'}
    </td>
  )
}

function Seen({ iso, nowMs }: { iso: string | undefined; nowMs: number }) {
  return iso ? (
    <time dateTime={iso} title={iso}>
      {ageOf(iso, nowMs)}
    </time>
  ) : (
    <>unknown</>
  )
}

function EventsTable({ events, nowMs }: { events: EventRow[]; nowMs: number }) {
  return (
    <table className="gm-events" data-testid="events-table" aria-labelledby="gm-events-title">
      <thead>
        <tr>
          <th scope="col">Type</th>
          <th scope="col">Reason and message</th>
          <th scope="col">Count</th>
          <th scope="col">Last seen</th>
          <th scope="col">First seen</th>
          <th scope="col">Reported by</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.uid} data-testid="event-row" data-reason={e.reason}>
            <TypeCell type={e.type} />
            <td>
              <strong>{e.reason || '(no reason)'}</strong>
              {e.message ? <div className="gm-event-message">{e.message}</div> : null}
            </td>
            <td>{e.count}</td>
            <td>
              <Seen iso={e.lastSeen} nowMs={nowMs} />
            </td>
            <td>
              <Seen iso={e.firstSeen} nowMs={nowMs} />
            </td>
            <td className="gm-event-source">{e.source || 'unknown'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function EventsBody({ view }: { view: EventsView }) {
  const now = useNow(10_000)
  if (view.status === 'loading') return <p className="gm-muted">Reading Events…</p>
  if (view.status === 'error')
    return (
      <p className="gm-verdict verdict-error" data-testid="events-error">
        <span aria-hidden="true">✕</span> Events could not be read: {view.error.message}
      </p>
    )
  const { answer, skewMs } = view
  if (answer.state === 'forbidden')
    return (
      <div data-testid="events-forbidden">
        <p className="gm-verdict verdict-pending">
          <span aria-hidden="true">⊘</span> <strong>{answer.message}</strong> Whether there are any is not
          known.
        </p>
        {answer.detail ? <p className="gm-muted">The API server said: {answer.detail}</p> : null}
      </div>
    )
  if (answer.state === 'pending') return <p className="gm-muted">Reading Events…</p>
  if (answer.state === 'failing')
    return (
      <p className="gm-verdict verdict-error" data-testid="events-error">
        <span aria-hidden="true">✕</span> Events could not be read:{' '}
        {answer.message ?? 'the API server did not answer'}
      </p>
    )
  if (answer.total === 0)
    return (
      <p className="gm-muted" data-testid="events-none">
        No Events about this object. The API server keeps Events for about an hour.
      </p>
    )
  return (
    <>
      <EventsTable events={answer.events} nowMs={now + skewMs} />
      {answer.total > answer.events.length ? (
        <p className="gm-muted">
          The newest {answer.events.length} of {answer.total} Events.
        </p>
      ) : null}
    </>
  )
}

/** Folder mode names no cluster, so there are no Events to read; the section says so. */
export function EventsSection({
  object,
  apiVersion,
  cluster,
}: {
  object: { kind: string; name: string; namespace?: string | undefined }
  apiVersion: string | undefined
  cluster: boolean
}) {
  const target: EventsTarget = {
    kind: object.kind,
    name: object.name,
    namespace: object.namespace,
    apiVersion,
  }
  return (
    <section aria-labelledby="gm-events-title" data-testid="events">
      <h4 id="gm-events-title">Events</h4>
      {cluster ? (
        <LiveEvents target={target} />
      ) : (
        <p className="gm-muted">
          Events exist only in a cluster; this dashboard reads a folder of manifests.
        </p>
      )}
    </section>
  )
}

function LiveEvents({ target }: { target: EventsTarget }) {
  const view = useObjectEvents(target)
  const total = view.status === 'answered' && view.answer.state === 'ok' ? view.answer.total : undefined
  return (
    <>
      {/* Announced when the count changes; the table itself is not re-read aloud. */}
      <p className="gm-muted" role="status" data-testid="events-status">
        {total === undefined
          ? ''
          : `${total} ${total === 1 ? 'Event' : 'Events'}, newest first, updated as they happen.`}
      </p>
      <EventsBody view={view} />
    </>
  )
}
