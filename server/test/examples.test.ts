// The example scenarios under examples/ analysed by the CLI (`gatemap analyze <dir> --output json`),
// compared with expectations written from the Gateway API semantics (test/examples/expectations.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseManifests } from '../../shared/src/loader/parse.ts'
import {
  type AnalyzeRun,
  CLI,
  checkGateway,
  checkRoute,
  collectReasons,
  describeRun,
  EXAMPLES_DIR,
  findItem,
  isRoute,
  REPO_ROOT,
  runAnalyze,
} from './examples/check.ts'
import { checkPolicy, effectiveOf } from './examples/check-policies.ts'
import { SCENARIOS, type ScenarioExpectation } from './examples/expectations.ts'

const scenarioDirs = readdirSync(EXAMPLES_DIR)
  .filter((entry) => statSync(join(EXAMPLES_DIR, entry)).isDirectory())
  .sort()

function manifestFiles(dir: string): string[] {
  return readdirSync(join(EXAMPLES_DIR, dir))
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()
}

describe('the examples folder', () => {
  it('has an expectation for every scenario folder and a folder for every expectation', () => {
    expect(scenarioDirs).toEqual(SCENARIOS.map((s) => s.dir).sort())
  })

  it.each(scenarioDirs)('%s has a one-line README.md and at least one manifest', (dir) => {
    const readme = readFileSync(join(EXAMPLES_DIR, dir, 'README.md'), 'utf8')
    const lines = readme.split('\n').filter((line) => line.trim() !== '')
    expect(lines, `${dir}/README.md`).toHaveLength(1)
    expect(manifestFiles(dir).length, `${dir} manifests`).toBeGreaterThan(0)
  })

  it.each(scenarioDirs)(
    '%s: manifests load cleanly, Gateway API objects are v1, Secrets hold no data',
    (dir) => {
      const problems: string[] = []
      for (const file of manifestFiles(dir)) {
        const text = readFileSync(join(EXAMPLES_DIR, dir, file), 'utf8')
        const result = parseManifests(text, `${dir}/${file}`)
        for (const p of result.problems) {
          // ConfigMaps (backend-tls) are not a kind the loader keeps; anything else it skips is a mistake.
          if (p.severity === 'error' || !/ConfigMap/.test(p.message)) {
            problems.push(`${p.file}:${p.line}: ${p.message}`)
          }
        }
        for (const { object, source } of result.objects) {
          const at = `${source.file}:${source.line} ${object.kind} ${object.metadata.name}`
          if (
            object.apiVersion.startsWith('gateway.networking.k8s.io/') &&
            object.apiVersion !== 'gateway.networking.k8s.io/v1'
          ) {
            problems.push(`${at}: apiVersion ${object.apiVersion}, want gateway.networking.k8s.io/v1`)
          }
          if (object.kind === 'GatewayClass') {
            const spec = object.spec as { controllerName?: string }
            if (
              object.metadata.name !== 'gatemap-example' ||
              spec.controllerName !== 'example.com/gateway-controller'
            ) {
              problems.push(
                `${at}: the examples share GatewayClass gatemap-example (example.com/gateway-controller)`,
              )
            }
          }
          if (object.kind === 'Secret') {
            if (object.type !== 'kubernetes.io/tls') problems.push(`${at}: Secrets must be kubernetes.io/tls`)
            for (const field of ['data', 'stringData']) {
              const value = object[field]
              if (value !== undefined && Object.keys(value as object).length > 0) {
                problems.push(`${at}: ${field} must be empty (no key material in examples)`)
              }
            }
          }
        }
      }
      expect(problems).toEqual([])
    },
  )
})

const cliPresent = (() => {
  try {
    return statSync(join(REPO_ROOT, CLI)).isFile()
  } catch {
    return false
  }
})()

