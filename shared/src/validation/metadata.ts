// metadata.name and metadata.namespace as the API server checks them for custom resources
// (ValidateObjectMetaAccessor with NameIsDNSSubdomain; namespaces are DNS labels).
import type { FieldPath } from '../loader/types.ts'
import { isObject } from './json.ts'
import type { ValidationFinding } from './types.ts'

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/

/** Problems of `value` as a DNS-1123 label (empty when fine). */
export function dns1123LabelProblems(value: string): string[] {
  const problems: string[] = []
  if (value.length > 63) problems.push('must be no more than 63 characters')
  if (!DNS1123_LABEL.test(value)) {
    problems.push(
      "must be a lowercase RFC 1123 label: lower case letters, digits and '-', starting and ending with a letter or digit",
    )
  }
  return problems
}

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/

/** Problems of `value` as a DNS-1035 label (a Service name: it must start with a letter). */
export function dns1035LabelProblems(value: string): string[] {
  const problems: string[] = []
  if (value.length > 63) problems.push('must be no more than 63 characters')
  if (!DNS1035_LABEL.test(value)) {
    problems.push(
      "must be a lowercase RFC 1035 label: lower case letters, digits and '-', starting with a letter and ending with a letter or digit",
    )
  }
  return problems
}

/**
 * The API server's name rule for each core kind Gatemap reads (apis/core/validation: Service names
 * are DNS-1035 labels, Namespace names DNS-1123 labels, Secrets and ConfigMaps DNS-1123
 * subdomains). Custom resources always take the subdomain rule.
 */
export function nameProblems(group: string, kind: string, name: string): string[] {
  const problems =
    group === '' && kind === 'Service'
      ? dns1035LabelProblems(name)
      : group === '' && kind === 'Namespace'
        ? dns1123LabelProblems(name)
        : dns1123SubdomainProblems(name)
  // Worded as the API server words a field error, and as invalid() below words the same check.
  return problems.map((p) => invalidValue(name, p))
}

const invalidValue = (value: string, problem: string) => `Invalid value: ${JSON.stringify(value)}: ${problem}`

function dns1123SubdomainProblems(value: string): string[] {
  const problems: string[] = []
  if (value.length > 253) problems.push('must be no more than 253 characters')
  if (!DNS1123_SUBDOMAIN.test(value)) {
    problems.push(
      "must be a lowercase RFC 1123 subdomain: dot-separated parts of lower case letters, digits and '-', " +
        'each starting and ending with a letter or digit',
    )
  }
  return problems
}

function invalid(path: FieldPath, value: string, problems: string[]): ValidationFinding[] {
  return problems.map((p) => ({
    path,
    message: invalidValue(value, p),
    source: 'metadata',
    severity: 'error',
    type: 'Invalid',
  }))
}

export function validateMetadata(object: Record<string, unknown>, namespaced: boolean): ValidationFinding[] {
  const meta = object.metadata
  if (!isObject(meta)) {
    return [
      {
        path: ['metadata'],
        message: 'Required value',
        source: 'metadata',
        severity: 'error',
        type: 'Required',
      },
    ]
  }
  const findings: ValidationFinding[] = []
  const { name, generateName, namespace } = meta
  if (typeof name === 'string' && name !== '') {
    findings.push(...invalid(['metadata', 'name'], name, dns1123SubdomainProblems(name)))
  } else if (typeof generateName !== 'string' || generateName === '') {
    findings.push({
      path: ['metadata', 'name'],
      message: 'Required value: name or generateName is required',
      source: 'metadata',
      severity: 'error',
      type: 'Required',
    })
  }
  if (typeof namespace === 'string' && namespace !== '') {
    if (namespaced)
      findings.push(...invalid(['metadata', 'namespace'], namespace, dns1123LabelProblems(namespace)))
    else {
      findings.push({
        path: ['metadata', 'namespace'],
        message: 'a cluster-scoped object has no namespace; the API server ignores this one',
        source: 'metadata',
        severity: 'warning',
        type: 'Forbidden',
      })
    }
  }
  return findings
}
