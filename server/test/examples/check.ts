// Runs the CLI on one example folder and compares its computed status with the expectations. Every
// comparison returns a list of human-readable mismatches (empty when all agree), so that a failing test
// shows every disagreement at once.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { resolveParentRef, sameParentRef } from '@gatemap/shared'
import type {
  Cond,
  GatewayExpectation,
  ListenerExpectation,
  ParentExpectation,
  ParentRefKey,
  RouteExpectation,
} from './expectations.ts'

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
export const EXAMPLES_DIR = `${REPO_ROOT}examples`
export const CLI = 'server/src/cli/main.ts'

const GATEWAY_GROUP = 'gateway.networking.k8s.io'

interface Condition {
  type: string
  status: string
  reason: string
  message?: string
}

interface OutputListener {
  name: string
  supportedKinds?: { group?: string; kind: string }[]
  attachedRoutes?: number
  conditions?: Condition[]
}

interface OutputParent {
  parentRef: ParentRefKey
  controllerName?: string
  conditions?: Condition[]
}

export interface OutputItem {
  apiVersion: string
  kind: string
  metadata: { name: string; namespace?: string }
  spec?: unknown
  status?: {
    conditions?: Condition[]
    listeners?: OutputListener[]
    parents?: OutputParent[]
  }
}

export interface AnalyzeRun {
  exitCode: number | null
  stdout: string
  stderr: string
  /** The List's items when stdout was the expected JSON List, else undefined (see parseError). */
  items?: OutputItem[]
  parseError?: string
}

/** Runs `analyze examples/<dir> --output json` from the repository root ('' for all of examples/). */
export function runAnalyze(dir: string, output: 'json' | 'text' = 'json'): AnalyzeRun {
  const path = dir === '' ? 'examples' : `examples/${dir}`
  const result = spawnSync(process.execPath, [CLI, 'analyze', path, '--output', output], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  })
  const run: AnalyzeRun = {
    exitCode: result.status,
    stdout: result.stdout ?? '',
    stderr: result.error ? `${result.error.message}\n${result.stderr ?? ''}` : (result.stderr ?? ''),
  }
  if (output === 'text') return run
  try {
    const parsed = JSON.parse(run.stdout) as { apiVersion?: unknown; kind?: unknown; items?: unknown }
    if (parsed.apiVersion !== 'v1' || parsed.kind !== 'List' || !Array.isArray(parsed.items)) {
      run.parseError = 'stdout is JSON but not {"apiVersion":"v1","kind":"List","items":[...]}'
    } else {
      run.items = parsed.items as OutputItem[]
    }
  } catch (error) {
    run.parseError = `stdout is not JSON (${(error as Error).message})`
  }
  return run
}

/** A short description of a failed run, for assertion messages. */
export function describeRun(run: AnalyzeRun): string {
  const clip = (text: string) => (text.length > 2000 ? `${text.slice(0, 2000)}…` : text)
  return `exit code ${run.exitCode}; ${run.parseError ?? 'stdout parsed'}\nstderr: ${clip(run.stderr)}\nstdout: ${clip(run.stdout)}`
}

export function findItem(
  items: OutputItem[],
  kind: string,
  namespace: string | undefined,
  name: string,
): OutputItem | undefined {
  return items.find(
    (item) =>
      item.kind === kind &&
      item.metadata?.name === name &&
      (namespace === undefined || item.metadata?.namespace === namespace),
  )
}

function condition(conditions: Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type)
}

function show(c: Condition | undefined): string {
  return c ? `${c.type}=${c.status}/${c.reason}${c.message ? ` ("${c.message}")` : ''}` : 'absent'
}

function showExpected(type: string, expected: Cond): string {
  return `${type}=${expected.status ?? '*'}/${expected.reason ?? '*'}`
}

function checkCondition(
  where: string,
  conditions: Condition[] | undefined,
  type: string,
  expected: Cond,
): string[] {
  const actual = condition(conditions, type)
  const statusOk =
    actual !== undefined && (expected.status === undefined || actual.status === expected.status)
  const reasonOk =
    actual !== undefined && (expected.reason === undefined || actual.reason === expected.reason)
  return statusOk && reasonOk
    ? []
    : [`${where}: expected ${showExpected(type, expected)}, got ${show(actual)}`]
}

function checkNotConflicted(where: string, conditions: Condition[] | undefined): string[] {
  const actual = condition(conditions, 'Conflicted')
  return actual === undefined || actual.status === 'False'
    ? []
    : [`${where}: expected no conflict (Conflicted absent or False), got ${show(actual)}`]
}

function kindSet(kinds: { group?: string; kind: string }[] | undefined): string[] {
  return (kinds ?? []).map((k) => `${k.group ?? GATEWAY_GROUP}/${k.kind}`).sort()
}

function checkListener(where: string, actual: OutputListener, expected: ListenerExpectation): string[] {
  const problems: string[] = []
  if (actual.attachedRoutes !== expected.attachedRoutes) {
    problems.push(
      `${where}: expected attachedRoutes ${expected.attachedRoutes}, got ${actual.attachedRoutes}`,
    )
  }
  if (expected.supportedKinds !== undefined) {
    const want = kindSet(expected.supportedKinds.map((kind) => ({ kind })))
    const got = kindSet(actual.supportedKinds)
    if (want.join(',') !== got.join(',')) {
      problems.push(`${where}: expected supportedKinds [${want.join(', ')}], got [${got.join(', ')}]`)
    }
  }
  if (expected.accepted)
    problems.push(...checkCondition(where, actual.conditions, 'Accepted', expected.accepted))
  if (expected.resolvedRefs) {
    problems.push(...checkCondition(where, actual.conditions, 'ResolvedRefs', expected.resolvedRefs))
  }
  if (expected.conflicted === null) problems.push(...checkNotConflicted(where, actual.conditions))
  else if (expected.conflicted) {
    problems.push(...checkCondition(where, actual.conditions, 'Conflicted', expected.conflicted))
  }
  return problems
}