describe.each(SCENARIOS.map((s) => [s.dir, s] as const))('gatemap analyze examples/%s', (_dir, scenario) => {
  let run: AnalyzeRun

  beforeAll(() => {
    expect(cliPresent, `${CLI} does not exist yet`).toBe(true)
    expect(Number(process.versions.node.split('.')[0]), 'Node 24 runs the CLI').toBeGreaterThanOrEqual(24)
    run = runAnalyze(scenario.dir)
  }, 180_000)

  /** The List's items, failing the test with the CLI's output when there is none. */
  const items = () => {
    expect(run.items, describeRun(run)).toBeDefined()
    return run.items!
  }

  it(`exits with ${scenario.exitCode} and prints a v1 List`, () => {
    expect(run.parseError, describeRun(run)).toBeUndefined()
    expect(run.exitCode, describeRun(run)).toBe(scenario.exitCode)
  })

  it('lists every route it has expectations for, and no other', () => {
    const actual = items()
      .filter(isRoute)
      .map((r) => `${r.kind} ${r.metadata.namespace}/${r.metadata.name}`)
      .sort()
    const expected = scenario.routes.map((r) => `${r.kind} ${r.namespace}/${r.name}`).sort()
    expect(actual).toEqual(expected)
  })

  if (scenario.gatewayClasses.length > 0) {
    it.each(scenario.gatewayClasses.map((c) => [c.name, c] as const))('GatewayClass %s', (name, expected) => {
      const item = findItem(items(), 'GatewayClass', undefined, name)
      expect(item, `GatewayClass ${name} in the output`).toBeDefined()
      const accepted = item?.status?.conditions?.find((c) => c.type === 'Accepted')
      expect({ status: accepted?.status, reason: accepted?.reason }).toEqual(expected.accepted)
    })
  }

  if (scenario.gateways.length > 0) {
    it.each(scenario.gateways.map((g) => [`${g.kind} ${g.namespace}/${g.name}`, g] as const))(
      '%s',
      (_label, expected) => {
        expect(checkGateway(items(), expected)).toEqual([])
      },
    )
  }

  it.each(scenario.routes.map((r) => [`${r.kind} ${r.namespace}/${r.name}`, r] as const))(
    '%s',
    (_label, expected) => {
      expect(checkRoute(items(), expected)).toEqual([])
    },
  )

  if (scenario.statusReports) {
    const reports = scenario.statusReports
    it('reports stale and disagreeing controller-written status (text output)', () => {
      const text = runAnalyze(scenario.dir, 'text')
      expect(text.exitCode, describeRun(text)).toBe(scenario.exitCode)
      // An entry is a line that does not start with white space (naming the object) plus the indented lines
      // below it.
      const entries = text.stdout.split(/\n(?=\S)/)
      const missing = reports.filter(
        ({ object, says }) =>
          !entries.some((e) => e.split('\n')[0]!.includes(object) && says.test(e.replaceAll(object, ''))),
      )
      expect(missing.map(({ object, says }) => `${object}: nothing matching ${says}`)).toEqual([])
      // It starts the CLI itself; on a loaded machine that takes longer than the default 5 s.
    }, 60_000)
  }

  if (scenario.policies) {
    it.each(scenario.policies.map((p) => [`${p.kind} ${p.namespace}/${p.name}`, p] as const))(
      'policy %s: status.ancestors',
      (_label, expected) => {
        expect(checkPolicy(items(), expected)).toEqual([])
      },
    )
  }

  if (scenario.effectivePolicies) {
    const expected = scenario.effectivePolicies
    it('lists the effective policies of every object a policy takes effect on', () => {
      const wanted = Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, [...v].sort()]))
      expect(effectiveOf(run)).toEqual(wanted)
    })
  }

  if (scenario.requiredReasons) {
    const required = scenario.requiredReasons
    it('produces every required failure reason at least once', () => {
      const found = collectReasons(items())
      expect(required.filter((reason) => !found.has(reason))).toEqual([])
    })
  }
})

// The dashboard embeds examples/ as a whole, so the scenarios must not disturb each other when analysed
// together (each uses its own namespaces; the shared GatewayClass is defined identically in each).
describe('gatemap analyze examples (all scenarios at once)', () => {
  let run: AnalyzeRun

  beforeAll(() => {
    expect(cliPresent, `${CLI} does not exist yet`).toBe(true)
    run = runAnalyze('')
  }, 180_000)

  const items = () => {
    expect(run.items, describeRun(run)).toBeDefined()
    return run.items!
  }

  it('exits with 1 (broken is included)', () => {
    expect(run.exitCode, describeRun(run)).toBe(1)
  })

  it('lists an object defined identically in several files once (GatewayClass gatemap-example)', () => {
    const classes = items().filter((i) => i.kind === 'GatewayClass' && i.metadata.name === 'gatemap-example')
    expect(classes).toHaveLength(1)
  })

  it.each(SCENARIOS.map((s) => [s.dir, s] as const))(
    '%s computes as when analysed alone',
    (_dir, scenario) => {
      const problems = [
        ...scenario.gateways.flatMap((g) => checkGateway(items(), g)),
        ...scenario.routes.flatMap((r) => checkRoute(items(), r)),
      ]
      expect(problems).toEqual([])
    },
  )
})

// Keeps the type import used when a scenario list is edited down to nothing.
export type { ScenarioExpectation }
