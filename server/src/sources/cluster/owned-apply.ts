// Server-side apply of one edit that owns only what the person changed. The object is read first,
// with its managedFields; the applied configuration (shared/src/edit/apply) holds the fields
// Gatemap's manager already owned plus the fields this edit changed, so every other field stays with
// whoever set it. A field the person deleted that the apply leaves in place (another manager set it
// too) is then removed by a JSON patch conditional on the resourceVersion the apply produced. A dry
// run sends the same requests with dryRun set; its patch is aimed at the object as stored, since the
// dry-run apply changed nothing.
import {
  type ApplyPlan,
  crdVersionSchema,
  type JsonSchema,
  type KubeObject,
  locate,
  planApply,
  removalPatch,
  splitApiVersion,
  type WireObject,
  withoutPaths,
} from '@gatemap/shared'
import type { CrdRegistry } from '../../crds/registry.ts'
import { type Ownership, WriteError, type WriteOptions } from '../source.ts'
import { ApiError, type KubeHttp } from './http.ts'
import { stripManagedFields } from './objects.ts'

export const FIELD_MANAGER = 'gatemap'
const APPLY_PATCH = 'application/apply-patch+yaml'
const JSON_PATCH = 'application/json-patch+json'

/** The openAPIV3Schema of the served CRD version, which says how apply divides the object. */
export function schemaFor(
  crds: CrdRegistry | undefined,
  apiVersion: string,
  kind: string,
): JsonSchema | undefined {
  const crd = crds?.forKind(splitApiVersion(apiVersion).group, kind)
  if (!crd) return undefined
  const version = crdVersionSchema(crd, apiVersion)
  return version.ok ? version.value.schema : undefined
}

function withResourceVersion(object: KubeObject, resourceVersion: string | undefined): KubeObject {
  if (!resourceVersion) return object
  return { ...object, metadata: { ...object.metadata, resourceVersion } }
}

function ownershipOf(plan: ApplyPlan, byPatch: ApplyPlan['removed']): Ownership {
  const patched = new Set(byPatch)
  return {
    applied: plan.configuration,
    changed: plan.changed,
    kept: plan.kept,
    removedByApply: plan.removed.filter((r) => !patched.has(r)).map((r) => r.path),
    removedByPatch: byPatch.map((r) => ({ path: r.path, owners: r.owners })),
  }
}

export interface OwnedApplyResult {
  object: WireObject
  created: boolean
  ownership: Ownership
}

export async function ownedApply(
  http: KubeHttp,
  path: string,
  edited: WireObject,
  options: WriteOptions,
  schema: JsonSchema | undefined,
): Promise<OwnedApplyResult> {
  const dryRun = options.dryRun ? { dryRun: 'All' } : {}
  const current = await read(http, path)
  const plan = planApply({ current, edited, schema, manager: FIELD_MANAGER })
  const { status, body } = await http.request('PATCH', path, {
    query: { fieldManager: FIELD_MANAGER, force: options.force || undefined, ...dryRun },
    headers: { 'content-type': APPLY_PATCH },
    // JSON is YAML; a resourceVersion in the body makes the apply conditional.
    body: JSON.stringify(withResourceVersion(plan.configuration, edited.metadata.resourceVersion)),
  })
  const applied = body as WireObject
  const leftover = plan.removed.filter((r) => locate(applied, r.at) !== undefined)
  const created = status === 201
  if (leftover.length === 0 || !current) {
    return { object: stripManagedFields(applied), created, ownership: ownershipOf(plan, []) }
  }
  const target = options.dryRun ? current : applied
  const patch = removalPatch(
    target,
    leftover.map((r) => r.at),
    target.metadata.resourceVersion,
  )
  if (!patch) return { object: stripManagedFields(applied), created, ownership: ownershipOf(plan, []) }
  try {
    const { body: patched } = await http.request('PATCH', path, {
      query: { fieldManager: FIELD_MANAGER, ...dryRun },
      headers: { 'content-type': JSON_PATCH },
      body: patch,
    })
    const object = options.dryRun
      ? withoutPaths(
          applied,
          leftover.map((r) => r.at),
        )
      : (patched as WireObject)
    return { object: stripManagedFields(object), created, ownership: ownershipOf(plan, leftover) }
  } catch (error) {
    if (options.dryRun || !(error instanceof ApiError)) throw error
    // The apply is written; only the removal met a change made in between. Said as a conflict, so the
    // editor offers to compare and rebase, after which applying again removes the rest.
    const now = await read(http, path).catch(() => undefined)
    throw new WriteError(
      409,
      'Conflict',
      `applied, but ${leftover.map((r) => r.path).join(', ')} could not be removed: ${error.message}. ` +
        'The object changed right after the apply; rebase on the current version and apply again.',
      now ? { current: stripManagedFields(now) } : {},
    )
  }
}

/** The object as stored, with managedFields; undefined when there is none. */
async function read(http: KubeHttp, path: string): Promise<WireObject | undefined> {
  try {
    const { body } = await http.request('GET', path)
    return body as WireObject
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined
    throw error
  }
}
