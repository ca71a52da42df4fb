// How server-side apply divides an object into fields it can own, from the CRD's structural schema:
// a granular map or struct owns field by field; a map list (`x-kubernetes-list-type: map`) item by
// item, named by its keys; a set value by value; an atomic list or map (the default for a list with
// no list type), and every scalar, is one field owned as a whole. metadata follows ObjectMeta's own
// markers, since a CRD's schema says nothing about it. Without a schema (or under
// x-kubernetes-preserve-unknown-fields) maps are granular and lists atomic, as the API server deduces.
import { isObject } from '../../validation/json.ts'
import type { JsonSchema } from '../../validation/types.ts'

export type Shape =
  | { type: 'atomic' }
  | { type: 'map'; child(name: string): Shape }
  | { type: 'list-map'; keys: readonly string[]; item: Shape }
  | { type: 'set' }
  /** Decided by the value: a map is granular (children deduced too), anything else atomic. */
  | { type: 'deduced' }

const ATOMIC: Shape = { type: 'atomic' }
const DEDUCED: Shape = { type: 'deduced' }
const DEDUCED_MAP: Shape = { type: 'map', child: () => DEDUCED }

/** The shape for this value: a deduced shape becomes concrete. */
export function resolve(shape: Shape, value: unknown): Shape {
  if (shape.type !== 'deduced') return shape
  return isObject(value) ? DEDUCED_MAP : ATOMIC
}

/** The shape a schema node gives its values. */
export function fromSchema(schema: JsonSchema): Shape {
  if (schema.type === 'array') {
    const listType = schema['x-kubernetes-list-type']
    if (listType === 'set') return { type: 'set' }
    if (listType === 'map') {
      return {
        type: 'list-map',
        keys: schema['x-kubernetes-list-map-keys'] ?? [],
        item: schema.items ? fromSchema(schema.items) : DEDUCED,
      }
    }
    return ATOMIC
  }
  if (schema.type === 'object' || schema.properties || schema.additionalProperties) {
    if (schema['x-kubernetes-map-type'] === 'atomic') return ATOMIC
    const properties = schema.properties ?? {}
    const extra = schema.additionalProperties
    return {
      type: 'map',
      child(name) {
        const property = properties[name]
        if (property) return fromSchema(property)
        if (isObject(extra)) return fromSchema(extra as JsonSchema)
        // A field the schema does not know: the API server prunes it unless unknown fields are kept.
        return schema['x-kubernetes-preserve-unknown-fields'] ? DEDUCED : ATOMIC
      },
    }
  }
  if (schema['x-kubernetes-preserve-unknown-fields']) return DEDUCED
  return ATOMIC
}

/** ObjectMeta's markers: labels and annotations granular, finalizers a set, ownerReferences keyed by uid. */
const OBJECT_META: Shape = {
  type: 'map',
  child(name) {
    switch (name) {
      case 'labels':
      case 'annotations':
        return { type: 'map', child: () => ATOMIC }
      case 'finalizers':
        return { type: 'set' }
      case 'ownerReferences':
        return { type: 'list-map', keys: ['uid'], item: { type: 'map', child: () => ATOMIC } }
      default:
        return ATOMIC
    }
  },
}

/** The shape of a whole object of a CRD version whose openAPIV3Schema is `schema` (if known). */
export function objectShape(schema: JsonSchema | undefined): Shape {
  const body = schema ? fromSchema(schema) : DEDUCED_MAP
  return {
    type: 'map',
    child(name) {
      if (name === 'metadata') return OBJECT_META
      if (name === 'apiVersion' || name === 'kind') return ATOMIC
      return body.type === 'map' ? body.child(name) : DEDUCED
    },
  }
}

/**
 * Whether a value fits the container a (resolved) shape expects; a value that does not (a list where
 * the schema has a map, a null) is compared and sent as one whole value.
 */
export function fits(shape: Shape, value: unknown): boolean {
  switch (shape.type) {
    case 'map':
      return isObject(value)
    case 'list-map':
    case 'set':
      return Array.isArray(value)
    default:
      return true
  }
}
