// The differential check's comparer (scripts/oracle/) on small hand-made answers: which checks it
// asks, how parentRefs of different spellings meet, that a disagreement the table does not list
// fails the run and a listed one does not, and that the table and its document agree. Needs no
// cluster and no Envoy Gateway build; it sits in the cluster project only because that project
// takes every test outside test/browser.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import {
  ABSENT,
  type Check,
  checksFor,
  NO_CONTROLLER,
  NO_ENTRY,
  type ObjectStatus,
} from '../../../scripts/oracle/checks.ts'
import { ACCEPTED_DIFFERENCES } from '../../../scripts/oracle/differences.ts'
import { exitCode, percent, type RunSummary, report } from '../../../scripts/oracle/report.ts'
import { type AcceptedDifference, judge, tableProblems } from '../../../scripts/oracle/table.ts'

const repo = path.resolve(import.meta.dirname, '../../..')

const cond = (type: string, status: string, reason: string) => ({
  type,
  status,
  reason,
  message: `${type} says ${reason}`,
})

function gateway(
  listeners: { name: string; attachedRoutes: number; conditions: unknown[] }[],
  accepted = 'True',
): ObjectStatus {
  return {
    kind: 'Gateway',
    namespace: 'infra',
    name: 'gw',
    status: {
      conditions: [cond('Accepted', accepted, accepted === 'True' ? 'Accepted' : 'ListenersNotValid')],
      listeners,
    },
  }
}

function route(parents: unknown[]): ObjectStatus {
  return { kind: 'HTTPRoute', namespace: 'apps', name: 'web', status: { parents } }
}

const okListener = {
  name: 'http',
  attachedRoutes: 1,
  conditions: [
    cond('Accepted', 'True', 'Accepted'),
    cond('ResolvedRefs', 'True', 'ResolvedRefs'),
    cond('Conflicted', 'False', 'NoConflicts'),
  ],
}

const run: RunSummary = {
  implementation: 'envoyproxy/gateway v0.0.0',
  inputs: { 'hand-made sets': 1 },
  objects: 2,
  failedSets: [],
}

describe('checksFor', () => {
  test('asks Gateway Accepted and four questions per listener', () => {
    const checks = checksFor('set', [gateway([okListener])], [gateway([okListener])])
    expect(checks.map((c) => `${c.what} ${c.place} ${c.gatemap}`)).toEqual([
      'Gateway Accepted  True/Accepted',
      'listener Accepted listener http True/Accepted',
      'listener ResolvedRefs listener http True/ResolvedRefs',
      'listener Conflicted listener http False/NoConflicts',
      'listener attachedRoutes listener http 1',
    ])
    expect(checks.every((c) => c.gatemap === c.eg)).toBe(true)
  })

  test('a condition one side leaves out is ABSENT, a listener one side lacks is NO_ENTRY', () => {
    const egListener = { ...okListener, conditions: [cond('ResolvedRefs', 'False', 'InvalidCertificateRef')] }
    const extra = { ...okListener, name: 'extra' }
    const checks = checksFor('set', [gateway([okListener, extra])], [gateway([egListener])])
    const accepted = checks.find((c) => c.what === 'listener Accepted' && c.place === 'listener http')
    expect(accepted).toMatchObject({ gatemap: 'True/Accepted', eg: ABSENT })
    const missing = checks.find((c) => c.what === 'listener attachedRoutes' && c.place === 'listener extra')
    expect(missing).toMatchObject({ gatemap: '1', eg: NO_ENTRY })
  })

  test('an unset Conflicted is the no-conflict the spec says it means, and nothing else is', () => {
    const unset = { ...okListener, conditions: okListener.conditions.filter((c) => c.type !== 'Conflicted') }
    const checks = checksFor('set', [gateway([okListener])], [gateway([unset])])
    expect(checks.find((c) => c.what === 'listener Conflicted')).toMatchObject({
      gatemap: 'False/NoConflicts',
      eg: 'False/NoConflicts',
    })
    const conflicted = { ...okListener, conditions: [cond('Conflicted', 'True', 'HostnameConflict')] }
    const other = checksFor('set', [gateway([conflicted])], [gateway([unset])])
    expect(other.find((c) => c.what === 'listener Conflicted')).toMatchObject({
      gatemap: 'True/HostnameConflict',
      eg: 'False/NoConflicts',
    })
  })

  test('a Gateway the implementation writes nothing for compares as the CRD default, Unknown/Pending', () => {
    const pending: ObjectStatus = {
      ...gateway([]),
      status: { conditions: [cond('Accepted', 'Unknown', 'Pending')] },
    }
    const [check] = checksFor('set', [pending], [])
    expect(check).toMatchObject({
      what: 'Gateway Accepted',
      gatemap: 'Unknown/Pending',
      eg: 'Unknown/Pending',
    })
  })

  test('parentRefs meet whatever defaults each side spells out', () => {
    const short = {
      parentRef: { name: 'gw', namespace: 'infra', sectionName: 'http' },
      conditions: [cond('Accepted', 'True', 'Accepted')],
    }
    const long = {
      parentRef: {
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        name: 'gw',
        namespace: 'infra',
        sectionName: 'http',
      },
      conditions: [cond('Accepted', 'False', 'NotAllowedByListeners')],
    }
    const checks = checksFor('set', [route([short])], [route([long])])
    expect(checks).toHaveLength(2)
    expect(checks[0]).toMatchObject({
      what: 'route parent Accepted',
      object: 'HTTPRoute apps/web',
      place: 'parent Gateway infra/gw#http',
      gatemap: 'True/Accepted',
      eg: 'False/NotAllowedByListeners',
    })
    expect(checks[1]).toMatchObject({ what: 'route parent ResolvedRefs', gatemap: ABSENT, eg: ABSENT })
  })

  test('mesh parents and parents no controller owns are not compared', () => {
    const mesh = {
      parentRef: { group: '', kind: 'Service', name: 'svc' },
      conditions: [cond('Accepted', 'True', 'Accepted')],
    }
    const orphan = {
      parentRef: { name: 'missing' },
      controllerName: NO_CONTROLLER,
      conditions: [cond('Accepted', 'False', 'NoMatchingParent')],
    }
    expect(checksFor('set', [route([mesh, orphan])], [route([])])).toEqual([])
  })
})

