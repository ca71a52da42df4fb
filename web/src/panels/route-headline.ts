// The one-line answer above a route's explanation. It sums up the whole verdict, not only
// acceptance: a route accepted on a listener that cannot serve, or whose backend is refused, does
// not get a green headline. In a cluster, what the controllers wrote comes first: a route no
// controller has accepted yet says so before what Gatemap computes.
import { type Condition, findCondition } from '@gatemap/shared'
import type { NodeDetails, ParentExplanation } from '@gatemap/shared/view/model/details-types.ts'

export interface Headline {
  glyph: string
  /** ok | warning | error | pending, as the node's health classes. */
  cls: 'ok' | 'warning' | 'error' | 'pending'
  /** First line: the verdict in a sentence. */
  text: string
  /** Second line, when the first is the cluster's word: what Gatemap computes. */
  computed?: string
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** No controller has written Accepted for this parentRef, or it wrote Unknown (still waiting). */
function unacceptedByController(p: ParentExplanation): boolean {
  const row = p.comparison.find((c) => c.type === 'Accepted')
  return row?.actual === undefined || row.actual.status === 'Unknown'
}

function computedVerdict(details: NodeDetails): Headline {
  const { parents, backends } = details
  const accepted = parents.filter((p) => p.accepted.status === 'True')
  const on = [...new Set(accepted.flatMap((p) => p.attached))].filter((s) => s !== '*')
  const where = on.length > 0 ? ` on ${on.join(', ')}` : ''
  if (accepted.length === 0) {
    const first = parents[0]
    const why = first ? ` (${first.accepted.reason})` : ''
    return { glyph: '✕', cls: 'error', text: `Not accepted by any parent${why}` }
  }
  const buts: string[] = []
  if (accepted.length < parents.length)
    buts.push(`${plural(parents.length - accepted.length, 'parent does', 'parents do')} not accept it`)
  const listeners = [
    ...new Set(accepted.flatMap((p) => p.brokenListeners.map((l) => `${l.name} (${l.reason})`))),
  ]
  if (listeners.length > 0)
    buts.push(`listener ${listeners.join(', ')} cannot serve it, so its traffic there fails`)
  const refused = backends.filter((b) => !b.resolved)
  if (refused.length > 0) {
    const reasons = [...new Set(refused.map((b) => b.reason))].join(', ')
    buts.push(`${plural(refused.length, 'backend is', 'backends are')} refused (${reasons})`)
  }
  if (buts.length === 0) return { glyph: '✓', cls: 'ok', text: `Accepted${where}` }
  return { glyph: '✕', cls: 'error', text: `Accepted${where}, but ${buts.join('; ')}` }
}

/**
 * The route's headline. `cluster`: the objects come from a live cluster, where the controller's
 * status is the truth people act on, so its silence is news.
 */
export function routeHeadline(details: NodeDetails, cluster: boolean): Headline {
  const computed = computedVerdict(details)
  const expected = details.parents.filter((p) => !p.noStatusExpected)
  if (!cluster || expected.length === 0 || !expected.every(unacceptedByController)) return computed
  const text = `${computed.glyph} Gatemap computes: ${computed.text[0]?.toLowerCase()}${computed.text.slice(1)}`
  return {
    glyph: '…',
    cls: 'pending',
    text: 'No controller has accepted this yet',
    computed: text,
  }
}

/**
 * For a GatewayClass, Gateway or ListenerSet: the Accepted condition as the cluster holds it, when it
 * is Unknown (the API server's default "Waiting for controller" until a controller answers).
 */
export function waitingForController(details: NodeDetails): string | undefined {
  const status = (details.manifest as { status?: { conditions?: unknown } } | undefined)?.status
  const conditions = Array.isArray(status?.conditions) ? (status.conditions as Condition[]) : []
  const written = findCondition(conditions, 'Accepted')
  if (written?.status !== 'Unknown') return undefined
  return `No controller has accepted this yet (${written.reason}${written.message ? `: ${written.message}` : ''})`
}
