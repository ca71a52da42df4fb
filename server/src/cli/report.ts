// The human-readable `gatemap analyze` report: problems first, each with file:line, then a summary
// of every Gateway's listeners and every route's parents.
import {
  type Analyzer,
  type Finding,
  type LoadedObject,
  type LoadProblem,
  namespacedName,
  objectKey,
  parseFieldPath,
} from '@gatemap/shared'
import { policyLines } from './policy-report.ts'

export type Locate = (finding: Pick<Finding, 'object' | 'path'>) => string

export function locator(objects: readonly LoadedObject[]): Locate {
  const byKey = new Map(
    objects.map((o) => [objectKey(o.object.kind, o.object.metadata.namespace, o.object.metadata.name), o]),
  )
  return ({ object, path }) => {
    const loaded = byKey.get(objectKey(object.kind, object.namespace || undefined, object.name))
    if (!loaded) return '(not in the files)'
    const at = path ? loaded.locate(parseFieldPath(path)) : loaded.source
    return `${at.file}:${at.line}:${at.column}`
  }
}

/** "3 errors, 1 warning, 2 for information": exactly what the report lists below it. */
export function summaryLine(found: readonly Pick<Finding, 'severity'>[], loadErrors: number): string {
  const count = (severity: Finding['severity']) => found.filter((f) => f.severity === severity).length
  const errors = count('error') + loadErrors
  const warnings = count('warning')
  const infos = count('info')
  if (errors + warnings + infos === 0) return 'No problems found.'
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  const parts = [plural(errors, 'error'), plural(warnings, 'warning')]
  if (infos > 0) parts.push(`${infos} for information`)
  return `${parts.join(', ')}.`
}

export function textReport(
  analyzer: Analyzer,
  found: Finding[],
  problems: LoadProblem[],
  locate: Locate,
  extraNotes: readonly string[] = [],
): string {
  const lines: string[] = []
  lines.push(
    "Gatemap analysis. Offline, Gatemap stands in for each Gateway's controller: the status below is what a conformant controller would write.",
  )
  lines.push('')
  const loadErrors = problems.filter((p) => p.severity === 'error')
  lines.push(summaryLine(found, loadErrors.length))
  for (const p of loadErrors) lines.push('', `${p.file}:${p.line}:${p.column}: error: ${p.message}`)
  for (const f of found) {
    lines.push('', `${locate(f)}: ${f.severity}: ${f.object.kind} ${namespacedName(f.object)}: ${f.code}`)
    lines.push(`  ${f.message}`)
    const why = f.checks.filter((c) => c.outcome === 'fail' || c.outcome === 'warn')
    for (const c of why) if (!f.message.includes(c.message)) lines.push(`  why: ${c.message}`)
    if (f.fix) lines.push(`  fix: ${f.fix}`)
  }
  lines.push('', 'Gateways')
  for (const g of analyzer.gateways) {
    const accepted = g.conditions[0]
    lines.push(
      `  Gateway ${g.key} (class ${g.gatewayClassName}): Accepted=${accepted?.status} ${accepted?.reason}`,
    )
    for (const l of g.listeners) lines.push(`    ${listenerLine(l)}`)
    for (const s of g.listenerSets) {
      lines.push(`    ListenerSet ${s.key}: Accepted=${s.conditions[0]?.status} ${s.conditions[0]?.reason}`)
      for (const l of s.listeners) lines.push(`      ${listenerLine(l)}`)
    }
  }
  lines.push('', 'Routes')
  for (const r of analyzer.routes) {
    lines.push(`  ${r.kind} ${r.key.slice(r.kind.length + 1)}`)
    for (const p of r.parents) {
      const conds = p.conditions.map((c) => `${c.type}=${c.status} ${c.reason}`).join(', ')
      const where = p.attached.length ? ` -> ${p.attached.map((s) => s.section).join(', ')}` : ''
      lines.push(
        `    ${p.resolved.kind} ${namespacedName(p.resolved)}${p.resolved.sectionName ? `/${p.resolved.sectionName}` : ''}${p.resolved.port ? `:${p.resolved.port}` : ''}: ${conds}${where}`,
      )
    }
  }
  lines.push(...policyLines(analyzer))
  const notes = problems.filter((p) => p.severity === 'note')
  if (notes.length || extraNotes.length) {
    lines.push('', 'Notes')
    for (const n of extraNotes) lines.push(`  ${n}`)
    for (const n of notes) lines.push(`  ${n.file}:${n.line}:${n.column}: ${n.message}`)
  }
  return `${lines.join('\n')}\n`
}

function listenerLine(l: import('@gatemap/shared').ListenerVerdict): string {
  const bad = l.conditions
    .filter((c) => (c.type === 'Conflicted' ? c.status !== 'False' : c.status !== 'True'))
    .map((c) => `${c.type}=${c.status} ${c.reason}`)
  return `listener ${l.name} ${l.protocol}/${l.port}${l.hostname ? ` ${l.hostname}` : ''}: attachedRoutes=${l.attachedRoutes}${bad.length ? `; ${bad.join(', ')}` : ''}`
}
