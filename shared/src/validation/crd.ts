// Picks the schema of one served version out of a CustomResourceDefinition. The CRD arrives as plain
// JSON (from a cluster or a file), so every field is checked rather than trusted.
import { splitApiVersion } from '../kinds.ts'
import type { CrdLike, JsonSchema } from './types.ts'

export interface CrdVersionSchema {
  group: string
  kind: string
  version: string
  namespaced: boolean
  /** With a status subresource the main endpoint ignores `status` on create and update. */
  statusSubresource: boolean
  schema: JsonSchema
}

export type CrdVersionResult = { ok: true; value: CrdVersionSchema } | { ok: false; message: string }

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The schema a kube-apiserver would validate `apiVersion` objects with, or why there is none. */
export function crdVersionSchema(crd: unknown, apiVersion: string): CrdVersionResult {
  if (!isRecord(crd) || !isRecord(crd.spec)) return { ok: false, message: 'the CRD has no spec' }
  const spec = crd.spec
  const names = isRecord(spec.names) ? spec.names : {}
  if (typeof spec.group !== 'string' || typeof names.kind !== 'string' || !Array.isArray(spec.versions)) {
    return { ok: false, message: 'the CRD has no spec.group, spec.names.kind or spec.versions' }
  }
  const crdName =
    isRecord(crd.metadata) && typeof crd.metadata.name === 'string' ? crd.metadata.name : spec.group
  const { group, version } = splitApiVersion(apiVersion)
  if (group !== spec.group) {
    return { ok: false, message: `apiVersion ${apiVersion} is not in group ${spec.group} of CRD ${crdName}` }
  }
  const served = spec.versions.filter((v): v is Record<string, unknown> => isRecord(v) && v.served === true)
  const entry = served.find((v) => v.name === version)
  if (!entry) {
    const names = served.map((v) => String(v.name)).join(', ') || 'none'
    return { ok: false, message: `CRD ${crdName} does not serve version ${version} (served: ${names})` }
  }
  const schema = isRecord(entry.schema) ? entry.schema.openAPIV3Schema : undefined
  if (!isRecord(schema)) {
    return { ok: false, message: `CRD ${crdName} has no openAPIV3Schema for version ${version}` }
  }
  const subresources = isRecord(entry.subresources) ? entry.subresources : {}
  return {
    ok: true,
    value: {
      group,
      kind: names.kind,
      version,
      namespaced: spec.scope !== 'Cluster',
      statusSubresource: subresources.status !== undefined,
      // The CRD came from the API server or its own YAML, whose structural schema Kubernetes has
      // already checked; the validator still guards every keyword it reads.
      schema: schema as JsonSchema,
    },
  }
}

/** The CRD among `crds` that defines `kind` in the group of `apiVersion`. */
export function findCrd<T extends CrdLike>(
  crds: Iterable<T>,
  apiVersion: string,
  kind: string,
): T | undefined {
  const { group } = splitApiVersion(apiVersion)
  for (const crd of crds) {
    if (crd.spec.group === group && crd.spec.names.kind === kind) return crd
  }
  return undefined
}
