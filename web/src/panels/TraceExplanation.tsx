// Where a traced request goes, in words: what the client sees, the listener and why, the route and
// rule, each filter's effect, the request as the backend receives it, the backends with their shares,
// and every other candidate with the precedence step that made it lose. The words of each step are
// the shared trace's own (the CLI prints the same ones).
import { GATEWAY_GROUP, type ObjectRef } from '@gatemap/shared'
import { CANDIDATES_SHOWN, type TraceAnswer } from '@gatemap/shared/view/model/trace-types.ts'
import { ObjectLink } from './Checks.tsx'

type Result = NonNullable<TraceAnswer['result']>

const pct = (share: number) => `${Math.round(share * 1000) / 10}%`

function outcomeWords(r: Result): { text: string; cls: string } {
  const status = r.status === null ? '' : `${r.status} `
  switch (r.outcome) {
    case 'backend':
      return {
        text: `${status}reaches a backend${r.errorShare > 0 ? ` (${pct(r.errorShare)} get 500: a backend does not resolve)` : ''}`,
        cls: r.errorShare > 0 ? 'warning' : 'ok',
      }
    case 'redirect':
      return { text: `${status}redirect to ${r.redirect?.location ?? ''}`, cls: 'ok' }
    case 'error':
      return { text: `${status}no backend can serve it`, cls: 'error' }
    default:
      return {
        text:
          r.request.protocol === 'grpc'
            ? 'not found: the client gets UNIMPLEMENTED (HTTP 404)'
            : `${status}not found${r.listener ? ': no rule matches' : ': no listener takes it'}`,
        cls: 'error',
      }
  }
}

const routeObject = (r: { kind: string; namespace: string; name: string }): ObjectRef => ({
  group: GATEWAY_GROUP,
  kind: r.kind,
  namespace: r.namespace,
  name: r.name,
})

