// Applies a structural schema's defaults the way kube-apiserver does when it decodes a custom
// resource (apiextensions-apiserver schema/defaulting): first nulls in non-nullable fields without a
// default are dropped, then absent properties of present objects get a deep copy of their default,
// and the walk continues into everything, defaults just inserted included. Array items and map values
// that are null and non-nullable get their schema's default too.
import { deepClone, isObject, type JsonObject } from './json.ts'
import type { JsonSchema } from './types.ts'

function nonNullableNull(value: unknown, schema: JsonSchema | undefined): boolean {
  return value === null && schema !== undefined && schema.nullable !== true
}

/** A new value with defaults applied; `value` is never changed. */
export function applyDefaults(value: unknown, schema: JsonSchema | undefined): unknown {
  if (schema === undefined) return deepClone(value)
  if (Array.isArray(value)) {
    const items = schema.items
    return value.map((item) =>
      nonNullableNull(item, items) && items?.default !== undefined
        ? applyDefaults(items.default, items)
        : applyDefaults(item, items),
    )
  }
  if (!isObject(value)) return value
  const additional = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined
  const out: JsonObject = {}
  for (const [key, child] of Object.entries(value)) {
    // JSON has no undefined: a JS caller's `{ field: undefined }` means the field is absent.
    if (child === undefined) continue
    const childSchema = schema.properties?.[key] ?? additional
    if (childSchema === undefined) {
      // Unknown fields are pruned by the API server; validation reports them, defaulting keeps them.
      out[key] = deepClone(child)
    } else if (nonNullableNull(child, childSchema)) {
      if (childSchema.default !== undefined) out[key] = applyDefaults(childSchema.default, childSchema)
    } else {
      out[key] = applyDefaults(child, childSchema)
    }
  }
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    if (prop.default !== undefined && !(key in out)) out[key] = applyDefaults(prop.default, prop)
  }
  return out
}
