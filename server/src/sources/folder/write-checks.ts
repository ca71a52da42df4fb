// What a folder write accepts, checked before any file is touched. Refusals are 422s naming the
// field, as the API server words its own.
import {
  type KindInfo,
  kindInfo,
  objectKey,
  recognizeKind,
  splitApiVersion,
  type WireObject,
} from '@gatemap/shared'
import { WriteError } from '../source.ts'

export interface CheckedObject {
  /** Normalised as the loader would read it back: namespace defaulted or dropped, no resourceVersion. */
  object: WireObject
  key: string
  info: KindInfo
  /** The caller's precondition, if any. */
  resourceVersion?: string
}

/** The namespace the loader gives namespaced objects that name none. */
export const DEFAULT_NAMESPACE = 'default'

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/

const invalid = (field: string, message: string) =>
  new WriteError(422, 'Invalid', `${field}: ${message}`, {
    causes: [{ field, message, reason: 'FieldValueInvalid' }],
  })

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function checkWritable(input: WireObject): CheckedObject {
  const object = structuredClone(input)
  if (typeof object.apiVersion !== 'string' || object.apiVersion === '')
    throw invalid('apiVersion', 'required')
  if (typeof object.kind !== 'string' || object.kind === '') throw invalid('kind', 'required')
  const { group } = splitApiVersion(object.apiVersion)
  const known = kindInfo(group, object.kind)
  if (!known) throw invalid('kind', `${object.apiVersion} ${object.kind} is not a kind Gatemap knows`)
  const info = recognizeKind(object.apiVersion, object.kind)
  if (!info) {
    throw invalid(
      'apiVersion',
      `${object.kind} is read in versions ${known.versions.join(', ')}, not ${object.apiVersion}`,
    )
  }
  if (!isRecord(object.metadata)) throw invalid('metadata.name', 'required')
  const metadata = object.metadata
  checkName('metadata.name', metadata.name, DNS_SUBDOMAIN, 253)
  if (info.namespaced) {
    metadata.namespace ??= DEFAULT_NAMESPACE
    checkName('metadata.namespace', metadata.namespace, DNS_LABEL, 63)
  } else {
    delete metadata.namespace
  }
  if (object.kind === 'Secret') {
    for (const field of ['data', 'stringData']) {
      if (object[field] !== undefined)
        throw invalid(field, 'Gatemap does not write Secret data; edit the file itself')
    }
    // Made up by the loader in place of the data; not part of the manifest.
    delete object.tlsCertificate
  }
  const { resourceVersion, ...rest } = metadata
  object.metadata = rest
  const checked: CheckedObject = { object, key: objectKey(object.kind, rest.namespace, rest.name), info }
  if (resourceVersion !== undefined) checked.resourceVersion = resourceVersion
  return checked
}

function checkName(field: string, value: unknown, pattern: RegExp, max: number): void {
  if (typeof value !== 'string' || value === '') throw invalid(field, 'required')
  if (/[/\\]/.test(value)) throw invalid(field, `"${value}" must not contain a path separator`)
  if (value.length > max || !pattern.test(value)) {
    throw invalid(
      field,
      `"${value}" must be lowercase letters, digits and '-'${pattern === DNS_SUBDOMAIN ? " or '.'" : ''}, at most ${max} characters, starting and ending with a letter or digit`,
    )
  }
}
