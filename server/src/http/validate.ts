// "Is this object right, and what would happen if I applied it?" — every answer the server has,
// each placed on a field and a line. The checks themselves are shared with the browser's editor
// (shared/src/edit/check.ts); this adds the CRDs in force and, in cluster mode, the API server's
// own verdict on a server-side dry run of the same request.
import {
  analysisProposalFindings,
  GATEWAY_GROUP,
  type KubeObject,
  nameProblems,
  type ProposalFinding,
  safeFieldPath,
  schemaProposalFindings,
  splitApiVersion,
  type ValidateResponse,
} from '@gatemap/shared'
import type { AnalysisService } from '../analysis/service.ts'
import type { CrdRegistry } from '../crds/registry.ts'
import { WriteError, type Writer } from '../sources/source.ts'
import type { ProposedObject } from './proposal.ts'

/** The CRD's schema and CEL rules, with the CRD the registry holds for the object's kind (any group). */
export function schemaFindings(
  crds: CrdRegistry,
  p: ProposedObject,
  current?: KubeObject,
): ProposalFinding[] {
  const group = splitApiVersion(p.object.apiVersion).group
  // A policy of another group (Envoy Gateway's, say) is held to its CRD when the registry has it, as
  // the editor does, so validate names the same field the API server refuses.
  const crd = crds.forKind(group, p.object.kind)
  if (group !== GATEWAY_GROUP && crd === undefined) {
    // Core kinds have no CRD here, but the API server still holds their names to their kind's rule.
    const name = p.object.metadata?.name
    if (typeof name !== 'string' || name === '') return []
    return nameProblems(group, p.object.kind, name).map((message) => ({
      severity: 'error',
      source: 'schema',
      message,
      path: 'metadata.name',
      ...p.locate(['metadata', 'name']),
    }))
  }
  return schemaProposalFindings(crd, p.object, p.locate, current)
}

/**
 * Folder mode has no API server to hold a write to the CRD's schema and CEL rules, so apply refuses
 * it itself (422 Invalid) before anything is written; validate's dry run gives the same answer. The
 * message names each field; undefined when nothing refuses it.
 */
export function localSchemaRefusal(crds: CrdRegistry, p: ProposedObject) {
  const errors = schemaFindings(crds, p).filter((f) => f.severity === 'error')
  if (errors.length === 0) return undefined
  const { kind, metadata } = p.object
  return {
    message: `${kind} ${metadata.name} is invalid: ${errors.map((e) => `${e.path ?? ''}: ${e.message}`).join('; ')}`,
    errors,
  }
}

/** The analysis' findings and attachment preview, by the server's analysis or (bearer mode) the person's view. */
export function analysisFindings(analysis: AnalysisService, p: ProposedObject, analyzer = analysis.analyzer) {
  const result = analysis.timed(() => analysisProposalFindings(analyzer, p.object, p.locate))
  if (!result) return undefined
  const { status, currentStatus, attachment } = result.preview
  return {
    findings: result.findings,
    preview: { status, currentStatus, ...(attachment ? { attachment } : {}) },
  }
}

/**
 * The writer's verdict on the same write, as a dry run: the API server's in cluster mode, the
 * folder's own write checks (names, the file it would go to, reading it back) in folder mode, so
 * whatever validate calls valid, apply does not refuse for validity.
 */
export async function dryRunFindings(
  writer: Writer,
  p: ProposedObject,
  source: 'apiserver' | 'request' = 'apiserver',
) {
  try {
    await writer.apply(p.object, { dryRun: true })
    return { dryRun: { accepted: true }, findings: [] as ProposalFinding[] }
  } catch (error) {
    if (!(error instanceof WriteError)) throw error
    const findings: ProposalFinding[] =
      error.causes.length > 0
        ? error.causes.map((c) => ({
            severity: 'error',
            source,
            message: c.message,
            ...(c.field ? { path: c.field } : {}),
            ...p.locate(c.field ? safeFieldPath(c.field) : []),
          }))
        : [{ severity: 'error', source, message: error.message, ...p.locate([]) }]
    return { dryRun: { accepted: false, message: `${error.reason}: ${error.message}` }, findings }
  }
}

export function summarize(
  objects: ValidateResponse['objects'],
  findings: ProposalFinding[],
): ValidateResponse {
  const errors = (list: ProposalFinding[]) => list.some((f) => f.severity === 'error')
  const valid =
    !errors(findings) &&
    objects.length > 0 &&
    objects.every((o) => !errors(o.findings) && o.dryRun?.accepted !== false)
  return { valid, findings, objects }
}
