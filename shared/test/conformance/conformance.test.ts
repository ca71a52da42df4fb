// Holds Gatemap's computed status to what the Gateway API conformance suite (v1.6.1) asserts. One
// `describe` per conformance test, one `it` per assertion; assertions that cannot apply to an
// offline verdict are not run; README.md lists them with the reason.
import { describe, expect, it } from 'vitest'
import { analyze } from '../../src/index.ts'
import type { Condition } from '../../src/types/meta.ts'
import { CASES } from './cases.ts'
import type {
  Assertion,
  ConformanceCase,
  ExpectedCondition,
  ExpectedListener,
  ObjectName,
  ParentSelector,
} from './model.ts'
import { GATEWAY_GROUP } from './model.ts'
import { objectsFor } from './objects.ts'

type Analysis = ReturnType<typeof analyze>

interface ListenerStatusLike {
  name: string
  supportedKinds?: { group?: string; kind: string }[]
  attachedRoutes?: number
  conditions?: Condition[]
}

interface RouteParentLike {
  parentRef: ParentSelector
  controllerName?: string
  conditions?: Condition[]
}

const analyses = new Map<ConformanceCase, Analysis>()

function analysisFor(c: ConformanceCase): Analysis {
  let a = analyses.get(c)
  if (!a) {
    const { objects, problems } = objectsFor(c)
    // Loader errors are reported, not fatal: the objects that did load are still worth judging.
    for (const p of problems) warnOnce(`conformance manifests: ${p}`)
    a = analyze(objects)
    analyses.set(c, a)
  }
  return a
}

const warned = new Set<string>()
function warnOnce(message: string) {
  if (warned.has(message)) return
  warned.add(message)
  console.warn(message)
}

function statusOf(a: Analysis, o: ObjectName): unknown {
  return (a.statusOf as (kind: string, namespace: string | undefined, name: string) => unknown)(
    o.kind,
    o.namespace,
    o.name,
  )
}

// ---------------------------------------------------------------------------------------------
// Rendering

const show = (o: ObjectName) => `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`

function showExpected(c: ExpectedCondition): string {
  return `${c.type}=${c.status ?? '(any)'}/${c.reason ?? '(any reason)'}`
}

function showComputed(list: Condition[] | undefined, type: string): string {
  const found = (list ?? []).filter((c) => c.type === type)
  if (found.length === 0) return `${type} absent`
  return found.map((c) => `${c.type}=${c.status}/${c.reason}`).join(', ')
}

function showParent(p: ParentSelector): string {
  const parts = [`${p.kind ?? 'Gateway'} ${p.namespace ? `${p.namespace}/` : ''}${p.name}`]
  if (p.sectionName !== undefined) parts.push(`sectionName=${p.sectionName}`)
  if (p.port !== undefined) parts.push(`port=${p.port}`)
  return parts.join(' ')
}

/** Lines describing each expected condition that `actual` does not satisfy. */
function conditionMisses(expected: ExpectedCondition[], actual: Condition[] | undefined): string[] {
  const misses: string[] = []
  for (const e of expected) {
    const ok = (actual ?? []).some(
      (c) =>
        c.type === e.type &&
        (e.status === undefined || c.status === e.status) &&
        (e.reason === undefined || c.reason === e.reason),
    )
    if (!ok) misses.push(`expected ${showExpected(e)}, computed ${showComputed(actual, e.type)}`)
  }
  return misses
}

function fail(header: string, lines: string[]): never {
  expect.fail(`${header}\n  ${lines.join('\n  ')}`)
}

// ---------------------------------------------------------------------------------------------
// Checks

function parentMatches(route: ObjectName, selector: ParentSelector, actual: ParentSelector): boolean {
  const group = (g: string | undefined) => (g === undefined ? GATEWAY_GROUP : g)
  const kind = (k: string | undefined) => k ?? 'Gateway'
  const namespace = (n: string | undefined) => n ?? route.namespace
  if (actual.name !== selector.name) return false
  if (kind(actual.kind) !== kind(selector.kind)) return false
  if (group(actual.group) !== group(selector.group)) return false
  if (namespace(actual.namespace) !== namespace(selector.namespace)) return false
  if (selector.sectionName !== undefined && actual.sectionName !== selector.sectionName) return false
  if (selector.port !== undefined && actual.port !== selector.port) return false
  return true
}

