// A CRD version's OpenAPI schema as a JSON Schema (draft-07) for monaco-yaml: completion, hover docs
// from the descriptions, and validation as close to the API server's as JSON Schema can say it.
import { crdVersionSchema } from '../validation/crd.ts'
import type { CrdLike, JsonSchema } from '../validation/types.ts'

export type EditorSchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null'

/** The draft-07 keywords the converted schema uses. */
export interface EditorJsonSchema {
  $schema?: string
  $id?: string
  title?: string
  description?: string
  type?: EditorSchemaType | EditorSchemaType[]
  format?: string
  default?: unknown
  enum?: unknown[]
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  minItems?: number
  maxItems?: number
  minProperties?: number
  maxProperties?: number
  required?: string[]
  properties?: Record<string, EditorJsonSchema>
  additionalProperties?: EditorJsonSchema | boolean
  items?: EditorJsonSchema
}

/** The URI monaco-yaml registers the schema of one kind and version under; stable across reloads. */
export function schemaUri(group: string, kind: string, version: string): string {
  return `gatemap://schemas/${group === '' ? 'core' : group}/${version}/${kind}.json`
}

/**
 * The JSON Schema for objects of `crd` at `version`, for the YAML editor. Throws when the CRD does
 * not serve that version (the message names both).
 */
export function crdJsonSchema(crd: CrdLike, version: string): EditorJsonSchema {
  const found = crdVersionSchema(crd, `${crd.spec.group}/${version}`)
  if (!found.ok) throw new Error(found.message)
  const { group, kind, namespaced } = found.value
  const root = convert(found.value.schema)
  const apiVersion = `${group}/${version}`
  const properties = root.properties ?? {}
  root.properties = {
    ...properties,
    // The CRD's own descriptions (Kubernetes' generic text) stay the hover docs where present.
    apiVersion: {
      description: `The API group and version: ${apiVersion}.`,
      ...properties.apiVersion,
      type: 'string',
      enum: [apiVersion],
    },
    kind: { description: `The kind: ${kind}.`, ...properties.kind, type: 'string', enum: [kind] },
    metadata: metadataSchema(namespaced),
  }
  root.required = [...new Set(['apiVersion', 'kind', 'metadata', ...(root.required ?? [])])]
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: schemaUri(group, kind, version),
    title: `${kind} (${apiVersion})`,
    ...root,
  }
}

// CRDs leave metadata a bare object; these are the fields people write in a manifest.
function metadataSchema(namespaced: boolean): EditorJsonSchema {
  const stringMap = (description: string): EditorJsonSchema => ({
    type: 'object',
    description,
    additionalProperties: { type: 'string' },
  })
  const properties: Record<string, EditorJsonSchema> = {
    name: {
      type: 'string',
      description:
        'The object’s name, unique among objects of this kind in its namespace. Fixed once created.',
      maxLength: 253,
      // An RFC 1123 subdomain, as the API server requires of custom resources' names.
      pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
    },
  }
  if (namespaced) {
    properties.namespace = {
      type: 'string',
      description: 'The namespace the object lives in. Fixed once created.',
      maxLength: 63,
      pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
    }
  }
  properties.labels = stringMap('Key/value pairs for selecting and grouping objects.')
  properties.annotations = stringMap('Key/value notes for tools and people; not used for selection.')
  properties.resourceVersion = {
    type: 'string',
    description:
      'The version of the object this edit started from. Leave it as it is: apply refuses the edit if the object changed since.',
  }
  // Fetched objects carry more (uid, generation, ownerReferences, …); they are the server's, not errors.
  return { type: 'object', description: 'Standard object metadata.', properties, additionalProperties: true }
}

// Formats draft-07 defines; others (int32, int64, Kubernetes-only ones) mean nothing to a JSON Schema
// validator and would only confuse it.
const JSON_SCHEMA_FORMATS = new Set([
  'date-time',
  'date',
  'time',
  'email',
  'idn-email',
  'hostname',
  'idn-hostname',
  'ipv4',
  'ipv6',
  'uri',
  'uri-reference',
  'iri',
  'iri-reference',
  'uri-template',
  'json-pointer',
  'relative-json-pointer',
  'regex',
])

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern)
    return true
  } catch {
    return false
  }
}

// allOf/anyOf/oneOf/not are dropped: in a structural schema they only add value checks (their
// branches carry no types), which the server's validation reports anyway, and in monaco-yaml they
// would split completion and hover across branches.
function convert(s: JsonSchema): EditorJsonSchema {
  const out: EditorJsonSchema = {}
  // The validator's JsonSchema type leaves descriptions out, as validation never reads them.
  const { description } = s as { description?: unknown }
  if (typeof description === 'string') out.description = description
  const types: EditorSchemaType[] = s['x-kubernetes-int-or-string']
    ? ['integer', 'string']
    : s.type !== undefined
      ? [s.type]
      : []
  if (s.nullable && types.length > 0) types.push('null')
  if (types.length === 1) out.type = types[0]
  else if (types.length > 1) out.type = types
  if (s.format !== undefined && JSON_SCHEMA_FORMATS.has(s.format)) out.format = s.format
  if (s.default !== undefined) out.default = s.default
  if (s.enum !== undefined) out.enum = s.nullable && !s.enum.includes(null) ? [...s.enum, null] : [...s.enum]
  if (s.pattern !== undefined && compiles(s.pattern)) out.pattern = s.pattern
  copyNumber(s, out, 'minLength')
  copyNumber(s, out, 'maxLength')
  copyNumber(s, out, 'minItems')
  copyNumber(s, out, 'maxItems')
  copyNumber(s, out, 'minProperties')
  copyNumber(s, out, 'maxProperties')
  // OpenAPI 3.0's boolean exclusive bounds become draft-07's numeric ones.
  if (s.minimum !== undefined) {
    if (s.exclusiveMinimum) out.exclusiveMinimum = s.minimum
    else out.minimum = s.minimum
  }
  if (s.maximum !== undefined) {
    if (s.exclusiveMaximum) out.exclusiveMaximum = s.maximum
    else out.maximum = s.maximum
  }
  if (s.required !== undefined) out.required = [...s.required]
  if (s.items !== undefined) out.items = convert(s.items)
  if (s.properties !== undefined) {
    out.properties = {}
    for (const [name, property] of Object.entries(s.properties)) out.properties[name] = convert(property)
  }
  if (typeof s.additionalProperties === 'object') out.additionalProperties = convert(s.additionalProperties)
  else if (typeof s.additionalProperties === 'boolean') out.additionalProperties = s.additionalProperties
  else if (s['x-kubernetes-preserve-unknown-fields']) out.additionalProperties = true
  // The API server prunes unknown fields silently; flagging them tells the person before it does.
  // An embedded resource also takes apiVersion, kind and metadata without listing them, so it stays open.
  else if (s.properties !== undefined && !s['x-kubernetes-embedded-resource']) {
    out.additionalProperties = false
  }
  return out
}

type NumberKey = 'minLength' | 'maxLength' | 'minItems' | 'maxItems' | 'minProperties' | 'maxProperties'

function copyNumber(s: JsonSchema, out: EditorJsonSchema, key: NumberKey): void {
  const value = s[key]
  if (value !== undefined) out[key] = value
}
