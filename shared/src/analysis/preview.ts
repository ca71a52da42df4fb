// "What would happen if I applied this?" — the analysis of a proposed object as if it replaced the
// current one, and the difference in words, per parentRef: the editors' attachment preview, the
// server's /api/validate and the browser's live preview all read this one module.
import { isCannotCheck } from '../conditions.ts'
import { objectKey } from '../kinds.ts'
import type { ResolvedParentRef } from '../refs.ts'
import type { KubeObject } from '../types/meta.ts'
import type { Analyzer } from './analyzer.ts'
import { findingsFor } from './findings.ts'
import type { SectionRef } from './parents.ts'
import type { RouteParentVerdict, RouteVerdict } from './routes.ts'
import { isRouteKind } from './store.ts'
import type { Finding } from './verdicts.ts'

/** A parentRef in words: "Gateway infra/gw, listener https". */
export function describeParent(ref: ResolvedParentRef): string {
  const parts = [`${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`]
  if (ref.sectionName)
    parts.push(ref.kind === 'Service' ? `port ${ref.sectionName}` : `listener ${ref.sectionName}`)
  if (ref.port !== undefined) parts.push(`port ${ref.port}`)
  return parts.join(', ')
}

export type AttachmentOutcome = 'attached' | 'rejected' | 'pending'

/** One parentRef's fate after the change, compared with before. */
export interface AttachmentChange {
  /** Index in the proposed object's spec.parentRefs (-1 for a parentRef the change removes). */
  index: number
  parent: string
  before?: AttachmentOutcome
  after?: AttachmentOutcome
  /** "will now attach to listener https of Gateway infra/edge". */
  text: string
  /** Why it is rejected (or pending), from the first failing check. */
  reason?: string
  fix?: string
}

export interface ProposalPreview {
  /** The status the analysis computes for the proposed object. */
  status: unknown
  /** The status it computes for the object as it is now (undefined for a new object). */
  currentStatus: unknown
  findings: Finding[]
  /** Routes only: per parentRef, what changes. */
  attachment?: AttachmentChange[]
}

/**
 * Judges a proposed object as if it replaced the current one, then puts the current one back.
 * Everything between runs synchronously, so nothing else sees the proposal.
 */
export function previewProposal(analyzer: Analyzer, proposed: KubeObject): ProposalPreview {
  const { kind, metadata } = proposed
  const namespace = metadata.namespace ?? ''
  const current = analyzer.store.find(kind, metadata.namespace, metadata.name)
  analyzer.refresh()
  const currentStatus = current ? analyzer.statusOf(kind, metadata.namespace, metadata.name) : undefined
  const before = isRouteKind(kind) ? copyVerdict(analyzer.route(kind, namespace, metadata.name)) : undefined
  analyzer.upsert(proposed)
  analyzer.refresh()
  try {
    const findings = findingsFor(analyzer, kind, namespace, metadata.name)
    const status = analyzer.statusOf(kind, metadata.namespace, metadata.name)
    const after = isRouteKind(kind) ? analyzer.route(kind, namespace, metadata.name) : undefined
    const attachment = after ? attachmentChanges(current ? before : undefined, after) : undefined
    return { status, currentStatus, findings, ...(attachment ? { attachment } : {}) }
  } finally {
    if (current) analyzer.upsert(current)
    else analyzer.remove(kind, metadata.namespace, metadata.name)
    analyzer.refresh()
  }
}

// The analyzer replaces verdicts on refresh rather than mutating them, but keep a shallow copy of
// what we read so the comparison never depends on that.
function copyVerdict(v: RouteVerdict | undefined): RouteVerdict | undefined {
  return v ? { ...v, parents: [...v.parents] } : undefined
}

const parentKey = (r: ResolvedParentRef) =>
  `${objectKey(r.kind, r.namespace, r.name)}#${r.sectionName ?? ''}:${r.port ?? ''}`

function outcomeOf(p: RouteParentVerdict): AttachmentOutcome {
  if (p.accepted.status === 'True') return 'attached'
  return p.accepted.status === 'False' ? 'rejected' : 'pending'
}

function sectionWords(sections: SectionRef[], fallback: string): string {
  if (sections.length === 0) return fallback
  const owner = sections[0]!.owner
  const names = sections.map((s) => s.section)
  const noun = owner.kind === 'Service' ? 'port' : names.length > 1 ? 'listeners' : 'listener'
  return `${noun} ${names.join(', ')} of ${owner.kind} ${owner.namespace ? `${owner.namespace}/` : ''}${owner.name}`
}

/** Per parentRef of `after`, matched with `before` by what it points at (not its index). */
export function attachmentChanges(before: RouteVerdict | undefined, after: RouteVerdict): AttachmentChange[] {
  const old = new Map<string, RouteParentVerdict>()
  for (const p of before?.parents ?? []) old.set(parentKey(p.resolved), p)
  const changes: AttachmentChange[] = after.parents.map((p) => {
    const prior = old.get(parentKey(p.resolved))
    old.delete(parentKey(p.resolved))
    const parent = describeParent(p.resolved)
    const now = outcomeOf(p)
    const was = prior ? outcomeOf(prior) : undefined
    const failed = p.explain().find((c) => c.outcome === 'fail')
    const where = sectionWords(now === 'attached' ? p.attached : p.intended, parent)
    const text =
      now === 'attached'
        ? was === 'attached'
          ? `stays attached to ${where}`
          : `will now attach to ${where}`
        : now === 'rejected'
          ? `${was === 'rejected' ? 'is still rejected' : 'will be rejected'} by ${where}`
          : isCannotCheck(p.accepted)
            ? `cannot be checked against ${parent}: what it depends on is not visible`
            : `will not be accepted or rejected by ${parent}: no controller handles it`
    return {
      index: p.index,
      parent,
      ...(was ? { before: was } : {}),
      after: now,
      text,
      ...(now !== 'attached' ? { reason: failed?.message ?? p.accepted.message } : {}),
      ...(now !== 'attached' && failed?.fix ? { fix: failed.fix } : {}),
    }
  })
  for (const p of old.values()) {
    const was = outcomeOf(p)
    changes.push({
      index: -1,
      parent: describeParent(p.resolved),
      before: was,
      text:
        was === 'attached'
          ? `will no longer attach to ${sectionWords(p.attached, describeParent(p.resolved))}`
          : `no longer refers to ${describeParent(p.resolved)}`,
    })
  }
  return changes
}
