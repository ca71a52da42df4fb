// Everything about the selected object, and for a route the answer to "why was it (not) accepted":
// one section per parentRef with the verdict first, then each check that led to it.
import { GATEWAY_GROUP, isCannotCheck, type ObjectRef } from '@gatemap/shared'
import type { NodeDetails, ParentExplanation } from '@gatemap/shared/view/model/details-types.ts'
import type { TraceQuery } from '@gatemap/shared/view/model/trace-query.ts'
import type { EditIntent } from '../editor/intent.ts'
import { Checks, ObjectLink } from './Checks.tsx'
import { Conditions } from './Conditions.tsx'
import { EventsSection } from './EventsSection.tsx'
import { PoliciesHereView, PolicyExplanationView } from './PolicyDetails.tsx'
import { RoutingTable } from './RoutingTable.tsx'
import { routeHeadline, waitingForController } from './route-headline.ts'
import { TraceHere } from './TraceHere.tsx'

function verdictWords(p: ParentExplanation): { glyph: string; text: string; cls: string } {
  if (p.accepted.status === 'True')
    return {
      glyph: '✓',
      text: `Accepted${p.attached.length ? ` on ${p.attached.join(', ')}` : ''}`,
      cls: 'ok',
    }
  if (isCannotCheck(p.accepted)) return { glyph: '?', text: 'Cannot check', cls: 'pending' }
  if (p.accepted.status === 'Unknown')
    return { glyph: '…', text: `Pending (${p.accepted.reason})`, cls: 'pending' }
  return { glyph: '✕', text: `Not accepted (${p.accepted.reason})`, cls: 'error' }
}

function Parent({ p, onOpen }: { p: ParentExplanation; onOpen(o: ObjectRef): void }) {
  const v = verdictWords(p)
  return (
    <section
      className={`gm-parent verdict-${v.cls}`}
      data-testid={`parent-${p.index}`}
      aria-labelledby={`gm-parent-${p.index}`}
    >
      <h4 id={`gm-parent-${p.index}`}>
        <code>spec.parentRefs[{p.index}]</code> → {p.target}
      </h4>
      <p className="gm-verdict">
        <span aria-hidden="true">{v.glyph}</span> <strong>{v.text}</strong>
        {p.accepted.status !== 'True' ? (
          <span className="gm-verdict-message"> — {p.accepted.message}</span>
        ) : null}
      </p>
      {p.noStatusExpected ? <p className="gm-muted">{p.noStatusExpected}</p> : null}
      {p.brokenListeners.map((l) => (
        <p key={l.name} className="gm-verdict verdict-error" data-testid="broken-listener">
          <span aria-hidden="true">✕</span> Listener <strong>{l.name}</strong> cannot serve it: {l.type}{' '}
          {l.reason} — {l.message}
        </p>
      ))}
      <h5>How this was decided</h5>
      <Checks checks={p.checks} onOpen={onOpen} />
      <details>
        <summary>Conditions for this parent</summary>
        <Conditions rows={p.comparison} />
      </details>
    </section>
  )
}

/** Edit, clone, or add a route to a listener: what the selected object offers. */
function EditActions({ details, onEdit }: { details: NodeDetails; onEdit(intent: EditIntent): void }) {
  const { manifest, listener, object } = details
  if (details.role === 'Listener' && listener && details.exists)
    return (
      <div className="gm-details-actions">
        <button
          type="button"
          onClick={() =>
            onEdit({
              type: 'new',
              target: {
                kind: object.kind,
                namespace: object.namespace ?? '',
                name: object.name,
                listener: listener.name,
                protocol: listener.protocol,
              },
            })
          }
        >
          Add a route here
        </button>
      </div>
    )
  // A policy of any group opens in the YAML editor (with its CRD's schema when the server has it).
  if (!manifest || !details.exists || (object.group !== GATEWAY_GROUP && details.role !== 'Policy'))
    return null
  return (
    <div className="gm-details-actions">
      <button type="button" onClick={() => onEdit({ type: 'edit', object: manifest })}>
        Edit
      </button>
      {details.role === 'Route' ? (
        <button type="button" onClick={() => onEdit({ type: 'clone', object: manifest })}>
          Clone
        </button>
      ) : null}
    </div>
  )
}

