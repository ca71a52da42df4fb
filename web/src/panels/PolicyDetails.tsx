// Policies in the details panel. For a policy: each targetRef's verdict with the checks behind it
// and their fixes, and each ancestor's status as computed beside what the controller wrote. For any
// other object: the policies that apply to it, direct and inherited, who wins a conflict and why,
// and the effective settings with the policy each came from.
import type { ObjectRef } from '@gatemap/shared'
import type {
  AppliedPolicy,
  PoliciesHere,
  PolicyExplanation,
} from '@gatemap/shared/view/model/policy-details-types.ts'
import { Checks, ObjectLink } from './Checks.tsx'
import { Conditions } from './Conditions.tsx'

type Open = (object: ObjectRef) => void

function mark(ok: boolean | undefined, neutral = false): { glyph: string; cls: string } {
  if (neutral) return { glyph: '↷', cls: 'pending' }
  if (ok === true) return { glyph: '✓', cls: 'ok' }
  if (ok === undefined) return { glyph: '?', cls: 'pending' }
  return { glyph: '✕', cls: 'error' }
}

export function PolicyExplanationView({ policy, onOpen }: { policy: PolicyExplanation; onOpen: Open }) {
  return (
    <>
      <section aria-labelledby="gm-policy-targets-title" data-testid="policy-targets">
        <h4 id="gm-policy-targets-title">Targets</h4>
        <p className="gm-muted">How policies of this kind combine: {policy.merge}.</p>
        {policy.targets.map((t) => {
          const m = mark(t.accepted)
          return (
            <section
              key={t.index}
              className={`gm-parent verdict-${m.cls}`}
              data-testid={`policy-target-${t.index}`}
              aria-labelledby={`gm-policy-target-${t.index}`}
            >
              <h5 id={`gm-policy-target-${t.index}`}>
                <code>{t.path}</code> → {t.target}
              </h5>
              <p className="gm-verdict">
                <span aria-hidden="true">{m.glyph}</span> <strong>{t.verdict}</strong>
                {t.accepted !== true ? <span className="gm-verdict-message"> — {t.message}</span> : null}
              </p>
              {t.winner ? (
                <p className="gm-verdict" data-testid="policy-winner">
                  Wins this target: <ObjectLink object={t.winner.policy} onOpen={onOpen} />, because{' '}
                  {t.winner.why}.
                </p>
              ) : null}
              <Checks checks={t.checks} onOpen={onOpen} />
            </section>
          )
        })}
      </section>
      <section aria-labelledby="gm-policy-ancestors-title" data-testid="policy-ancestors">
        <h4 id="gm-policy-ancestors-title">Status per ancestor</h4>
        {policy.noAncestors ? <p className="gm-muted">{policy.noAncestors}</p> : null}
        {policy.ancestors.map((a) => (
          <div key={`${a.controllerName}|${a.ancestor}`} className="gm-policy-ancestor">
            <h5>
              {a.object ? <ObjectLink object={a.object} onOpen={onOpen} /> : a.ancestor}
              {a.section ? `, listener ${a.section}` : ''}{' '}
              <span className="gm-muted">({a.controllerName})</span>
            </h5>
            <p className="gm-muted">
              Decided by {a.targets.map((i) => policy.targets[i]?.path ?? `target ${i}`).join(', ')}.
              {a.noStatusExpected ? ` No status expected here: ${a.noStatusExpected}.` : ''}
            </p>
            <Conditions rows={a.comparison} />
          </div>
        ))}
        {policy.leftover.map((w) => (
          <p key={`${w.controllerName}|${w.ancestor}`} className="gm-verdict verdict-pending">
            <span aria-hidden="true">⏱</span> The controller ({w.controllerName}) still reports this policy
            under {w.ancestor}, which none of its targets leads to now.
          </p>
        ))}
      </section>
      {policy.takesEffect.length > 0 ? (
        <section aria-labelledby="gm-policy-effect-title">
          <h4 id="gm-policy-effect-title">Takes effect at</h4>
          <ul className="gm-policy-places">
            {policy.takesEffect.map((p) => (
              <li key={`${p.at}|${p.replacedBy ? 'replaced' : ''}`}>
                {p.at}
                {p.replacedBy ? (
                  <span className="gm-muted">
                    {' '}
                    — replaced there by <ObjectLink object={p.replacedBy} onOpen={onOpen} />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  )
}

function Applied({ p, onOpen }: { p: AppliedPolicy; onOpen: Open }) {
  const m = mark(p.ok, p.verdict === 'Replaced')
  return (
    <li className={`verdict-${m.cls}`}>
      <span aria-hidden="true">{m.glyph}</span> <ObjectLink object={p.policy} onOpen={onOpen} />{' '}
      <strong>{p.verdict}</strong>{' '}
      <span className="gm-muted">
        {p.how === 'direct' ? 'targets it directly' : `inherited from ${p.placedAt}`}
      </span>
      {p.beats?.length ? (
        <div data-testid="policy-conflict-winner">
          Wins the conflict over{' '}
          {p.beats.map((b, i) => (
            <span key={`${b.kind}/${b.name}`}>
              {i > 0 ? ', ' : ''}
              <ObjectLink object={b} onOpen={onOpen} />
            </span>
          ))}
        </div>
      ) : null}
      {p.winner ? (
        <div data-testid="policy-conflict-loser">
          Loses to <ObjectLink object={p.winner.policy} onOpen={onOpen} />: {p.winner.why}.
        </div>
      ) : p.message && !p.ok ? (
        <div className="gm-muted">{p.message}</div>
      ) : null}
      {p.replacedBy && p.verdict !== 'Replaced' ? (
        <div className="gm-muted">
          Replaced here by <ObjectLink object={p.replacedBy} onOpen={onOpen} />
        </div>
      ) : null}
    </li>
  )
}

export function PoliciesHereView({ places, onOpen }: { places: readonly PoliciesHere[]; onOpen: Open }) {
  return (
    <section aria-labelledby="gm-policies-here-title" data-testid="policies-here">
      <h4 id="gm-policies-here-title">Policies</h4>
      {places.map((place, i) => (
        <div key={place.at} className="gm-policies-at">
          <h5 id={`gm-policies-at-${i}`}>At {place.at}</h5>
          <ul className="gm-policy-list" aria-labelledby={`gm-policies-at-${i}`}>
            {place.policies.map((p) => (
              <Applied
                key={`${p.policy.kind}/${p.policy.namespace}/${p.policy.name}`}
                p={p}
                onOpen={onOpen}
              />
            ))}
          </ul>
          {place.settings.length > 0 ? (
            <table className="gm-backends" data-testid="effective-settings">
              <caption>Effective settings at {place.at}</caption>
              <thead>
                <tr>
                  <th scope="col">Setting</th>
                  <th scope="col">Value and source</th>
                </tr>
              </thead>
              <tbody>
                {place.settings.map((s) => (
                  <tr key={`${s.policyKind}.${s.field}`}>
                    <th scope="row">
                      {s.policyKind}.{s.field}
                    </th>
                    <td>
                      <code className="gm-value">{s.value}</code>
                      <div className="gm-muted">
                        from <ObjectLink object={s.source} onOpen={onOpen} />
                        {s.from === 'own' ? '' : ` (${s.from})`}, attached to {s.placedAt}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ))}
    </section>
  )
}
