// Each backendRef's share of its rule's traffic, for the form's "25 %" next to a weight. The
// arithmetic is backendShares' (the topology's edges use it too), so the two cannot disagree.
import { backendShares } from '../../topology/graph.ts'

/**
 * Percent of the rule's traffic per backendRef (one decimal), in order. A backendRef without a
 * weight counts as weight 1 (the CRD's default, as the analysis reads it); all weights 0 → all 0.
 */
export function backendSplit(backendRefs: readonly { weight?: unknown }[] | undefined): number[] {
  return backendShares(
    (backendRefs ?? []).map((b) => ({ rule: 0, weight: typeof b.weight === 'number' ? b.weight : 1 })),
  )
}

/** "25 %", "12.5 %". */
export function formatShare(percent: number): string {
  return `${percent} %`
}
