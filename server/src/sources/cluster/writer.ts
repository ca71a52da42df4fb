// Writes to the cluster for one caller. Dry run and real write are the same request but for
// `dryRun=All`. Everything that goes wrong leaves as a WriteError carrying the API server's reason,
// message and causes, so the UI can point at the field.
import { type KubeObject, type WireObject, withoutServerFields } from '@gatemap/shared'
import type { CrdRegistry } from '../../crds/registry.ts'
import type { ObjectRef, WriteCause, WriteOptions, WriteResult, Writer } from '../source.ts'
import { WriteError } from '../source.ts'
import { collectionPath, objectPath, type ResourceInfo } from './discovery.ts'
import { ApiError, type KubeHttp, type KubeStatus } from './http.ts'
import { stripManagedFields } from './objects.ts'
import { FIELD_MANAGER, ownedApply, schemaFor } from './owned-apply.ts'

export { FIELD_MANAGER }

export type ResourceResolver = (apiVersion: string, kind: string) => Promise<ResourceInfo | undefined>

/** An API server Status (or a network failure) → WriteError. */
export function toWriteError(error: unknown, current?: WireObject): WriteError {
  if (error instanceof WriteError) return error
  if (error instanceof ApiError) {
    const body: KubeStatus = error.body
    const causes: WriteCause[] = (body.details?.causes ?? []).map((cause) => ({
      message: cause.message ?? '',
      ...(cause.field ? { field: cause.field } : {}),
      ...(cause.reason ? { reason: cause.reason } : {}),
    }))
    return new WriteError(error.status, body.reason || 'Unknown', body.message || error.message, {
      causes,
      ...(current ? { current } : {}),
    })
  }
  const message = error instanceof Error ? error.message : String(error)
  return new WriteError(503, 'ServiceUnavailable', `the API server could not be reached: ${message}`)
}

export class ClusterWriter implements Writer {
  private readonly http: KubeHttp
  private readonly resolve: ResourceResolver
  private readonly readOnly: boolean
  private readonly crds: CrdRegistry | undefined

  /** `crds`: the CRDs in force, whose list types decide which fields an apply owns. */
  constructor(http: KubeHttp, resolve: ResourceResolver, readOnly = false, crds?: CrdRegistry) {
    this.http = http
    this.resolve = resolve
    this.readOnly = readOnly
    this.crds = crds
  }

  async get(ref: ObjectRef): Promise<WireObject | undefined> {
    try {
      const resource = await this.resourceOf(ref.apiVersion, ref.kind)
      const { body } = await this.http.request(
        'GET',
        objectPath(resource, this.namespaceOf(resource, ref), ref.name),
      )
      return stripManagedFields(body as WireObject)
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined
      throw toWriteError(error)
    }
  }

  /** Server-side apply of only the fields this edit changed (see owned-apply.ts). */
  async apply(object: WireObject, options: WriteOptions): Promise<WriteResult> {
    return this.write(object, options.dryRun, (resource, namespace) =>
      ownedApply(
        this.http,
        objectPath(resource, namespace, object.metadata.name),
        object,
        options,
        schemaFor(this.crds, object.apiVersion, object.kind),
      ),
    )
  }

  async create(object: WireObject, options: WriteOptions): Promise<WriteResult> {
    return this.write(object, options.dryRun, async (resource, namespace) => {
      const { body } = await this.http.request('POST', collectionPath(resource, namespace), {
        query: { fieldManager: FIELD_MANAGER, ...dryRun(options) },
        body: withoutServerFields(object as KubeObject),
      })
      return { object: stripManagedFields(body as WireObject), created: true }
    })
  }

  async delete(ref: ObjectRef & { resourceVersion?: string }, options: WriteOptions): Promise<void> {
    const target = {
      apiVersion: ref.apiVersion,
      kind: ref.kind,
      metadata: { name: ref.name, namespace: ref.namespace },
    }
    await this.write(target, options.dryRun, async (resource, namespace) => {
      await this.http.request('DELETE', objectPath(resource, namespace, ref.name), {
        query: dryRun(options),
        // With a body, kube-apiserver reads DeleteOptions from it and ignores the query: dryRun must
        // be in the body too, or a dry run would really delete.
        body: {
          apiVersion: 'v1',
          kind: 'DeleteOptions',
          ...(options.dryRun ? { dryRun: ['All'] } : {}),
          ...(ref.resourceVersion ? { preconditions: { resourceVersion: ref.resourceVersion } } : {}),
        },
      })
      return { object: target, created: false }
    })
  }

  /** Resolves the resource, runs the request, and turns every failure into a WriteError. */
  private async write(
    object: WireObject,
    dryRun: boolean | undefined,
    send: (resource: ResourceInfo, namespace: string | undefined) => Promise<WriteResult>,
  ): Promise<WriteResult> {
    let resource: ResourceInfo | undefined
    let namespace: string | undefined
    try {
      // A dry run writes nothing (and the API server still checks the caller's RBAC for it).
      if (this.readOnly && !dryRun)
        throw new WriteError(403, 'Forbidden', 'Gatemap was started read-only; writes are off.')
      if (!object?.metadata?.name) {
        throw new WriteError(400, 'BadRequest', 'the object has no metadata.name', {
          causes: [{ field: 'metadata.name', message: 'Required value' }],
        })
      }
      resource = await this.resourceOf(object.apiVersion, object.kind)
      namespace = this.namespaceOf(resource, object.metadata)
      return await send(resource, namespace)
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && resource) {
        const current = await this.currentOf(resource, namespace, object.metadata.name)
        throw toWriteError(error, current)
      }
      throw toWriteError(error)
    }
  }

  private async currentOf(resource: ResourceInfo, namespace: string | undefined, name: string) {
    try {
      const { body } = await this.http.request('GET', objectPath(resource, namespace, name))
      return stripManagedFields(body as WireObject)
    } catch {
      // The conflict stands on its own; the current object is a courtesy.
      return undefined
    }
  }

  private async resourceOf(apiVersion: string, kind: string): Promise<ResourceInfo> {
    if (!apiVersion || !kind) {
      throw new WriteError(400, 'BadRequest', 'the object needs apiVersion and kind', {
        causes: [{ field: apiVersion ? 'kind' : 'apiVersion', message: 'Required value' }],
      })
    }
    const resource = await this.resolve(apiVersion, kind)
    if (!resource) {
      throw new WriteError(404, 'NotFound', `the cluster does not serve ${kind} in ${apiVersion}`, {
        causes: [{ field: 'apiVersion', message: `${apiVersion} ${kind} is not served` }],
      })
    }
    return resource
  }

  private namespaceOf(
    resource: ResourceInfo,
    metadata: { namespace?: string | undefined },
  ): string | undefined {
    if (!resource.namespaced) return undefined
    if (!metadata.namespace) {
      throw new WriteError(
        400,
        'BadRequest',
        `${resource.kind} is namespaced: metadata.namespace is required`,
        {
          causes: [{ field: 'metadata.namespace', message: 'Required value' }],
        },
      )
    }
    return metadata.namespace
  }
}

function dryRun(options: WriteOptions): { dryRun?: string } {
  return options.dryRun ? { dryRun: 'All' } : {}
}
