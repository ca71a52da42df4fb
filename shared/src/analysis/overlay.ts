// A change judged against the world it lands in: local objects (a pull request's manifests) laid
// over a cluster's, each replacing the cluster's object of the same kind, namespace and name, and
// both worlds analysed so that the change's own effect on the problem list can be told apart.
import { objectKey } from '../kinds.ts'
import type { KubeObject } from '../types/meta.ts'
import { type Analyzer, type AnalyzerOptions, analyze } from './analyzer.ts'
import { diffFindings, type FindingDiff } from './finding-diff.ts'
import { findings } from './findings.ts'

export interface ChangeAnalysis {
  /** The cluster alone. */
  before: Analyzer
  /** The cluster with the local objects laid over it. */
  after: Analyzer
  /** Local objects that take the place of a cluster object. */
  replaced: KubeObject[]
  /** Local objects the cluster does not have. */
  added: KubeObject[]
  diff: FindingDiff
}

const keyOf = (o: KubeObject) => objectKey(o.kind, o.metadata.namespace, o.metadata.name)

/**
 * Controller-written status is left out on both sides: local files carry none (or none that a write
 * would keep), so comparing it would call every replaced object's status disagreement "fixed".
 */
function specOnly(o: KubeObject): KubeObject {
  if (o.status === undefined) return o
  const { status: _status, ...rest } = o
  return rest
}

export function analyzeChange(
  base: readonly KubeObject[],
  local: readonly KubeObject[],
  options: AnalyzerOptions = {},
): ChangeAnalysis {
  const cluster = new Map(base.map((o) => [keyOf(o), specOnly(o)]))
  const merged = new Map(cluster)
  const replaced: KubeObject[] = []
  const added: KubeObject[] = []
  for (const o of local) {
    const key = keyOf(o)
    ;(cluster.has(key) ? replaced : added).push(o)
    merged.set(key, specOnly(o))
  }
  const before = analyze(cluster.values(), options)
  const after = analyze(merged.values(), options)
  return { before, after, replaced, added, diff: diffFindings(findings(before), findings(after)) }
}
