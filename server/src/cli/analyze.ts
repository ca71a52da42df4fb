// `gatemap analyze PATH...`: the same analysis the dashboard runs, over files, for CI.
import { analyze, findings, GATEWAY_GROUP, mergeLoaded, splitApiVersion } from '@gatemap/shared'
import { readManifestPaths } from '../sources/files.ts'
import { locator, textReport } from './report.ts'

export interface AnalyzeArgs {
  paths: string[]
  output: 'json' | 'text'
  namespace?: string
}

export const EXIT_OK = 0
export const EXIT_PROBLEMS = 1
export const EXIT_USAGE = 2

/** Runs the analysis and returns what to print and the exit code; does no printing itself. */
export async function runAnalyze(
  args: AnalyzeArgs,
): Promise<{ stdout: string; stderr: string; code: number }> {
  const read = await readManifestPaths(args.paths, args.namespace ? { defaultNamespace: args.namespace } : {})
  const merged = mergeLoaded(read.objects)
  read.objects = merged.objects
  read.problems.push(...merged.problems)
  const analyzer = analyze(read.objects.map((o) => o.object))
  const found = findings(analyzer)
  const loadErrors = read.problems.filter((p) => p.severity === 'error')
  let stdout: string
  let stderr = ''
  if (args.output === 'json') {
    const items = read.objects
      .map((o) => o.object)
      .filter((o) => splitApiVersion(o.apiVersion).group === GATEWAY_GROUP)
      .map((o) => {
        const status = analyzer.statusOf(o.kind, o.metadata.namespace, o.metadata.name)
        const item: Record<string, unknown> = { apiVersion: o.apiVersion, kind: o.kind, metadata: o.metadata }
        if (o.spec !== undefined) item.spec = o.spec
        if (status !== undefined) item.status = status
        return item
      })
    stdout = `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2)}\n`
    // Load problems still need to reach a person; stderr keeps stdout pure JSON.
    stderr = read.problems
      .map((p) => `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}\n`)
      .join('')
  } else {
    stdout = textReport(analyzer, found, read.problems, locator(read.objects))
  }
  const code =
    read.unreadable.length > 0
      ? EXIT_USAGE
      : loadErrors.length > 0 || found.some((f) => f.severity === 'error')
        ? EXIT_PROBLEMS
        : EXIT_OK
  return { stdout, stderr, code }
}
