// Ordering the matching rules by the spec's precedence: the route kind's own steps (route-kinds.ts),
// then the oldest route by creationTimestamp, then namespace/name alphabetically, then rule order
// within the route (gateway_types.go AllowedRoutes; httproute_types.go and grpcroute_types.go
// Matches). For every loser, the step that decided and both sides' values there.
import { routeKindFacts, TIE_BREAKS } from '../route-kinds.ts'
import type { Contender } from './candidates.ts'

export interface Decision {
  /** The step's name (a kind's precedence step or a tie-break). */
  step: string
  /** Index into steps: smaller means the two differ earlier. */
  depth: number
  winnerValue: string
  loserValue: string
}

function timestamp(c: Contender): string {
  return c.attached.route.metadata.creationTimestamp ?? ''
}

function nsName(c: Contender): string {
  return `${c.attached.ref.namespace}/${c.attached.ref.name}`
}

/** < 0 when a comes first. */
export function comparePrecedence(a: Contender, b: Contender): number {
  for (let i = 0; i < Math.max(a.key.length, b.key.length); i++) {
    const d = (b.key[i] ?? 0) - (a.key[i] ?? 0)
    if (d !== 0) return d
  }
  if (a.attached !== b.attached) {
    const t = timestamp(a).localeCompare(timestamp(b))
    if (t !== 0) return t
    const n = nsName(a) < nsName(b) ? -1 : nsName(a) > nsName(b) ? 1 : 0
    if (n !== 0) return n
  }
  return a.rule - b.rule
}

export function sortByPrecedence(contenders: Contender[]): Contender[] {
  return contenders.sort(comparePrecedence)
}

/** Why `loser` comes after `winner`. */
export function decide(winner: Contender, loser: Contender): Decision {
  const steps = routeKindFacts(winner.attached.route.kind)?.precedence ?? []
  for (let i = 0; i < Math.max(winner.key.length, loser.key.length); i++) {
    const w = winner.key[i] ?? 0
    const l = loser.key[i] ?? 0
    if (w !== l) {
      return {
        step: steps[i] ?? `step ${i + 1}`,
        depth: i,
        winnerValue: show(steps[i], w),
        loserValue: show(steps[i], l),
      }
    }
  }
  const base = steps.length
  if (winner.attached !== loser.attached) {
    const wt = timestamp(winner)
    const lt = timestamp(loser)
    if (wt !== lt) {
      return {
        step: TIE_BREAKS[0],
        depth: base,
        winnerValue: wt || '(none: files carry no creationTimestamp; taken as oldest)',
        loserValue: lt || '(none)',
      }
    }
    return { step: TIE_BREAKS[1], depth: base + 1, winnerValue: nsName(winner), loserValue: nsName(loser) }
  }
  return {
    step: TIE_BREAKS[2],
    depth: base + 2,
    winnerValue: `rule ${winner.rule}`,
    loserValue: `rule ${loser.rule}`,
  }
}

function show(step: string | undefined, value: number): string {
  if (step === 'Exact path' || step === 'method') return value ? 'yes' : 'no'
  if (step === 'PathPrefix length' && value < 0)
    return 'a RegularExpression (implementation-specific, ranked after prefixes)'
  return String(value)
}

/** The words for a loss: "lost to HTTPRoute a/b rule 0 on Exact path (yes vs no)". */
export function lossReason(winner: Contender, d: Decision): string {
  const w = winner.attached.ref
  const tie =
    d.step === TIE_BREAKS[0] || d.step === TIE_BREAKS[1]
      ? ' — the matches are equally specific, so only this tie-break decides'
      : ''
  return `loses to ${w.kind} ${w.namespace}/${w.name} rule ${winner.rule} on ${d.step} (${d.winnerValue} vs ${d.loserValue})${tie}`
}