export function DetailsPanel({
  details,
  onOpen,
  onCollapseGroup,
  onEdit,
  group,
  cluster,
  onTraceHere,
}: {
  details: NodeDetails | undefined
  /** The objects come from a live cluster, so the controllers' status is shown first. */
  cluster: boolean
  onOpen(object: ObjectRef): void
  onCollapseGroup(id: string): void
  onEdit(intent: EditIntent): void
  group: string | undefined
  /** "Trace a request here" on a Gateway or a listener: opens the Trace tab filled in. */
  onTraceHere?(query: TraceQuery): void
}) {
  if (!details)
    return (
      <p className="gm-empty">
        Select a node in the graph, or a problem, to see its details and why it has its status.
      </p>
    )
  const { object } = details
  const headline = details.parents.length > 0 ? routeHeadline(details, cluster) : undefined
  const waiting = cluster && details.role !== 'Route' ? waitingForController(details) : undefined
  return (
    <article className="gm-details" data-testid="details" aria-labelledby="gm-details-title">
      <h3 id="gm-details-title">
        {object.kind} {object.namespace ? `${object.namespace}/` : ''}
        {object.name}
        {details.role === 'Listener' && details.listener ? ` · listener ${details.listener.name}` : ''}
      </h3>
      <EditActions details={details} onEdit={onEdit} />
      {onTraceHere ? <TraceHere details={details} onTrace={onTraceHere} /> : null}
      {details.origin ? (
        <p className="gm-muted">
          From <code>{details.origin.file}</code> line {details.origin.line}
        </p>
      ) : null}
      {group ? (
        <button type="button" onClick={() => onCollapseGroup(group)}>
          Fold this namespace’s column
        </button>
      ) : null}
      {waiting ? (
        <p className="gm-verdict verdict-pending" data-testid="controller-waiting">
          <span aria-hidden="true">…</span> <strong>{waiting}</strong>
        </p>
      ) : null}
      <dl className="gm-summary">
        {details.summary.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {details.findings.length > 0 ? (
        <section aria-labelledby="gm-findings-title">
          <h4 id="gm-findings-title">Problems</h4>
          <ul className="gm-findings">
            {details.findings.map((f) => (
              <li key={`${f.code}:${f.path}:${f.message}`} className={`severity-${f.severity}`}>
                <span aria-hidden="true">{f.severity === 'error' ? '✕' : '⚠'}</span> {f.message}
                {f.path ? (
                  <>
                    {' '}
                    <code>{f.path}</code>
                  </>
                ) : null}
                {f.fix ? (
                  <p className="gm-fix">
                    <strong>Fix:</strong> {f.fix}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {headline ? (
        <section aria-labelledby="gm-why-title">
          <h4 id="gm-why-title">
            Why this route is {details.parents.every((p) => p.accepted.status === 'True') ? '' : 'not '}
            accepted
          </h4>
          <p className={`gm-verdict gm-headline verdict-${headline.cls}`} data-testid="route-headline">
            <span aria-hidden="true">{headline.glyph}</span> <strong>{headline.text}</strong>
            {headline.computed ? (
              <>
                <br />
                <span data-testid="route-headline-computed">{headline.computed}</span>
              </>
            ) : null}
          </p>
          {details.parents.map((p) => (
            <Parent key={p.index} p={p} onOpen={onOpen} />
          ))}
        </section>
      ) : details.role === 'Route' ? (
        <p className="gm-verdict">⚠ This route has no parentRefs, so nothing serves it.</p>
      ) : null}
      {details.backends.length > 0 ? (
        <section aria-labelledby="gm-backends-title">
          <h4 id="gm-backends-title">Backends</h4>
          <table className="gm-backends">
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Backend</th>
                <th scope="col">Share</th>
                <th scope="col">Resolved</th>
              </tr>
            </thead>
            <tbody>
              {details.backends.map((b) => (
                <tr key={`${b.rule}:${b.index}`}>
                  <td>{b.rule}</td>
                  <td>
                    <ObjectLink object={b.ref} onOpen={onOpen} />
                    {b.port !== undefined ? `:${b.port}` : ''}
                    {b.grant ? (
                      <div className="gm-muted">
                        permitted by <ObjectLink object={b.grant} onOpen={onOpen} />
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {b.percent}% <span className="gm-muted">(weight {b.weight})</span>
                  </td>
                  <td>
                    {b.resolved ? '✓ yes' : `✕ ${b.reason}`}
                    {b.resolved ? null : <div className="gm-muted">{b.message}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {details.backends.some((b) => !b.resolved) ? (
            <Checks
              checks={details.backends.filter((b) => !b.resolved).flatMap((b) => b.checks)}
              onOpen={onOpen}
            />
          ) : null}
        </section>
      ) : null}
      {details.listener ? (
        <section aria-labelledby="gm-listener-title">
          <h4 id="gm-listener-title">Listener {details.listener.name}</h4>
          <Conditions rows={details.listener.comparison} />
          <Checks checks={details.listener.checks} onOpen={onOpen} />
          {details.listener.table ? <RoutingTable table={details.listener.table} onOpen={onOpen} /> : null}
          <h5>Attached routes ({details.listener.attachedRoutes})</h5>
          <ul>
            {details.listener.routes.map((r) => (
              <li key={`${r.kind}/${r.namespace}/${r.name}`}>
                <ObjectLink object={r} onOpen={onOpen} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {details.policy ? <PolicyExplanationView policy={details.policy} onOpen={onOpen} /> : null}
      {details.policiesHere ? <PoliciesHereView places={details.policiesHere} onOpen={onOpen} /> : null}
      {details.comparison.length > 0 ? (
        <section aria-labelledby="gm-conditions-title">
          <h4 id="gm-conditions-title">Conditions</h4>
          <Conditions rows={details.comparison} />
          <Checks checks={details.checks} onOpen={onOpen} />
        </section>
      ) : details.checks.length > 0 ? (
        <section aria-labelledby="gm-rule-checks-title">
          <h4 id="gm-rule-checks-title">Rules</h4>
          <Checks checks={details.checks} onOpen={onOpen} />
        </section>
      ) : null}
      {details.exists ? (
        <EventsSection object={details.object} apiVersion={details.manifest?.apiVersion} cluster={cluster} />
      ) : null}
    </article>
  )
}