describe('checksFor, policies', () => {
  const policy = (kind: string, ancestors: unknown[]): ObjectStatus => ({
    kind,
    namespace: 'apps',
    name: 'p',
    status: { ancestors },
  })
  const at = (sectionName: string | undefined, ...conditions: unknown[]) => ({
    ancestorRef: { name: 'gw', namespace: 'infra', ...(sectionName ? { sectionName } : {}) },
    controllerName: 'example.com/gateway',
    conditions,
  })

  test('each ancestor of an Envoy Gateway policy: Accepted and Overridden', () => {
    const gm = policy('BackendTrafficPolicy', [
      at(undefined, cond('Accepted', 'True', 'Accepted'), cond('Overridden', 'True', 'Overridden')),
    ])
    const eg = policy('BackendTrafficPolicy', [
      {
        ...at(undefined, cond('Accepted', 'True', 'Accepted')),
        ancestorRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw', namespace: 'infra' },
      },
    ])
    const checks = checksFor('set', [gm], [eg])
    expect(checks.map((c) => `${c.what} | ${c.place} | ${c.gatemap} | ${c.eg}`)).toEqual([
      'policy ancestor Accepted | ancestor Gateway infra/gw | True/Accepted | True/Accepted',
      `policy ancestor Overridden | ancestor Gateway infra/gw | True/Overridden | ${ABSENT}`,
    ])
  })

  test('a BackendTLSPolicy is asked ResolvedRefs too; an ancestor one side lacks is NO_ENTRY', () => {
    const gm = policy('BackendTLSPolicy', [
      at(
        'http',
        cond('Accepted', 'False', 'NoValidCACertificate'),
        cond('ResolvedRefs', 'False', 'InvalidKind'),
      ),
    ])
    const checks = checksFor('set', [gm], [policy('BackendTLSPolicy', [])])
    expect(checks.map((c) => `${c.what} ${c.place} ${c.gatemap} ${c.eg}`)).toEqual([
      `policy ancestor Accepted ancestor Gateway infra/gw#http False/NoValidCACertificate ${NO_ENTRY}`,
      `policy ancestor ResolvedRefs ancestor Gateway infra/gw#http False/InvalidKind ${NO_ENTRY}`,
    ])
  })

  test("Gatemap's stand-in ancestors (a target that does not exist) and other kinds are not compared", () => {
    const standIn = {
      ...at(undefined, cond('Accepted', 'False', 'TargetNotFound')),
      controllerName: NO_CONTROLLER,
    }
    expect(checksFor('set', [policy('SecurityPolicy', [standIn])], [])).toEqual([])
    const istio = policy('AuthorizationPolicy', [at(undefined, cond('Accepted', 'True', 'Accepted'))])
    expect(checksFor('set', [istio], [])).toEqual([])
  })
})

