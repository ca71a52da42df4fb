// Kinds the server cannot show in full: CRD not installed, forbidden for this person, or failing
// with the time of the next retry. Shown above the graph so an empty column is never a mystery.
import type { FileState, KindState } from '@gatemap/shared'

const SAY: Record<string, string> = {
  'not-installed': 'CRD not installed',
  forbidden: 'forbidden for you',
  failing: 'failing',
  pending: 'loading',
}

export function KindStates({ kinds, files }: { kinds: readonly KindState[]; files: readonly FileState[] }) {
  const notable = kinds.filter((k) => k.state !== 'ok')
  const broken = files.filter((f) => f.state === 'error')
  if (notable.length === 0 && broken.length === 0) return null
  return (
    <section className="gm-kind-states" aria-label="Kinds and files with problems" data-testid="kind-states">
      <ul>
        {notable.map((k) => (
          <li key={`${k.group}/${k.kind}`} className={`kind-${k.state}`}>
            <strong>{k.kind}</strong>: {SAY[k.state] ?? k.state}
            {k.retryAt ? `, retry at ${new Date(k.retryAt).toLocaleTimeString()}` : ''}
            {k.message ? <span className="gm-muted"> — {k.message}</span> : null}
          </li>
        ))}
        {broken.map((f) => (
          <li key={f.file} className="kind-failing">
            <strong>{f.file}</strong>
            {f.error ? `:${f.error.line}:${f.error.column}` : ''}: {f.error?.message ?? 'cannot be read'} (its
            last good objects are still shown)
          </li>
        ))}
      </ul>
    </section>
  )
}
