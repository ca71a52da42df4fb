// The applied configuration of one edit: what Gatemap sends as a server-side apply so that its field
// manager owns only what it owned before plus what this edit changed, never the whole object. The
// API server then keeps every other field with the manager that set it, and a GitOps tool or
// `kubectl apply` that later drops a field from its manifest really removes it.
import type { KubeObject } from '../../types/meta.ts'
import { isObject, type JsonObject } from '../../validation/json.ts'
import type { JsonSchema } from '../../validation/types.ts'
import { changesBetween, fieldsOf, pick } from './fields.ts'
import { FieldSet, readManagedFields } from './fields-v1.ts'
import { type FieldPath, formatPath } from './paths.ts'
import { objectShape } from './shape.ts'

/**
 * Metadata that is the API server's (or a tool's own bookkeeping) and is never sent: the
 * resourceVersion goes back in only as a precondition, by the caller.
 */
export const NEVER_SENT_METADATA = [
  'managedFields',
  'resourceVersion',
  'uid',
  'creationTimestamp',
  'generation',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
] as const

/** kubectl's client-side apply record: kubectl's own, and stale the moment anyone else edits. */
export const NEVER_SENT_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'] as const

/** A field this edit removes. */
export interface RemovedField {
  path: string
  at: FieldPath
  /** Other field managers that set it (or something under it). */
  owners: string[]
  /**
   * Whether omitting it from the apply will not remove it (another manager, or nobody, owns it), so
   * a second request, a JSON patch, removes it. Decided again from the apply's answer when writing.
   */
  byPatch: boolean
}

export interface ApplyPlan {
  /** The body of the server-side apply, without a resourceVersion. */
  configuration: KubeObject
  /** Fields this edit changed or added (all of them for a new object). */
  changed: string[]
  /** Fields the manager already owned and sends again unchanged, so it keeps them. */
  kept: string[]
  removed: RemovedField[]
}

export interface ApplyPlanInput {
  /** The object as stored now, with metadata.managedFields; undefined when it does not exist. */
  current: KubeObject | undefined
  /** The object as the person wants it. */
  edited: KubeObject
  /** The openAPIV3Schema of the CRD version (list types and map types); deduced without it. */
  schema?: JsonSchema | undefined
  /** The field manager Gatemap applies as. */
  manager: string
}

/** `object` without status and everything in NEVER_SENT_METADATA / NEVER_SENT_ANNOTATIONS. */
export function withoutServerFields(object: KubeObject): KubeObject {
  const { status: _status, ...rest } = object as KubeObject & { status?: unknown }
  const metadata: JsonObject = { ...(object.metadata as unknown as JsonObject) }
  for (const key of NEVER_SENT_METADATA) delete metadata[key]
  if (isObject(metadata.annotations)) {
    const annotations = { ...metadata.annotations }
    for (const key of NEVER_SENT_ANNOTATIONS) delete annotations[key]
    if (Object.keys(annotations).length > 0) metadata.annotations = annotations
    else delete metadata.annotations
  }
  return structuredClone({ ...rest, metadata }) as unknown as KubeObject
}

/** Identity is not owned by anyone and always sent: apply finds the object by it. */
function identity(object: KubeObject): KubeObject {
  const { name, namespace } = object.metadata
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    metadata: { name, ...(namespace !== undefined ? { namespace } : {}) },
  }
}

/** The identity fields, left out of the comparison because identity() always sends them. */
function withoutIdentity(object: KubeObject): JsonObject {
  const { apiVersion: _a, kind: _k, ...rest } = object
  const { name: _n, namespace: _ns, ...metadata } = object.metadata as unknown as JsonObject
  return { ...rest, metadata }
}

/** The fields a body sets, for people: identity and an empty metadata are not fields anyone set. */
function fieldsSet(object: KubeObject, shape: ReturnType<typeof objectShape>): string[] {
  const body = withoutIdentity(object)
  if (isObject(body.metadata) && Object.keys(body.metadata).length === 0) delete body.metadata
  return fieldsOf(body, shape).map(formatPath)
}

/** Which managers, other than `manager`'s own apply, set `path` or a field under it. */
function ownersOf(path: FieldPath, others: { manager: string; fields: FieldSet }[]): string[] {
  const names = others.filter((o) => o.fields.touches(path)).map((o) => o.manager)
  return [...new Set(names)]
}

export function planApply({ current, edited, schema, manager }: ApplyPlanInput): ApplyPlan {
  const shape = objectShape(schema)
  const after = withoutIdentity(withoutServerFields(edited))
  if (!current) {
    return {
      configuration: withoutServerFields(edited),
      changed: fieldsSet(withoutServerFields(edited), shape),
      kept: [],
      removed: [],
    }
  }
  const entries = readManagedFields((current.metadata as unknown as JsonObject).managedFields).filter(
    (e) => !e.subresource,
  )
  const isMine = (e: { manager: string; operation: string }) =>
    e.manager === manager && e.operation === 'Apply'
  const mine = FieldSet.of(entries.filter(isMine).flatMap((e) => e.fields.paths()))
  const others = entries.filter((e) => !isMine(e))

  const before = withoutIdentity(withoutServerFields(current))
  const { changed, removed } = changesBetween(before, after, shape)
  const keep = FieldSet.of([...mine.paths(), ...changed])
  const picked = pick(after, shape, keep)
  const body = isObject(picked) ? picked : {}
  const id = identity(edited)
  const metadata = isObject(body.metadata) ? { ...id.metadata, ...body.metadata } : id.metadata
  const configuration = { ...id, ...body, metadata } as KubeObject

  const changedKeys = new Set(changed.map(formatPath))
  const sent = fieldsSet(configuration, shape)
  return {
    configuration,
    changed: [...changedKeys],
    kept: sent.filter((p) => !changedKeys.has(p)),
    removed: removed.map((at) => {
      const owners = ownersOf(at, others)
      return { path: formatPath(at), at, owners, byPatch: owners.length > 0 || !mine.touches(at) }
    }),
  }
}
