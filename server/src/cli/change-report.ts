// The report of `gatemap analyze --context`: what the files do to the cluster's problem list. Text
// puts the introduced problems first (file:line:column for objects from the files), then the fixed
// ones, then a count of the unchanged; JSON has all three lists.
import {
  type ChangeAnalysis,
  type Finding,
  type KindState,
  type LoadedObject,
  type LoadProblem,
  namespacedName,
  objectKey,
  parseFieldPath,
} from '@gatemap/shared'

export interface ChangeReport {
  cluster: { context: string; server: string; version?: string; objects: unknown[] }
  change: ChangeAnalysis
  /** The objects read from the files, with their positions. */
  local: LoadedObject[]
  /** Problems reading the files. */
  problems: LoadProblem[]
  /** Kinds the cluster would not let Gatemap list, or that failed to list. */
  unreadable: KindState[]
  /** Kinds in the files that the cluster does not serve. */
  notServed: string[]
}

const CLUSTER = '(cluster)'
const keyOfRef = (o: { kind: string; namespace?: string; name: string }) =>
  objectKey(o.kind, o.namespace || undefined, o.name)

/** Where a finding is: in the files when its object came from them, else in the cluster. */
function placer(local: readonly LoadedObject[]) {
  const byKey = new Map(
    local.map((o) => [objectKey(o.object.kind, o.object.metadata.namespace, o.object.metadata.name), o]),
  )
  const at = (p: { file: string; line: number; column: number }) => `${p.file}:${p.line}:${p.column}`
  return {
    /** A finding of the world with the files in it: the field's own position. */
    after: (f: Finding) => {
      const loaded = byKey.get(keyOfRef(f.object))
      if (!loaded) return CLUSTER
      return at(f.path ? loaded.locate(parseFieldPath(f.path)) : loaded.source)
    },
    /** A finding of the cluster alone: its path is on the cluster's object, so the file's object. */
    before: (f: Finding) => {
      const loaded = byKey.get(keyOfRef(f.object))
      return loaded ? at(loaded.source) : CLUSTER
    },
  }
}

function counted(list: readonly Finding[]): string {
  if (list.length === 0) return 'none'
  const by = (severity: Finding['severity']) => list.filter((f) => f.severity === severity).length
  const parts = [
    [by('error'), 'error'],
    [by('warning'), 'warning'],
    [by('info'), 'note'],
  ] as const
  const text = parts
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${n} ${word}${n === 1 ? '' : 's'}`)
    .join(', ')
  return `${list.length} (${text})`
}

function findingLines(f: Finding, where: string): string[] {
  const lines = [`${where}: ${f.severity}: ${f.object.kind} ${namespacedName(f.object)}: ${f.code}`]
  lines.push(`  ${f.message}`)
  for (const c of f.checks.filter((c) => c.outcome === 'fail' || c.outcome === 'warn')) {
    if (!f.message.includes(c.message)) lines.push(`  why: ${c.message}`)
  }
  if (f.fix) lines.push(`  fix: ${f.fix}`)
  return lines
}

function noteLines(report: ChangeReport): string[] {
  const lines: string[] = []
  for (const p of report.problems.filter((p) => p.severity === 'note'))
    lines.push(`${p.file}:${p.line}:${p.column}: ${p.message}`)
  if (report.unreadable.length > 0) {
    const which = report.unreadable
      .map((k) => `${k.kind} (${k.state}${k.message ? `: ${k.message}` : ''})`)
      .join('; ')
    lines.push(
      `could not read from the cluster: ${which}. Verdicts that depend on these kinds are unknown, not judged.`,
    )
  }
  if (report.notServed.length > 0) {
    lines.push(
      `the cluster does not serve ${report.notServed.join(', ')}: applying the files' objects of ${report.notServed.length === 1 ? 'that kind' : 'those kinds'} would be refused.`,
    )
  }
  return lines
}

export function changeText(report: ChangeReport, options: { notesOnly?: boolean } = {}): string {
  const { cluster, change } = report
  const place = placer(report.local)
  const errors = report.problems.filter((p) => p.severity === 'error')
  if (options.notesOnly) {
    const lines = [
      ...errors.map((p) => `${p.file}:${p.line}:${p.column}: error: ${p.message}`),
      ...noteLines(report),
    ]
    return lines.map((l) => `gatemap analyze: ${l}\n`).join('')
  }
  const lines: string[] = []
  lines.push(
    `Gatemap analysis of the files laid over cluster context ${cluster.context} (${cluster.server}${cluster.version ? `, Kubernetes ${cluster.version}` : ''}): ${cluster.objects.length} objects read from the cluster; the files replace ${change.replaced.length} of them and add ${change.added.length}. Gatemap stands in for each Gateway's controller; the controller's written status is not compared.`,
  )
  if (errors.length > 0) {
    lines.push('', `Errors in the files: ${errors.length}.`)
    for (const p of errors) lines.push('', `${p.file}:${p.line}:${p.column}: error: ${p.message}`)
  }
  lines.push('', `Introduced by the change: ${counted(change.diff.introduced)}.`)
  for (const f of change.diff.introduced) lines.push('', ...findingLines(f, place.after(f)))
  lines.push('', `Fixed by the change: ${counted(change.diff.fixed)}.`)
  for (const f of change.diff.fixed) lines.push('', ...findingLines(f, place.before(f)))
  lines.push('', `Unchanged (already in the cluster): ${counted(change.diff.unchanged)}.`)
  const notes = noteLines(report)
  if (notes.length > 0) lines.push('', 'Notes', ...notes.map((n) => `  ${n}`))
  return `${lines.join('\n')}\n`
}

function findingJson(f: Finding, location: string): Record<string, unknown> {
  return {
    severity: f.severity,
    code: f.code,
    object: f.object,
    ...(f.subject ? { subject: f.subject } : {}),
    ...(f.path ? { path: f.path } : {}),
    location,
    message: f.message,
    ...(f.fix ? { fix: f.fix } : {}),
    why: f.checks.filter((c) => c.outcome === 'fail' || c.outcome === 'warn').map((c) => c.message),
  }
}

export function changeJson(report: ChangeReport): string {
  const { cluster, change } = report
  const place = placer(report.local)
  const key = (o: { kind: string; metadata: { namespace?: string; name: string } }) =>
    objectKey(o.kind, o.metadata.namespace, o.metadata.name)
  const out = {
    cluster: {
      context: cluster.context,
      server: cluster.server,
      ...(cluster.version ? { version: cluster.version } : {}),
      objects: cluster.objects.length,
    },
    replaced: change.replaced.map(key),
    added: change.added.map(key),
    introduced: change.diff.introduced.map((f) => findingJson(f, place.after(f))),
    fixed: change.diff.fixed.map((f) => findingJson(f, place.before(f))),
    unchanged: change.diff.unchanged.map((f) => findingJson(f, place.after(f))),
    unreadableKinds: report.unreadable.map((k) => ({
      group: k.group,
      kind: k.kind,
      state: k.state,
      ...(k.message ? { message: k.message } : {}),
    })),
    notServed: report.notServed,
    fileProblems: report.problems,
  }
  return `${JSON.stringify(out, null, 2)}\n`
}