function checkRouteParent(c: ConformanceCase, a: Analysis, x: Extract<Assertion, { what: 'routeParent' }>) {
  const status = statusOf(a, x.route) as { parents?: RouteParentLike[] } | undefined
  const header = `${c.test}: ${show(x.route)} → parent ${showParent(x.parent)} [${x.via}]`
  if (!status) fail(header, ['no status computed for the route'])
  const candidates = (status.parents ?? []).filter((p) => parentMatches(x.route, x.parent, p.parentRef))
  if (candidates.length === 0) {
    const have = (status.parents ?? []).map((p) => showParent(p.parentRef)).join('; ') || 'none'
    fail(header, [`no computed parent entry matches (computed parents: ${have})`])
  }
  const perCandidate = candidates.map((p) => ({ p, misses: conditionMisses(x.conditions, p.conditions) }))
  if (perCandidate.some((r) => r.misses.length === 0)) return
  const lines: string[] = []
  for (const { p, misses } of perCandidate) {
    if (candidates.length > 1) lines.push(`computed entry for ${showParent(p.parentRef)}:`)
    lines.push(...misses.map((m) => (candidates.length > 1 ? `  ${m}` : m)))
  }
  fail(header, lines)
}

function listenersOf(a: Analysis, owner: ObjectName): ListenerStatusLike[] | undefined {
  const status = statusOf(a, owner) as { listeners?: ListenerStatusLike[] } | undefined
  return status ? (status.listeners ?? []) : undefined
}

function listenerMisses(e: ExpectedListener, l: ListenerStatusLike): string[] {
  const misses: string[] = []
  if (e.supportedKinds !== undefined) {
    const actual = l.supportedKinds ?? []
    const fmt = (k: { group?: string; kind: string }) => `${k.group ?? GATEWAY_GROUP}/${k.kind}`
    if (e.supportedKinds.length === 0 && actual.length > 0) {
      misses.push(`expected supportedKinds [], computed [${actual.map(fmt).join(', ')}]`)
    }
    for (const k of e.supportedKinds) {
      if (!actual.some((ak) => fmt(ak) === fmt(k))) {
        misses.push(`expected supportedKinds to include ${fmt(k)}, computed [${actual.map(fmt).join(', ')}]`)
      }
    }
  }
  if (e.attachedRoutes !== undefined && l.attachedRoutes !== e.attachedRoutes) {
    misses.push(`expected attachedRoutes ${e.attachedRoutes}, computed ${l.attachedRoutes}`)
  }
  misses.push(...conditionMisses(e.conditions, l.conditions))
  return misses
}

function checkListeners(c: ConformanceCase, a: Analysis, x: Extract<Assertion, { what: 'listeners' }>) {
  const header = `${c.test}: ${show(x.owner)} listeners [${x.via}]`
  const actual = listenersOf(a, x.owner)
  if (!actual) fail(header, ['no status computed'])
  const lines: string[] = []
  if (x.exactCount && actual.length !== x.listeners.length) {
    lines.push(
      `expected ${x.listeners.length} listener(s) in status (${x.listeners.map((l) => l.name).join(', ')}), ` +
        `computed ${actual.length} (${actual.map((l) => l.name).join(', ')})`,
    )
  }
  for (const e of x.listeners) {
    const l = actual.find((al) => al.name === e.name)
    if (!l) {
      lines.push(`listener "${e.name}": absent from computed status`)
      continue
    }
    for (const m of listenerMisses(e, l)) lines.push(`listener "${e.name}": ${m}`)
  }
  if (lines.length > 0) fail(header, lines)
}

