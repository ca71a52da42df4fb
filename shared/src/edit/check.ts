// Everything Gatemap can say about a drafted object without writing it, each finding placed on a
// field and a line: YAML errors, the CRD's schema and CEL rules (the shared validator, as the API
// server runs them), and the analysis' cross-resource findings with the attachment preview. The
// server's /api/validate and the browser's live editor markers both come from here.
import type { Analyzer } from '../analysis/analyzer.ts'
import { type ProposalPreview, previewProposal } from '../analysis/preview.ts'
import { splitApiVersion } from '../kinds.ts'
import { DEFAULT_MAX_DEPTH, depthMessage, valueTooDeep } from '../loader/depth.ts'
import { parseFieldPath, parseManifests } from '../loader/parse.ts'
import type { FieldPath, LoadedObject } from '../loader/types.ts'
import { GATEWAY_GROUP, ROUTE_KINDS } from '../types/gateway.ts'
import type { KubeObject } from '../types/meta.ts'
import { findingFocus } from '../validation/focus.ts'
import { formatFieldPath } from '../validation/path.ts'
import { validateObject } from '../validation/validate.ts'
import type { ProposalFinding } from '../wire/rest.ts'

/** Limits on a proposal's text: the same for the server's REST API and the browser's editor. */
export const PROPOSAL_LIMITS = { maxBytes: 1024 * 1024, maxAliasCount: 100, maxDepth: DEFAULT_MAX_DEPTH }

const ANALYZED: ReadonlySet<string> = new Set(['Gateway', 'ListenerSet', ...ROUTE_KINDS])

/** Where each field of a proposed object was written; 0/0 for objects that came as JSON. */
export type Locate = (path: FieldPath | string) => { line: number; column: number }

export function locatorOf(loaded: LoadedObject): Locate {
  return (path) => {
    const at = loaded.locate(typeof path === 'string' ? safeFieldPath(path) : path)
    return { line: at.line, column: at.column }
  }
}

/** Field paths from outside (the API server's causes) may not parse; those point at the object. */
export function safeFieldPath(field: string): FieldPath {
  try {
    return parseFieldPath(field.replace(/^<nil>$/, ''))
  } catch {
    return []
  }
}

/** The text's own problems (YAML syntax, documents that are not objects), as findings. */
export function parseProposalText(text: string, file: string) {
  const result = parseManifests(text, file, PROPOSAL_LIMITS)
  const findings: ProposalFinding[] = result.problems.map((p) => ({
    severity: p.severity === 'error' ? 'error' : 'info',
    source: 'yaml',
    message: p.message,
    line: p.line,
    column: p.column,
  }))
  return { objects: result.objects, findings }
}

/**
 * An object that arrived parsed (JSON) meets the same nesting limit as text, before anything walks
 * it recursively; the finding names the path where the limit was crossed.
 */
export function objectProposalFindings(object: unknown): ProposalFinding[] {
  const deep = valueTooDeep(object, PROPOSAL_LIMITS.maxDepth)
  if (!deep) return []
  const path = formatFieldPath(deep)
  const shown = path.length > 120 ? `${path.slice(0, 120)}…` : path
  return [
    {
      severity: 'error',
      source: 'yaml',
      message: `${depthMessage(PROPOSAL_LIMITS.maxDepth)} (at ${shown}); it was not read`,
      path,
      line: 0,
      column: 0,
    },
  ]
}

/** The CRD's schema and CEL rules; `crd` undefined means none is installed for this kind. */
export function schemaProposalFindings(
  crd: unknown,
  object: KubeObject,
  locate: Locate,
  current?: KubeObject,
): ProposalFinding[] {
  if (crd === undefined) {
    // A policy of another group is checked when its CRD is at hand; without one nothing is said.
    if (splitApiVersion(object.apiVersion).group !== GATEWAY_GROUP) return []
    return [
      {
        severity: 'warning',
        source: 'schema',
        message: `no CustomResourceDefinition for ${object.kind} is installed, so its schema and CEL rules were not checked`,
        ...locate(['kind']),
      },
    ]
  }
  const result = validateObject(crd, object, current === undefined ? {} : { oldObject: current })
  return result.findings.map((f) => ({
    severity: f.severity,
    source: f.source === 'cel' ? 'cel' : 'schema',
    message: f.message,
    path: formatFieldPath(f.path),
    // The API server's path stays the finding's; the marker goes on the field the rule is about.
    ...locate(findingFocus(f, object)),
  }))
}

/** The analysis' findings on the object as if applied, and the preview; undefined for kinds it does not judge. */
export function analysisProposalFindings(
  analyzer: Analyzer,
  object: KubeObject,
  locate: Locate,
): { findings: ProposalFinding[]; preview: ProposalPreview } | undefined {
  if (splitApiVersion(object.apiVersion).group !== GATEWAY_GROUP || !ANALYZED.has(object.kind))
    return undefined
  const preview = previewProposal(analyzer, object)
  const findings: ProposalFinding[] = preview.findings.map((f) => ({
    severity: f.severity,
    source: 'analysis',
    message: f.message,
    code: f.code,
    ...(f.fix ? { fix: f.fix } : {}),
    ...(f.path ? { path: f.path } : {}),
    ...locate(f.path ?? []),
  }))
  return { findings, preview }
}

export interface DraftCheck {
  /** The drafted object, when the text holds exactly one. */
  object?: KubeObject
  findings: ProposalFinding[]
  preview?: ProposalPreview
}

export interface DraftContext {
  /** The CRD for the drafted kind; undefined when none is installed (Gateway API kinds only). */
  crd: unknown
  analyzer: Analyzer
  /** The stored object the draft replaces (for transition rules), looked up once the text is read. */
  current?: (object: KubeObject) => KubeObject | undefined
}

/** One editor's text: exactly one object expected. */
export function checkDraft(text: string, file: string, context: DraftContext): DraftCheck {
  const parsed = parseProposalText(text, file)
  const findings = [...parsed.findings]
  if (parsed.objects.length !== 1) {
    if (!findings.some((f) => f.severity === 'error'))
      findings.push({
        severity: 'error',
        source: 'yaml',
        message: `the editor holds ${parsed.objects.length} objects; it edits exactly one`,
        line: 1,
        column: 1,
      })
    return { findings }
  }
  const loaded = parsed.objects[0]!
  const { object } = loaded
  const locate = locatorOf(loaded)
  findings.push(...schemaProposalFindings(context.crd, object, locate, context.current?.(object)))
  const analysis = analysisProposalFindings(context.analyzer, object, locate)
  if (analysis) findings.push(...analysis.findings)
  return { object, findings, ...(analysis ? { preview: analysis.preview } : {}) }
}
