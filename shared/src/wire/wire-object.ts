// What every object on the wire must have, checked by hand. The stream's snapshot carries every
// object held (23,560 at 10,000 routes), and an object schema copies each object it checks: the
// snapshot took 145 ms to check that way in zod's jitless mode (the browser's CSP allows no eval),
// 90 ms with these checks, JSON.parse alone 71 ms. protocol.ts wraps them as schemas, so the server
// and the web app still check the same thing with the same names.
import type { KubeObject } from '../types/meta.ts'

/** Where a folder-mode object lives: its file (relative to the folder) and 1-based line. */
export interface Origin {
  file: string
  line: number
}

/** An object as the stream holds it, with where it came from in folder mode. */
export interface StoredEntry {
  object: KubeObject
  origin?: Origin
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A problem found at `field` of what was checked, as the problem's own field path says it. */
function at(field: string, problem: string | undefined): string | undefined {
  if (problem === undefined) return undefined
  return problem.startsWith('expected') ? `${field}: ${problem}` : `${field}.${problem}`
}

/**
 * What keeps a value from travelling as an object, or undefined: apiVersion, kind and a name are
 * required, a namespace and resourceVersion are strings when given; the rest passes as it is.
 */
export function wireObjectProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'expected an object'
  if (typeof value.apiVersion !== 'string' || value.apiVersion === '')
    return 'apiVersion: expected a non-empty string'
  if (typeof value.kind !== 'string' || value.kind === '') return 'kind: expected a non-empty string'
  const meta = value.metadata
  if (!isRecord(meta)) return 'metadata: expected an object'
  if (typeof meta.name !== 'string' || meta.name === '') return 'metadata.name: expected a non-empty string'
  if (meta.namespace !== undefined && typeof meta.namespace !== 'string')
    return 'metadata.namespace: expected a string'
  if (meta.resourceVersion !== undefined && typeof meta.resourceVersion !== 'string')
    return 'metadata.resourceVersion: expected a string'
  return undefined
}

export function originProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'expected an object'
  if (typeof value.file !== 'string') return 'file: expected a string'
  if (!Number.isInteger(value.line) || (value.line as number) < 1) return 'line: expected a positive integer'
  return undefined
}

export function storedEntryProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'expected an object'
  return (
    at('object', wireObjectProblem(value.object)) ??
    (value.origin === undefined ? undefined : at('origin', originProblem(value.origin)))
  )
}