function checkEveryListener(
  c: ConformanceCase,
  a: Analysis,
  x: Extract<Assertion, { what: 'everyListener' }>,
) {
  const scope = x.only ? `listener(s) ${x.only.map((n) => `"${n}"`).join(', ')}` : 'every listener'
  const header = `${c.test}: ${show(x.owner)} ${scope} [${x.via}]`
  const actual = listenersOf(a, x.owner)
  if (!actual) fail(header, ['no status computed'])
  const lines: string[] = []
  for (const name of x.only ?? []) {
    if (!actual.some((l) => l.name === name)) lines.push(`listener "${name}": absent from computed status`)
  }
  for (const l of actual) {
    if (x.only && !x.only.includes(l.name)) continue
    for (const m of conditionMisses(x.conditions, l.conditions)) lines.push(`listener "${l.name}": ${m}`)
  }
  if (lines.length > 0) fail(header, lines)
}

function checkObjectConditions(
  c: ConformanceCase,
  a: Analysis,
  x: Extract<Assertion, { what: 'objectConditions' }>,
) {
  const header = `${c.test}: ${show(x.object)} conditions [${x.via}]`
  const status = statusOf(a, x.object) as { conditions?: Condition[] } | undefined
  if (!status) fail(header, ['no status computed'])
  const misses = conditionMisses(x.conditions, status.conditions)
  if (misses.length > 0) fail(header, misses)
}

function checkZeroRoutes(c: ConformanceCase, a: Analysis, x: Extract<Assertion, { what: 'zeroRoutes' }>) {
  const header = `${c.test}: ${show(x.gateway)} has zero routes [${x.via}]`
  const actual = listenersOf(a, x.gateway)
  if (!actual) fail(header, ['no status computed'])
  if (actual.length === 0) return
  if (actual.length === 1 && actual[0]!.attachedRoutes === 0) return
  fail(header, [
    'expected no listener status, or exactly one listener with attachedRoutes 0; computed ' +
      actual.map((l) => `"${l.name}" attachedRoutes=${l.attachedRoutes}`).join(', '),
  ])
}

function checkAttachedListenerSets(
  c: ConformanceCase,
  a: Analysis,
  x: Extract<Assertion, { what: 'attachedListenerSets' }>,
) {
  const header = `${c.test}: ${show(x.gateway)} attachedListenerSets [${x.via}]`
  const status = statusOf(a, x.gateway) as { attachedListenerSets?: number } | undefined
  if (!status) fail(header, ['no status computed'])
  if (status.attachedListenerSets !== x.count) {
    fail(header, [`expected attachedListenerSets ${x.count}, computed ${status.attachedListenerSets}`])
  }
}

function title(x: Assertion): string {
  switch (x.what) {
    case 'routeParent':
      return `${show(x.route)} → ${showParent(x.parent)}: ${x.conditions.map(showExpected).join(', ')}`
    case 'listeners':
      return `${show(x.owner)} listeners ${x.listeners.map((l) => l.name).join(', ')}`
    case 'everyListener':
      return `${show(x.owner)} ${x.only ? x.only.join(', ') : 'all listeners'}: ${x.conditions.map(showExpected).join(', ')}`
    case 'objectConditions':
      return `${show(x.object)}: ${x.conditions.map(showExpected).join(', ')}`
    case 'zeroRoutes':
      return `${show(x.gateway)} has zero attached routes`
    case 'attachedListenerSets':
      return `${show(x.gateway)} attachedListenerSets=${x.count}`
  }
}

for (const c of CASES) {
  describe(c.variant ? `${c.test} (${c.variant})` : c.test, () => {
    c.assertions.forEach((x, i) => {
      it(`#${i + 1} ${title(x)}`, () => {
        const a = analysisFor(c)
        switch (x.what) {
          case 'routeParent':
            return checkRouteParent(c, a, x)
          case 'listeners':
            return checkListeners(c, a, x)
          case 'everyListener':
            return checkEveryListener(c, a, x)
          case 'objectConditions':
            return checkObjectConditions(c, a, x)
          case 'zeroRoutes':
            return checkZeroRoutes(c, a, x)
          case 'attachedListenerSets':
            return checkAttachedListenerSets(c, a, x)
        }
      })
    })
  })
}
