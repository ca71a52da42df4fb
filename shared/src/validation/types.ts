// The shapes validation reads and returns. The CRD types cover only what validation needs, so the
// server's richer CRD type (server/src/crds/registry.ts) is assignable to them.
import type { FieldPath } from '../loader/types.ts'
import type { CelMemo } from './cel.ts'

/** One `x-kubernetes-validations` entry. */
export interface ValidationRule {
  rule: string
  message?: string
  messageExpression?: string
  fieldPath?: string
  reason?: 'FieldValueInvalid' | 'FieldValueForbidden' | 'FieldValueRequired' | 'FieldValueDuplicate'
  optionalOldSelf?: boolean
}

/** The subset of apiextensions.k8s.io/v1 JSONSchemaProps that Gateway API CRDs use. */
export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean'
  format?: string
  nullable?: boolean
  default?: unknown
  enum?: readonly unknown[]
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: boolean
  exclusiveMaximum?: boolean
  minItems?: number
  maxItems?: number
  minProperties?: number
  maxProperties?: number
  required?: readonly string[]
  properties?: Readonly<Record<string, JsonSchema>>
  additionalProperties?: JsonSchema | boolean
  items?: JsonSchema
  allOf?: readonly JsonSchema[]
  anyOf?: readonly JsonSchema[]
  oneOf?: readonly JsonSchema[]
  not?: JsonSchema
  'x-kubernetes-int-or-string'?: boolean
  'x-kubernetes-preserve-unknown-fields'?: boolean
  'x-kubernetes-embedded-resource'?: boolean
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map'
  'x-kubernetes-list-map-keys'?: readonly string[]
  'x-kubernetes-map-type'?: 'atomic' | 'granular'
  'x-kubernetes-validations'?: readonly ValidationRule[]
}

export interface CrdVersionLike {
  name: string
  served: boolean
  schema?: { openAPIV3Schema?: unknown }
  subresources?: { status?: unknown }
}

/** An apiextensions.k8s.io/v1 CustomResourceDefinition as plain JSON. */
export interface CrdLike {
  metadata?: { name?: string }
  spec: {
    group: string
    names: { kind: string }
    scope: 'Namespaced' | 'Cluster'
    versions: readonly CrdVersionLike[]
  }
}

export type FindingSource = 'crd' | 'schema' | 'metadata' | 'cel'

export interface ValidationFinding {
  path: FieldPath
  message: string
  source: FindingSource
  severity: 'error' | 'warning'
  /**
   * The Kubernetes field error type the API server would report (`Invalid`, `Required`,
   * `NotSupported`, `TooLong`, `TooMany`, `TypeInvalid`, `Forbidden`, `Duplicate`, `Internal`).
   */
  type: FieldErrorType
  /** For CEL findings: the rule text as written in the CRD. */
  rule?: string
}

export type FieldErrorType =
  | 'Invalid'
  | 'Required'
  | 'NotSupported'
  | 'TooLong'
  | 'TooMany'
  | 'TypeInvalid'
  | 'Forbidden'
  | 'Duplicate'
  | 'Internal'

export interface ValidateOptions {
  /** The stored object this one replaces; enables transition rules (`oldSelf`). */
  oldObject?: unknown
  /**
   * `status` validates as a write to the status subresource does (status checked too); by default
   * status is left out where the CRD has a status subresource, as the main endpoint ignores it.
   */
  subresource?: 'status'
  /**
   * Shared by the validations of many objects (one folder, one analyze run): the CEL findings of
   * values already judged at the same schema node are reused instead of evaluated again.
   */
  celMemo?: CelMemo
}

export interface ValidationResult {
  /** The object with the schema's defaults applied (a new object; the input is never changed). */
  defaulted: unknown
  findings: ValidationFinding[]
  /** False when an error-severity finding exists. */
  valid: boolean
}
