// The checks the API server makes before it stores an object, run over offline inputs (the CLI's
// files, a served folder): a Gateway API object against its CRD's schema and CEL rules, and every
// object's metadata.name by its kind's rule. Offline nothing refuses such an object, so these say
// where it would be refused, by file, line and column.
import type { Finding, ObjectRef } from '../analysis/verdicts.ts'
import { splitApiVersion } from '../kinds.ts'
import type { LoadedObject } from '../loader/types.ts'
import { GATEWAY_GROUP } from '../types/gateway.ts'
import type { InvalidObject } from '../wire/protocol.ts'
import { CelMemo } from './cel.ts'
import { findingFocus } from './focus.ts'
import { nameProblems } from './metadata.ts'
import { formatFieldPath } from './path.ts'
import { validateObject } from './validate.ts'

export interface InputProblem {
  object: ObjectRef
  /** The field, as the API server would name it (`spec.hostnames[0]`). */
  path: string
  severity: 'error' | 'warning'
  source: 'schema' | 'cel' | 'metadata'
  message: string
  file: string
  line: number
  column: number
}

/** The CRD for a Gateway API kind, or undefined when none is known (schema and CEL are skipped). */
export type CrdLookup = (group: string, kind: string) => unknown

export interface InputProblemsOptions {
  /** Evaluate every CEL rule on every object instead of reusing the findings of equal values. */
  noCelMemo?: boolean
}

export function inputProblems(
  objects: readonly LoadedObject[],
  crdFor?: CrdLookup,
  options: InputProblemsOptions = {},
): InputProblem[] {
  const out: InputProblem[] = []
  const celMemo = options.noCelMemo ? undefined : new CelMemo()
  for (const loaded of objects) {
    const { object } = loaded
    const { group } = splitApiVersion(object.apiVersion)
    const ref: ObjectRef = {
      group,
      kind: object.kind,
      ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
      name: object.metadata.name,
    }
    const crd = group === GATEWAY_GROUP ? crdFor?.(group, object.kind) : undefined
    if (crd !== undefined) {
      // The whole of the API server's check, metadata included.
      for (const f of validateObject(crd, object, { celMemo }).findings) {
        out.push({
          object: ref,
          path: formatFieldPath(f.path),
          severity: f.severity,
          source: f.source === 'cel' ? 'cel' : f.source === 'metadata' ? 'metadata' : 'schema',
          message: f.message,
          ...loaded.locate(findingFocus(f, object)),
        })
      }
      continue
    }
    const name = object.metadata.name
    for (const message of nameProblems(group, object.kind, name)) {
      out.push({
        object: ref,
        path: 'metadata.name',
        severity: 'error',
        source: 'metadata',
        message,
        ...loaded.locate(['metadata', 'name']),
      })
    }
  }
  return out
}

/** An input problem as a Finding, so reports, the problems panel and finding diffs take it as is. */
export function inputFinding(p: InputProblem): Finding {
  const what =
    p.source === 'cel'
      ? 'a validation rule of its CRD'
      : p.source === 'metadata'
        ? 'its name rules'
        : 'its CRD schema'
  return {
    severity: p.severity,
    code: 'Invalid',
    object: p.object,
    ...(p.path ? { path: p.path } : {}),
    message:
      p.severity === 'error'
        ? `The API server would refuse this object (${what}): ${p.path ? `${p.path}: ` : ''}${p.message}`
        : `${p.path ? `${p.path}: ` : ''}${p.message}`,
    fix: 'Correct the field; `kubectl apply --dry-run=server` would report the same.',
    checks: [],
  }
}

/** An input problem as the folder source reports it beside its file (InvalidObject on the wire). */
export function invalidObject(p: InputProblem): InvalidObject {
  const { object, file: _file, ...rest } = p
  return {
    group: object.group,
    kind: object.kind,
    ...(object.namespace ? { namespace: object.namespace } : {}),
    name: object.name,
    ...rest,
  }
}

/** And back, for the browser's problem list: the same Finding the CLI reports. */
export function invalidObjectFinding(o: InvalidObject, file: string): Finding {
  const { group, kind, namespace, name, ...rest } = o
  return inputFinding({ object: { group, kind, ...(namespace ? { namespace } : {}), name }, file, ...rest })
}
