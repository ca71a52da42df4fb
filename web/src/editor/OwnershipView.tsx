// Under "Show changes", in cluster mode: what the apply will really send and own. Server-side apply
// makes Gatemap the manager of every field it sends, so it sends only the fields this draft changed
// (and those it already managed); a field the draft deletes that another tool also set is removed by
// a second request right after the apply. The plan comes from a dry run of the same request.
import type { Ownership } from '@gatemap/shared'

export type OwnershipState =
  | { state: 'loading' }
  | { state: 'ok'; ownership: Ownership }
  | { state: 'error'; message: string }

function Paths({ paths }: { paths: readonly string[] }) {
  return (
    <>
      {paths.map((p, i) => (
        <span key={p}>
          {i > 0 ? ', ' : ''}
          <code>{p}</code>
        </span>
      ))}
    </>
  )
}

export function OwnershipView({ plan }: { plan: OwnershipState }) {
  return (
    <section className="gm-ownership" aria-labelledby="gm-ownership-title" data-testid="field-ownership">
      <h4 id="gm-ownership-title">What Apply sends</h4>
      {plan.state === 'loading' ? <p className="gm-muted">Asking the API server (dry run)…</p> : null}
      {plan.state === 'error' ? (
        <p data-testid="field-ownership-error">
          The dry run did not pass, so there is no plan yet: {plan.message}
        </p>
      ) : null}
      {plan.state === 'ok' ? <Plan ownership={plan.ownership} /> : null}
    </section>
  )
}

function Plan({ ownership }: { ownership: Ownership }) {
  const { changed, kept, removedByApply, removedByPatch } = ownership
  const nothing = changed.length + kept.length + removedByApply.length + removedByPatch.length === 0
  return (
    <ul>
      {nothing ? <li>Nothing: the draft changes no field.</li> : null}
      {changed.length > 0 ? (
        <li data-testid="ownership-changed">
          Changed, and managed by Gatemap from now on: <Paths paths={changed} />
        </li>
      ) : null}
      {kept.length > 0 ? (
        <li data-testid="ownership-kept">
          Sent again because Gatemap already manages them: <Paths paths={kept} />
        </li>
      ) : null}
      {removedByApply.length > 0 ? (
        <li data-testid="ownership-removed-by-apply">
          Removed by leaving them out (only Gatemap had set them): <Paths paths={removedByApply} />
        </li>
      ) : null}
      {removedByPatch.map((r) => (
        <li key={r.path} data-testid="ownership-removed-by-patch">
          Removed by a second request after the apply (a JSON patch), because{' '}
          {r.owners.length > 0 ? <Paths paths={r.owners} /> : 'no field manager'} also set it:{' '}
          <code>{r.path}</code>
        </li>
      ))}
      <li className="gm-muted">Every other field stays with the tool that set it.</li>
    </ul>
  )
}