describe('judge and the exit status', () => {
  const gm = [
    route([
      {
        parentRef: { name: 'gw', namespace: 'infra' },
        conditions: [cond('Accepted', 'True', 'Accepted'), cond('ResolvedRefs', 'True', 'ResolvedRefs')],
      },
    ]),
  ]
  const eg = [
    route([
      {
        parentRef: { name: 'gw', namespace: 'infra' },
        conditions: [
          cond('Accepted', 'True', 'Accepted'),
          cond('ResolvedRefs', 'False', 'InvalidBackendTLS'),
        ],
      },
    ]),
  ]
  const checks: Check[] = checksFor('set', gm, eg)
  const row: AcceptedDifference = {
    id: 'own-backend-tls-reason',
    verdict: 'implementation-specific',
    match: { what: 'route parent ResolvedRefs', eg: /^False\/InvalidBackendTLS$/ },
    why: 'test row',
    spec: { quote: 'Implementations MAY choose to add', source: 'a test' },
  }

  test('an unlisted disagreement fails the run and is printed with both answers', () => {
    const outcome = judge(checks, [])
    expect(outcome).toMatchObject({ checks: 2, agreed: 1 })
    expect(outcome.unlisted).toHaveLength(1)
    expect(exitCode(run, outcome)).toBe(1)
    const text = report(run, outcome)
    expect(text).toContain('agreement: 1/2 (50.00%)')
    expect(text).toContain(
      'set: HTTPRoute apps/web parent Gateway infra/gw: route parent ResolvedRefs: Gatemap True/ResolvedRefs, Envoy Gateway False/InvalidBackendTLS',
    )
    expect(text).toContain('disagreements not in the table: 1')
  })

  test('a listed disagreement passes and is counted under its row', () => {
    const outcome = judge(checks, [row])
    expect(outcome.unlisted).toEqual([])
    expect(outcome.accepted[0]?.checks).toHaveLength(1)
    expect(exitCode(run, outcome)).toBe(0)
    expect(report(run, outcome)).toContain('own-backend-tls-reason [implementation-specific]: 1')
  })

  test('a row matches only the checks all of its fields fit', () => {
    const narrower = { ...row, match: { ...row.match, input: 'another set' } }
    expect(judge(checks, [narrower]).unlisted).toHaveLength(1)
    const otherWhat = { ...row, match: { ...row.match, what: 'listener ResolvedRefs' as const } }
    expect(judge(checks, [otherWhat]).unlisted).toHaveLength(1)
  })

  test('a set the implementation could not answer for fails the run', () => {
    const failed = { ...run, failedSets: [{ name: 'set', error: 'the translator panicked: boom' }] }
    expect(exitCode(failed, judge(checks, [row]))).toBe(1)
  })

  test('percent rounds down, so 99.999% is not shown as 100%', () => {
    expect(percent(99999, 100000)).toBe('99.99%')
    expect(percent(0, 0)).toBe('n/a')
  })
})

describe('the table of accepted differences', () => {
  test('has no repeated ids and quotes spec text on every row', () => {
    expect(tableProblems(ACCEPTED_DIFFERENCES)).toEqual([])
    expect(
      tableProblems([...ACCEPTED_DIFFERENCES.slice(0, 1), ...ACCEPTED_DIFFERENCES.slice(0, 1)]),
    ).toHaveLength(ACCEPTED_DIFFERENCES.length > 0 ? 1 : 0)
  })

  test('every row is explained in docs/oracle-differences.md', () => {
    const doc = readFileSync(path.join(repo, 'docs/oracle-differences.md'), 'utf8')
    for (const row of ACCEPTED_DIFFERENCES) expect(doc, row.id).toContain(`\`${row.id}\``)
  })
})
