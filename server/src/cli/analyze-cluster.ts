// `gatemap analyze PATH... --context NAME` (or --kubeconfig FILE): the files laid over the live
// cluster they are meant for, and which problems that change introduces, fixes and leaves as it was.
// The cluster is only read; nothing is ever written to it.
import {
  analyzeChange,
  GATEWAY_GROUP,
  inputFinding,
  inputProblems,
  type KindState,
  mergeLoaded,
  unreadableFrom,
} from '@gatemap/shared'
import { readManifestPaths } from '../sources/files.ts'
import { type AnalyzeArgs, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './analyze.ts'
import { type ChangeReport, changeJson, changeText } from './change-report.ts'
import { ClusterReadError, readCluster } from './cluster-read.ts'

export interface ClusterAnalyzeArgs extends AnalyzeArgs {
  context?: string
  kubeconfig?: string
  /** `introduced`: the exit code depends only on what the change introduces. */
  failOn: 'problems' | 'introduced'
  timeoutMs: number
}

export async function runAnalyzeCluster(
  args: ClusterAnalyzeArgs,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ stdout: string; stderr: string; code: number }> {
  const read = await readManifestPaths(args.paths, args.namespace ? { defaultNamespace: args.namespace } : {})
  const merged = mergeLoaded(read.objects)
  const problems = [...read.problems, ...merged.problems]
  let cluster: Awaited<ReturnType<typeof readCluster>>
  try {
    cluster = await readCluster({
      ...(args.context ? { context: args.context } : {}),
      ...(args.kubeconfig ? { kubeconfig: args.kubeconfig } : {}),
      timeoutMs: args.timeoutMs,
      env,
    })
  } catch (error) {
    if (!(error instanceof ClusterReadError)) throw error
    return { stdout: '', stderr: `gatemap analyze: ${error.message}\n`, code: EXIT_USAGE }
  }
  const unreadable = cluster.kinds.filter((k) => k.state === 'forbidden' || k.state === 'failing')
  const change = analyzeChange(
    cluster.objects,
    merged.objects.map((o) => o.object),
    // The report reads the checks of every finding on both sides.
    { unreadable: unreadableFrom(cluster.kinds), keepExplanations: true },
  )
  // What the cluster's API server would refuse in the files, checked against the CRDs it serves.
  // Objects in the cluster passed these checks when they were stored, so every one is introduced.
  const admission = inputProblems(merged.objects, (group, kind) => cluster.crds.forKind(group, kind))
  change.diff.introduced.unshift(...admission.map(inputFinding))
  const report: ChangeReport = {
    cluster,
    change,
    local: merged.objects,
    problems,
    unreadable,
    notServed: notServed(
      cluster.kinds,
      merged.objects.map((o) => o.object),
    ),
  }
  const loadErrors = problems.some((p) => p.severity === 'error')
  // Without --fail-on introduced, today's rule for `analyze` applied to the merged world, whose
  // problems are the introduced and the unchanged ones.
  const judged =
    args.failOn === 'introduced'
      ? change.diff.introduced
      : [...change.diff.introduced, ...change.diff.unchanged]
  // A kind that failed to list is absent from the analysis without being known to be absent.
  const code =
    read.unreadable.length > 0 || unreadable.some((k) => k.state === 'failing')
      ? EXIT_USAGE
      : loadErrors || judged.some((f) => f.severity === 'error')
        ? EXIT_PROBLEMS
        : EXIT_OK
  if (args.output === 'json') {
    // Load problems and unreadable kinds also go to stderr, so that stdout stays pure JSON.
    return { stdout: changeJson(report), stderr: changeText(report, { notesOnly: true }), code }
  }
  return { stdout: changeText(report), stderr: '', code }
}

/** Gateway API kinds in the files that the cluster does not serve (applying them would fail). */
function notServed(kinds: KindState[], local: { apiVersion: string; kind: string }[]): string[] {
  const missing = new Set(
    kinds.filter((k) => k.group === GATEWAY_GROUP && k.state === 'not-installed').map((k) => k.kind),
  )
  return [...new Set(local.map((o) => o.kind))].filter((kind) => missing.has(kind)).sort()
}
