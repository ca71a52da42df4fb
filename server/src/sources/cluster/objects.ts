// Objects as they leave the API server and enter Gatemap: managedFields gone (large, and nobody reads
// them), apiVersion and kind always set (list items may lack them), and metadata-only answers turned
// back into the kind they describe so the analysis sees a Secret, not a PartialObjectMetadata.
import type { WireObject } from '@gatemap/shared'
import type { ResourceInfo } from './discovery.ts'

/** Accept headers asking for metadata only: secret data never crosses the wire. */
export const METADATA_LIST_ACCEPT = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1'
export const METADATA_WATCH_ACCEPT = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1'

export function apiVersionOf(resource: Pick<ResourceInfo, 'group' | 'version'>): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version
}

/** Drops metadata.managedFields without touching the caller's object. */
export function stripManagedFields<T extends WireObject>(object: T): T {
  if (!object.metadata || !('managedFields' in object.metadata)) return object
  const { managedFields: _, ...metadata } = object.metadata
  return { ...object, metadata }
}

/**
 * An object of `resource` as received (full or PartialObjectMetadata) → a WireObject of that kind.
 * With `metadataOnly`, nothing but metadata survives, whatever the server sent.
 */
export function normalize(
  raw: unknown,
  resource: ResourceInfo,
  metadataOnly: boolean,
): WireObject | undefined {
  if (!raw || typeof raw !== 'object') return undefined
  const object = raw as Partial<WireObject>
  if (!object.metadata?.name) return undefined
  const apiVersion = apiVersionOf(resource)
  if (metadataOnly) return stripManagedFields({ apiVersion, kind: resource.kind, metadata: object.metadata })
  return stripManagedFields({ ...object, apiVersion, kind: resource.kind, metadata: object.metadata })
}