export function checkGateway(items: OutputItem[], expected: GatewayExpectation): string[] {
  const where = `${expected.kind} ${expected.namespace}/${expected.name}`
  const item = findItem(items, expected.kind, expected.namespace, expected.name)
  if (!item) return [`${where}: not in the output`]
  const problems: string[] = []
  if (expected.accepted) {
    problems.push(...checkCondition(where, item.status?.conditions, 'Accepted', expected.accepted))
  }
  if (expected.listeners) {
    const actual = item.status?.listeners ?? []
    const wantNames = expected.listeners.map((l) => l.name).sort()
    const gotNames = actual.map((l) => l.name).sort()
    if (wantNames.join(',') !== gotNames.join(',')) {
      problems.push(
        `${where}: expected listener statuses [${wantNames.join(', ')}], got [${gotNames.join(', ')}]`,
      )
    }
    for (const listener of expected.listeners) {
      const found = actual.find((l) => l.name === listener.name)
      if (found) problems.push(...checkListener(`${where} listener ${listener.name}`, found, listener))
    }
  }
  if (expected.unreconciled) {
    for (const listener of item.status?.listeners ?? []) {
      const accepted = condition(listener.conditions, 'Accepted')
      if (accepted?.status === 'True' || (listener.attachedRoutes ?? 0) > 0) {
        problems.push(
          `${where} listener ${listener.name}: no controller reconciles this object, so nothing can be Accepted ` +
            `or attached; got ${show(accepted)}, attachedRoutes ${listener.attachedRoutes}`,
        )
      }
    }
  }
  return problems
}

// Defaulting comes from the one module that owns it (its own table tests pin it to the spec).
const defaultParentRef = (ref: ParentRefKey, routeNamespace: string) =>
  resolveParentRef({ ...ref, ...(ref.sectionName ? {} : { sectionName: undefined }) }, routeNamespace)

function showParent(ref: ParentRefKey, routeNamespace: string): string {
  const p = defaultParentRef(ref, routeNamespace)
  const section = p.sectionName ? `/${p.sectionName}` : ''
  const port = p.port !== undefined ? `:${p.port}` : ''
  return `${p.kind}${p.group && p.group !== GATEWAY_GROUP ? `.${p.group}` : ''} ${p.namespace}/${p.name}${section}${port}`
}

function checkParent(where: string, actual: OutputParent, expected: ParentExpectation): string[] {
  const problems: string[] = []
  problems.push(...checkCondition(where, actual.conditions, 'Accepted', expected.accepted))
  problems.push(...checkCondition(where, actual.conditions, 'ResolvedRefs', expected.resolvedRefs))
  if (expected.partiallyInvalid === true) {
    problems.push(...checkCondition(where, actual.conditions, 'PartiallyInvalid', True('UnsupportedValue')))
  } else if (expected.partiallyInvalid === false) {
    const partially = condition(actual.conditions, 'PartiallyInvalid')
    if (partially?.status === 'True')
      problems.push(`${where}: expected no PartiallyInvalid, got ${show(partially)}`)
  }
  if (expected.controllerName !== undefined && actual.controllerName !== expected.controllerName) {
    problems.push(
      `${where}: expected controllerName ${expected.controllerName}, got ${actual.controllerName}`,
    )
  }
  return problems
}

function True(reason: string): Cond {
  return { status: 'True', reason }
}

export function checkRoute(items: OutputItem[], expected: RouteExpectation): string[] {
  const where = `${expected.kind} ${expected.namespace}/${expected.name}`
  const item = findItem(items, expected.kind, expected.namespace, expected.name)
  if (!item) return [`${where}: not in the output`]
  const parents = item.status?.parents ?? []
  const problems: string[] = []
  if (parents.length !== expected.parents.length) {
    problems.push(
      `${where}: expected ${expected.parents.length} status.parents entries, got ${parents.length}`,
    )
  }
  for (const parent of expected.parents) {
    const label = `${where} → ${showParent(parent.parentRef, expected.namespace)}`
    const found = parents.find(
      (p) => p.parentRef && sameParentRef(p.parentRef, parent.parentRef, expected.namespace),
    )
    if (!found) {
      const seen = parents.map((p) =>
        p.parentRef ? showParent(p.parentRef, expected.namespace) : '(no parentRef)',
      )
      problems.push(`${label}: no status.parents entry for it (entries: ${seen.join('; ') || 'none'})`)
      continue
    }
    problems.push(...checkParent(label, found, parent))
  }
  return problems
}

const ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'])

export function isRoute(item: OutputItem): boolean {
  return ROUTE_KINDS.has(item.kind)
}

/** Every `scope/Type/Reason` found in the computed statuses (scope: gateway, listener, route, class). */
export function collectReasons(items: OutputItem[]): Set<string> {
  const found = new Set<string>()
  const add = (scope: string, conditions: Condition[] | undefined) => {
    for (const c of conditions ?? []) found.add(`${scope}/${c.type}/${c.reason}`)
  }
  for (const item of items) {
    if (item.kind === 'Gateway' || item.kind === 'ListenerSet') {
      add('gateway', item.status?.conditions)
      for (const listener of item.status?.listeners ?? []) add('listener', listener.conditions)
    } else if (item.kind === 'GatewayClass') {
      add('class', item.status?.conditions)
    } else if (isRoute(item)) {
      for (const parent of item.status?.parents ?? []) add('route', parent.conditions)
    }
  }
  return found
}
