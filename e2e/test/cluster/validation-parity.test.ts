// Gatemap's validator (shared/src/validation) agrees with a real kube-apiserver: every passing and
// violating CEL rule sample from shared/test/validation is sent as a server-side dry run, and the
// server must accept exactly what the validator accepts and reject the rest at the same fields with
// the same rule messages. Samples of the other CRD channel run against a second cluster.
import { ApiException, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { formatFieldPath, type ValidationFinding, validateObject } from '../../../shared/src/index.ts'
import { crdOf, RULE_CASES } from '../../../shared/test/validation/rule-table.ts'
import type { Obj, RuleCase } from '../../../shared/test/validation/samples.ts'
import { type Cluster, startCluster } from '../../cluster/harness.ts'
import { sharedCluster } from '../cluster.ts'

interface Cause {
  field?: string
  reason?: string
  message?: string
}

/** What the API server said: accepted, or rejected with the Status causes. */
type Verdict = { accepted: true } | { accepted: false; code: number; message: string; causes: Cause[] }

const shared = sharedCluster()
const sharedChannel = shared.state.gatewayApiChannel
const clusters = new Map<string, { cluster: Cluster; ns: string }>()
let other: Cluster | undefined

beforeAll(async () => {
  clusters.set(sharedChannel, { cluster: shared, ns: await shared.uniqueNamespace('parity') })
  // The two channels' CRDs share names, so the other channel needs a cluster of its own.
  other = await startCluster({
    channel: sharedChannel === 'standard' ? 'experimental' : 'standard',
    output: 'ignore',
  })
  clusters.set(other.state.gatewayApiChannel, { cluster: other, ns: await other.uniqueNamespace('parity') })
}, 600_000)

afterAll(async () => {
  await other?.stop()
})

async function verdictOf(call: Promise<unknown>): Promise<Verdict> {
  try {
    await call
    return { accepted: true }
  } catch (err) {
    if (!(err instanceof ApiException)) throw err
    const status = (typeof err.body === 'string' ? JSON.parse(err.body) : err.body) as {
      message?: string
      details?: { causes?: Cause[] }
    }
    return {
      accepted: false,
      code: err.code,
      message: status.message ?? '',
      causes: status.details?.causes ?? [],
    }
  }
}

interface Target {
  group: string
  version: string
  plural: string
  namespaced: boolean
}

function targetOf(c: RuleCase): Target {
  const crd = crdOf(c) as unknown as { spec: { group: string; scope: string; names: { plural: string } } }
  return {
    group: crd.spec.group,
    version: String(c.pass.apiVersion).split('/')[1] ?? '',
    plural: crd.spec.names.plural,
    namespaced: crd.spec.scope === 'Namespaced',
  }
}

let serial = 0

/** The sample with a fresh name in the test namespace. */
function placed(object: Obj, ns: string, name: string, namespaced: boolean): Obj {
  const metadata = namespaced ? { name, namespace: ns } : { name }
  return { ...structuredClone(object), metadata }
}

/** Sends one sample the way the validator judged it: a create, an update, or a status update. */
async function send(kc: KubeConfig, ns: string, c: RuleCase, sample: Obj): Promise<Verdict> {
  const api = kc.makeApiClient(CustomObjectsApi)
  const t = targetOf(c)
  const name = `parity-${++serial}`
  const where = { group: t.group, version: t.version, plural: t.plural }
  const create = (body: Obj, dryRun?: string) =>
    t.namespaced
      ? api.createNamespacedCustomObject({ ...where, namespace: ns, body, dryRun })
      : api.createClusterCustomObject({ ...where, body, dryRun })
  if (!c.old && !c.status) return verdictOf(create(placed(sample, ns, name, t.namespaced), 'All'))
  // Transition and status rules need a stored object first.
  const stored = (await create(
    placed(c.old ?? { ...sample, status: undefined }, ns, name, t.namespaced),
  )) as {
    metadata: { resourceVersion: string }
  }
  const body = placed(sample, ns, name, t.namespaced)
  ;(body.metadata as Obj).resourceVersion = stored.metadata.resourceVersion
  if (c.status) {
    return verdictOf(
      api.replaceNamespacedCustomObjectStatus({ ...where, namespace: ns, name, body, dryRun: 'All' }),
    )
  }
  return t.namespaced
    ? verdictOf(api.replaceNamespacedCustomObject({ ...where, namespace: ns, name, body, dryRun: 'All' }))
    : verdictOf(api.replaceClusterCustomObject({ ...where, name, body, dryRun: 'All' }))
}

function errorsOf(c: RuleCase, sample: Obj): ValidationFinding[] {
  const result = validateObject(crdOf(c), sample, {
    oldObject: c.old,
    subresource: c.status ? 'status' : undefined,
  })
  return result.findings.filter((f) => f.severity === 'error')
}

/** Each of our errors as the server would word it: its field, and for CEL the rule's message. */
function expectAgreement(verdict: Verdict, errors: ValidationFinding[]): void {
  if (errors.length === 0) {
    expect(verdict).toEqual({ accepted: true })
    return
  }
  expect(verdict.accepted, 'the validator refuses this; the API server must too').toBe(false)
  if (verdict.accepted) return
  expect(verdict.code).toBe(422)
  const fields = new Set(verdict.causes.map((cause) => cause.field?.replace(/^\./, '')))
  for (const error of errors) {
    const field = formatFieldPath(error.path)
    expect([...fields], `${field}: ${error.message}`).toContain(field)
    if (error.source === 'cel') {
      const cause = verdict.causes.find(
        (x) => x.field?.replace(/^\./, '') === field && x.message?.includes(error.message),
      )
      expect(cause, `server causes: ${JSON.stringify(verdict.causes)}`).toBeDefined()
    }
  }
}

describe.each(RULE_CASES.map((c) => [c.rule.slice(0, 60), c] as const))('%s', (_, c) => {
  test(`passing sample (${c.channel})`, async () => {
    const { cluster, ns } = clusters.get(c.channel)!
    const errors = errorsOf(c, c.pass)
    expect(errors).toEqual([])
    expectAgreement(await send(cluster.admin, ns, c, c.pass), errors)
  })

  test(`violating sample (${c.channel})`, async () => {
    const { cluster, ns } = clusters.get(c.channel)!
    const errors = errorsOf(c, c.fail)
    expect(errors.length).toBeGreaterThan(0)
    expectAgreement(await send(cluster.admin, ns, c, c.fail), errors)
  })
})
