// "Is this object right, and what would happen if I applied it?" — every answer the server has,
// each placed on a field and a line: YAML errors, CRD schema and CEL rule violations, the
// cross-resource findings of the analysis with the status the object would get, and in cluster
// mode the API server's own verdict on a server-side dry run of the same request.
import {
  type FieldPath,
  GATEWAY_GROUP,
  type KubeObject,
  type ProposalFinding,
  parseFieldPath,
  ROUTE_KINDS,
  splitApiVersion,
  type ValidateResponse,
} from '@gatemap/shared'
import type { AnalysisService } from '../analysis/service.ts'
import type { Crd, CrdRegistry } from '../crds/registry.ts'
import { WriteError, type Writer } from '../sources/source.ts'
import type { ProposedObject } from './proposal.ts'

export interface SchemaFinding {
  path: FieldPath
  message: string
  source: 'schema' | 'cel'
  severity: 'error' | 'warning'
}

/** Checks an object against its CRD's schema and CEL rules (transition rules only with the old object). */
export type SchemaCheck = (crd: Crd, object: KubeObject, oldObject?: KubeObject) => SchemaFinding[]

const ANALYZED: ReadonlySet<string> = new Set(['Gateway', 'ListenerSet', ...ROUTE_KINDS])

function place(p: ProposedObject, path: FieldPath | string | undefined) {
  return path === undefined || path === '' ? p.locate([]) : p.locate(path)
}

function dotted(path: FieldPath): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('')
}

export function schemaFindings(
  crds: CrdRegistry,
  check: SchemaCheck,
  p: ProposedObject,
  current?: KubeObject,
): ProposalFinding[] {
  const { object } = p
  const group = splitApiVersion(object.apiVersion).group
  if (group !== GATEWAY_GROUP) return []
  const crd = crds.forKind(group, object.kind)
  if (!crd) {
    return [
      {
        severity: 'warning',
        source: 'schema',
        message: `no CustomResourceDefinition for ${object.kind} is installed, so its schema and CEL rules were not checked`,
        ...p.locate(['kind']),
      },
    ]
  }
  return check(crd, object, current).map((f) => ({
    severity: f.severity,
    source: f.source,
    message: f.message,
    path: dotted(f.path),
    ...place(p, f.path),
  }))
}

export function analysisFindings(analysis: AnalysisService, p: ProposedObject) {
  const { object } = p
  if (splitApiVersion(object.apiVersion).group !== GATEWAY_GROUP || !ANALYZED.has(object.kind))
    return undefined
  const preview = analysis.preview(object)
  const findings: ProposalFinding[] = preview.findings.map((f) => ({
    severity: f.severity,
    source: 'analysis',
    message: f.message,
    code: f.code,
    ...(f.fix ? { fix: f.fix } : {}),
    ...(f.path ? { path: f.path } : {}),
    ...place(p, f.path),
  }))
  return { findings, preview: { status: preview.status, currentStatus: preview.currentStatus } }
}

/** The API server's verdict on the same write, as a dry run. */
export async function dryRunFindings(writer: Writer, p: ProposedObject) {
  try {
    await writer.apply(p.object, { dryRun: true })
    return { dryRun: { accepted: true }, findings: [] as ProposalFinding[] }
  } catch (error) {
    if (!(error instanceof WriteError)) throw error
    const findings: ProposalFinding[] =
      error.causes.length > 0
        ? error.causes.map((c) => ({
            severity: 'error',
            source: 'apiserver',
            message: c.message,
            ...(c.field ? { path: c.field } : {}),
            ...place(p, c.field ? safeFieldPath(c.field) : undefined),
          }))
        : [{ severity: 'error', source: 'apiserver', message: error.message, ...p.locate([]) }]
    return { dryRun: { accepted: false, message: `${error.reason}: ${error.message}` }, findings }
  }
}

/** API server field paths are mostly ours (`spec.rules[0].filters`); anything else points at the object. */
function safeFieldPath(field: string): FieldPath {
  try {
    return parseFieldPath(field.replace(/^<nil>$/, ''))
  } catch {
    return []
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
