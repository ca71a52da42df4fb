// Kinds the server cannot show in full: CRD not installed, forbidden for this person, or failing
// with the time of the next retry. Shown above the graph so an empty column is never a mystery;
// many kinds in the same state (an unreachable API server fails them all) fold into one line.
// The policy kinds of implementations a cluster does not run (Istio's on an Envoy Gateway cluster)
// are not installed on most clusters: that is said once, folded and muted, never as a warning.
import { type FileState, type KindState, knownPolicyKind } from '@gatemap/shared'
import { clockTime } from './clock.ts'

const SAY: Record<string, string> = {
  'not-installed': 'CRD not installed',
  forbidden: 'forbidden for you',
  failing: 'failing',
  pending: 'loading',
}
const FOLD_ABOVE = 3

function KindLine({ k }: { k: KindState }) {
  return (
    <li className={`kind-${k.state}`}>
      <strong>{k.kind}</strong>: {SAY[k.state] ?? k.state}
      {k.retryAt ? `, retry at ${clockTime(k.retryAt)}` : ''}
      {k.message ? <span className="gm-muted"> — {k.message}</span> : null}
    </li>
  )
}

function StateGroup({ state, kinds }: { state: string; kinds: KindState[] }) {
  if (kinds.length <= FOLD_ABOVE)
    return (
      <>
        {kinds.map((k) => (
          <KindLine key={`${k.group}/${k.kind}`} k={k} />
        ))}
      </>
    )
  const retry = kinds
    .map((k) => k.retryAt)
    .filter(Boolean)
    .sort()[0]
  return (
    <li className={`kind-${state}`}>
      <details>
        <summary>
          <strong>{kinds.length} kinds</strong> {SAY[state] ?? state}: {kinds.map((k) => k.kind).join(', ')}
          {retry ? ` — next retry at ${clockTime(retry)}` : ''}
        </summary>
        <ul>
          {kinds.map((k) => (
            <KindLine key={`${k.group}/${k.kind}`} k={k} />
          ))}
        </ul>
      </details>
    </li>
  )
}

/** An implementation's own policy kind (not the Gateway API's) that the cluster does not serve. */
function absentImplementation(k: KindState): string | undefined {
  if (k.state !== 'not-installed') return undefined
  const implementation = knownPolicyKind(k.group, k.kind)?.implementation
  return implementation && !implementation.startsWith('Gateway API') ? implementation : undefined
}

function AbsentPolicyKinds({ kinds }: { kinds: KindState[] }) {
  const byImplementation = new Map<string, string[]>()
  for (const k of kinds) {
    const name = absentImplementation(k) ?? ''
    byImplementation.set(name, [...(byImplementation.get(name) ?? []), k.kind])
  }
  return (
    <li className="kind-absent gm-muted">
      <details>
        <summary>
          Policy kinds of {[...byImplementation.keys()].join(', ')} are not installed ({kinds.length} kinds)
        </summary>
        <ul>
          {[...byImplementation].map(([implementation, names]) => (
            <li key={implementation}>
              {implementation}: {names.join(', ')}
            </li>
          ))}
        </ul>
      </details>
    </li>
  )
}

export function KindStates({ kinds, files }: { kinds: readonly KindState[]; files: readonly FileState[] }) {
  const byState = new Map<string, KindState[]>()
  const absent: KindState[] = []
  for (const k of kinds) {
    if (k.state === 'ok') continue
    if (absentImplementation(k)) absent.push(k)
    else byState.set(k.state, [...(byState.get(k.state) ?? []), k])
  }
  const broken = files.filter((f) => f.state === 'error')
  if (byState.size === 0 && broken.length === 0 && absent.length === 0) return null
  return (
    <section className="gm-kind-states" aria-label="Kinds and files with problems" data-testid="kind-states">
      <ul>
        {[...byState].map(([state, list]) => (
          <StateGroup key={state} state={state} kinds={list} />
        ))}
        {absent.length > 0 ? <AbsentPolicyKinds kinds={absent} /> : null}
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
