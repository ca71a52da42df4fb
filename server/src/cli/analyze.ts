// `gatemap analyze PATH...`: the same analysis the dashboard runs, over files, for CI.
import {
  type Analyzer,
  analyze,
  type Finding,
  findings,
  GATEWAY_GROUP,
  inputFinding,
  inputProblems,
  type LoadedObject,
  mergeLoaded,
  policyKindLookup,
  splitApiVersion,
} from '@gatemap/shared'
import { crdFolderLookup } from '../crds/bundled.ts'
import { useCelParseCache } from '../crds/cel-parse-cache.ts'
import { readManifestPaths } from '../sources/files.ts'
import { locator, textReport } from './report.ts'

export interface AnalyzeArgs {
  paths: string[]
  output: 'json' | 'text'
  namespace?: string
  /** The Gateway API CRDs to check objects against (schema and CEL), as `serve --crds`. */
  crds?: string
  /** Take a named GatewayClass absent from the inputs as existing and accepted (default: yes). */
  assumeGatewayClasses?: boolean
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const

/**
 * What the API server would refuse before anything is analysed: every object's name by its kind's
 * rule and, when CRDs are at hand, the Gateway API objects' schema and CEL rules.
 */
function admissionChecks(objects: readonly LoadedObject[], crdsDir: string | undefined) {
  const notes: string[] = []
  const needsCrds = objects.some((o) => splitApiVersion(o.object.apiVersion).group === GATEWAY_GROUP)
  let crdFor: ((group: string, kind: string) => unknown) | undefined
  if (needsCrds && crdsDir) {
    const lookup = crdFolderLookup(crdsDir)
    notes.push(...lookup.problems.map((p) => `CRDs: ${p}`))
    crdFor = lookup.crdFor
  } else if (needsCrds) {
    notes.push(
      'Schema and CEL checks were not run: no Gateway API CRDs were given (--crds DIR or $GATEMAP_CRDS_DIR); names were still checked.',
    )
  }
  return { findings: inputProblems(objects, crdFor).map(inputFinding), notes }
}

export const EXIT_OK = 0
export const EXIT_PROBLEMS = 1
export const EXIT_USAGE = 2

/**
 * The objects with their computed status and the effective policies, as one pretty-printed JSON
 * List, in pieces: at 10,000 routes the whole text is ~40 MB, and building it as one string cost
 * a second and its size in memory twice over. The pieces join to what `JSON.stringify(list, null, 2)`
 * gives.
 */
function* jsonList(analyzer: Analyzer, objects: readonly LoadedObject[]): Generator<string> {
  const policies = analyzer.policies()
  const indent = (json: string) => json.replaceAll('\n', '\n    ')
  let first = true
  yield '{\n  "apiVersion": "v1",\n  "kind": "List",\n  "items": ['
  for (const { object: o } of objects) {
    if (
      splitApiVersion(o.apiVersion).group !== GATEWAY_GROUP &&
      policies.policy(o.kind, o.metadata.namespace, o.metadata.name) === undefined
    )
      continue
    const status = analyzer.statusOf(o.kind, o.metadata.namespace, o.metadata.name)
    const item: Record<string, unknown> = { apiVersion: o.apiVersion, kind: o.kind, metadata: o.metadata }
    if (o.spec !== undefined) item.spec = o.spec
    if (status !== undefined) item.status = status
    yield `${first ? '' : ','}\n    ${indent(JSON.stringify(item, null, 2))}`
    first = false
  }
  yield first ? '],\n  "effectivePolicies": ' : '\n  ],\n  "effectivePolicies": '
  yield `${JSON.stringify(policies.effectiveList(), null, 2).replaceAll('\n', '\n  ')}\n}\n`
}

/**
 * Runs the analysis and returns what to print and the exit code; does no printing itself. A JSON
 * stdout comes in pieces, to be written one after the other.
 */
export async function runAnalyze(
  args: AnalyzeArgs,
): Promise<{ stdout: string | Iterable<string>; stderr: string; code: number }> {
  const readOptions = args.namespace ? { defaultNamespace: args.namespace } : {}
  let read = await readManifestPaths(args.paths, readOptions)
  // Policy CRDs among the files make their kinds readable: read once more with them.
  const policyKinds = read.policyKinds
  if (policyKinds.length > 0) {
    read = await readManifestPaths(args.paths, { ...readOptions, kinds: policyKindLookup(policyKinds) })
  }
  const merged = mergeLoaded(read.objects)
  read.objects = merged.objects
  read.problems.push(...merged.problems)
  // The text report reads the checks of every finding. JSON output carries statuses, not findings:
  // they only decide the exit code there, so it reads none.
  const explain = args.output !== 'json'
  const analyzer = analyze(
    read.objects.map((o) => o.object),
    { assumeAbsentGatewayClasses: args.assumeGatewayClasses ?? true, policyKinds, keepExplanations: explain },
  )
  const celCache = useCelParseCache()
  let admission: ReturnType<typeof admissionChecks>
  try {
    admission = admissionChecks(read.objects, args.crds)
  } finally {
    // Also on a throw: the shared compiler must not keep consulting this run's cache.
    celCache.save()
  }
  const found: Finding[] = [...admission.findings, ...findings(analyzer, { explain })].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  )
  const loadErrors = read.problems.filter((p) => p.severity === 'error')
  let stdout: string | Iterable<string>
  let stderr = ''
  if (args.output === 'json') {
    stdout = jsonList(analyzer, read.objects)
    // Load problems still need to reach a person; stderr keeps stdout pure JSON.
    const locate = locator(read.objects)
    stderr = [
      ...read.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}\n`),
      ...admission.findings.map((f) => `${locate(f)}: ${f.severity}: ${f.message}\n`),
      ...admission.notes.map((n) => `note: ${n}\n`),
    ].join('')
  } else {
    stdout = textReport(analyzer, found, read.problems, locator(read.objects), admission.notes)
  }
  const code =
    read.unreadable.length > 0
      ? EXIT_USAGE
      : loadErrors.length > 0 || found.some((f) => f.severity === 'error')
        ? EXIT_PROBLEMS
        : EXIT_OK
  return { stdout, stderr, code }
}