function Forwarded({ r }: { r: Result }) {
  const f = r.forwarded
  if (!f) return null
  return (
    <>
      <h5>The request as the backend receives it</h5>
      <dl className="gm-summary" data-testid="trace-forwarded">
        <div>
          <dt>Host</dt>
          <dd>{f.host ?? '(none)'}</dd>
        </div>
        <div>
          <dt>Path</dt>
          <dd>
            <code>
              {f.path}
              {f.query ? `?${f.query}` : ''}
            </code>
          </dd>
        </div>
        {f.headers.map(([name, value], i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a header may repeat; the list is replaced whole
          <div key={`${name}:${i}`}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </>
  )
}

export function TraceExplanation({ answer, onOpen }: { answer: TraceAnswer; onOpen(o: ObjectRef): void }) {
  const r = answer.result
  if (!r) return null
  const outcome = outcomeWords(r)
  const losers = r.candidates
  return (
    <section aria-labelledby="gm-trace-result-title" data-testid="trace-result" className="gm-trace-result">
      <h4 id="gm-trace-result-title">Where it goes</h4>
      <p
        className={`gm-verdict gm-headline verdict-${outcome.cls}`}
        data-testid="trace-outcome"
        role="status"
      >
        <strong>{outcome.text}</strong>
      </p>
      <h5>{r.target.kind === 'Service' ? 'Service port' : 'Listener'}</h5>
      {r.target.kind === 'Service' ? (
        <p data-testid="trace-listener">
          <ObjectLink
            object={{ group: '', kind: 'Service', namespace: r.target.namespace, name: r.target.name }}
            onOpen={onOpen}
          />{' '}
          {r.servicePort
            ? `port ${r.servicePort.port}${r.servicePort.name ? ` (${r.servicePort.name})` : ''}: the mesh routes attached there decide.`
            : 'has no such port.'}
        </p>
      ) : r.listener ? (
        <p data-testid="trace-listener">
          <ObjectLink object={r.listener.owner} onOpen={onOpen} /> listener <strong>{r.listener.name}</strong>{' '}
          ({r.listener.protocol} port {r.listener.port},{' '}
          {r.listener.hostname ? `hostname ${r.listener.hostname}` : 'any hostname'}
          ): it takes {r.request.protocol.toUpperCase()} on port {r.request.port}
          {r.listener.hostname ? ' and its hostname is the most specific one that matches' : ''}.
        </p>
      ) : (
        <p data-testid="trace-listener">No listener takes it.</p>
      )}
      {r.otherListeners.length > 0 ? (
        <ul className="gm-trace-list">
          {r.otherListeners.map((l) => (
            <li key={`${l.owner.kind}/${l.owner.name}/${l.name}`}>
              Not listener <strong>{l.name}</strong>: {l.reason}
            </li>
          ))}
        </ul>
      ) : null}
      {r.route ? (
        <>
          <h5>Route and rule</h5>
          <p data-testid="trace-route">
            <ObjectLink object={routeObject(r.route)} onOpen={onOpen} /> rule {r.rule?.index}
            {r.rule?.name ? ` (${r.rule.name})` : ''}
            {r.rule?.match ? (
              <>
                , match <code>{r.rule.match}</code>
              </>
            ) : null}
          </p>
        </>
      ) : null}
      {r.filters.length > 0 ? (
        <>
          <h5>Filters, in order</h5>
          <ol className="gm-trace-list" data-testid="trace-filters">
            {r.filters.map((f) => (
              <li key={f.index}>
                <code>{f.type}</code>: {f.effect}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {r.redirect ? (
        <p data-testid="trace-redirect">
          The client gets <strong>{r.redirect.statusCode}</strong> with{' '}
          <code>Location: {r.redirect.location}</code>
        </p>
      ) : null}
      <Forwarded r={r} />
      {r.responseHeaders.length > 0 || r.responseRemoved.length > 0 ? (
        <p>
          Response headers:{' '}
          {[
            ...r.responseHeaders.map(([n, v]) => `${n}: ${v}`),
            ...r.responseRemoved.map((n) => `${n} removed`),
          ].join('; ')}
        </p>
      ) : null}
      {r.mirrors.length > 0 ? (
        <p>
          Mirrored to{' '}
          {r.mirrors
            .map((m) => `${m.kind} ${m.namespace}/${m.name}${m.port ? `:${m.port}` : ''} (${m.percent}%)`)
            .join(', ')}
        </p>
      ) : null}
      {r.backends.length > 0 ? (
        <>
          <h5>Backends</h5>
          <table className="gm-backends" data-testid="trace-backends">
            <thead>
              <tr>
                <th scope="col">Backend</th>
                <th scope="col">Weight</th>
                <th scope="col">Share</th>
              </tr>
            </thead>
            <tbody>
              {r.backends.map((b) => (
                <tr key={`${b.kind}/${b.namespace}/${b.name}:${b.port ?? ''}`}>
                  <td>
                    <ObjectLink
                      object={{
                        group: b.kind === 'Service' ? '' : GATEWAY_GROUP,
                        kind: b.kind,
                        namespace: b.namespace,
                        name: b.name,
                      }}
                      onOpen={onOpen}
                    />
                    {b.port !== undefined ? `:${b.port}` : ''}
                  </td>
                  <td>{b.configuredWeight}</td>
                  <td>{b.resolved ? pct(b.share) : `✕ 0% — ${b.note ?? 'does not resolve'}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <h5>Step by step</h5>
      <ol className="gm-trace-list" data-testid="trace-steps">
        {r.steps.map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole, never reordered
          <li key={i}>{s}</li>
        ))}
      </ol>
      <h5>Other candidates{answer.candidatesPending ? '' : ` (${answer.candidateCount})`}</h5>
      {answer.candidatesPending ? (
        <p className="gm-muted" role="status">
          Judging the other candidates…
        </p>
      ) : losers.length > 0 ? (
        <table className="gm-backends gm-trace-candidates" data-testid="trace-candidates">
          <thead>
            <tr>
              <th scope="col">Route, rule</th>
              <th scope="col">Lost at</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {losers.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a route excluded twice (two reasons) has no other key
              <tr key={`${c.kind}/${c.namespace}/${c.name}#${c.rule}:${i}`}>
                <td>
                  <ObjectLink object={routeObject(c)} onOpen={onOpen} />
                  {c.rule !== null ? ` rule ${c.rule}${c.ruleName ? ` (${c.ruleName})` : ''}` : ''}
                </td>
                <td>{c.step}</td>
                <td>{c.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="gm-muted">No other route or rule was considered.</p>
      )}
      {answer.candidateCount > losers.length ? (
        <p className="gm-muted">
          The first {CANDIDATES_SHOWN} of {answer.candidateCount} are listed; <code>gatemap trace</code>{' '}
          prints them all.
        </p>
      ) : null}
    </section>
  )
}
