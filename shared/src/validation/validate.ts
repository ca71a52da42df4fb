// The one entry point: validate a proposed object against its CRD in the API server's order —
// defaults, then the OpenAPI schema and metadata, then CEL rules (skipped entirely, as kube-apiserver
// does, once a schema error of a "blocking" type exists). Never throws: bad input is a finding.
import { NO_OLD, validateCel } from './cel.ts'
import { crdVersionSchema } from './crd.ts'
import { applyDefaults } from './defaults.ts'
import { isObject, type JsonObject } from './json.ts'
import { validateMetadata } from './metadata.ts'
import { validateSchema } from './schema.ts'
import type { FieldErrorType, ValidateOptions, ValidationFinding, ValidationResult } from './types.ts'

/**
 * Schema errors after which kube-apiserver runs no CEL rule at all (customresource strategy,
 * hasBlockingErr): the rules assume well-typed, bounded input.
 */
const BLOCKING: ReadonlySet<FieldErrorType> = new Set([
  'NotSupported',
  'Required',
  'TooLong',
  'TooMany',
  'TypeInvalid',
])

export const CEL_SKIPPED_MESSAGE =
  'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation'

function result(defaulted: unknown, findings: ValidationFinding[]): ValidationResult {
  return { defaulted, findings, valid: !findings.some((f) => f.severity === 'error') }
}

function refusal(
  path: (string | number)[],
  message: string,
  type: FieldErrorType = 'Invalid',
): ValidationFinding {
  return { path, message, source: 'crd', severity: 'error', type }
}

function withoutFields(object: JsonObject, fields: readonly string[]): JsonObject {
  const copy = { ...object }
  for (const f of fields) delete copy[f]
  return copy
}

/** Root rules see only metadata.name and metadata.generateName, like in Kubernetes. */
function forCel(object: JsonObject): JsonObject {
  if (!isObject(object.metadata)) return object
  const { name, generateName } = object.metadata
  const metadata: JsonObject = {}
  if (name !== undefined) metadata.name = name
  if (generateName !== undefined) metadata.generateName = generateName
  return { ...object, metadata }
}

export function validateObject(
  crd: unknown,
  object: unknown,
  options: ValidateOptions = {},
): ValidationResult {
  try {
    return validateUnsafe(crd, object, options)
  } catch (e) {
    // A bug or a pathological input must not take the caller down; say what happened instead.
    return result(object, [
      refusal([], `validation failed unexpectedly: ${(e as Error).message}`, 'Internal'),
    ])
  }
}

function validateUnsafe(crd: unknown, object: unknown, options: ValidateOptions): ValidationResult {
  if (!isObject(object)) {
    const what = Array.isArray(object) ? 'an array' : object === null ? 'null' : typeof object
    return result(object, [refusal([], `the object must be a JSON object, not ${what}`, 'TypeInvalid')])
  }
  if (typeof object.apiVersion !== 'string' || object.apiVersion === '') {
    return result(object, [refusal(['apiVersion'], 'Required value: apiVersion', 'Required')])
  }
  const picked = crdVersionSchema(crd, object.apiVersion)
  if (!picked.ok) return result(object, [refusal(['apiVersion'], picked.message)])
  const { schema, kind, namespaced, statusSubresource } = picked.value
  if (object.kind !== kind) {
    return result(object, [
      refusal(['kind'], `Invalid value: ${JSON.stringify(object.kind)}: must be ${kind}`),
    ])
  }

  const defaulted = applyDefaults(object, schema) as JsonObject
  // With a status subresource, writes through the main endpoint ignore status.
  const ignored = statusSubresource && options.subresource !== 'status' ? ['status'] : []
  const subject = withoutFields(defaulted, ignored)
  const findings: ValidationFinding[] = [
    ...validateMetadata(subject, namespaced),
    ...validateSchema(subject, schema, { skipRootFields: ['metadata', ...ignored] }),
  ]
  if (findings.some((f) => f.severity === 'error' && BLOCKING.has(f.type))) {
    findings.push({
      path: [],
      message: CEL_SKIPPED_MESSAGE,
      source: 'cel',
      severity: 'warning',
      type: 'Invalid',
    })
    return result(defaulted, findings)
  }
  const old =
    options.oldObject === undefined
      ? NO_OLD
      : isObject(options.oldObject)
        ? withoutFields(applyDefaults(options.oldObject, schema) as JsonObject, ignored)
        : NO_OLD
  findings.push(...validateCel(forCel(subject), schema, old, options.celMemo))
  return result(defaulted, findings)
}
