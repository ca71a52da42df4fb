// Policies in the details panel, on examples/policies through the worker's pipeline: the policies at
// a route, a listener and a Service (direct and inherited, the conflict's winner and why, the
// effective settings with their sources), and a policy's own targets and ancestors.

import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../../src/index.ts'
import { GraphPipeline } from '../../../src/view/frame/pipeline.ts'
import { EMPTY_VIEW_STATE } from '../../../src/view/model/view-types.ts'
import { exampleObjects, snapshotOf } from '../examples.ts'

const pipeline = new GraphPipeline()
pipeline.apply(snapshotOf(exampleObjects('policies')))
const details = (selected: string) => {
  const d = pipeline.frame({ ...EMPTY_VIEW_STATE, selected }).details
  expect(d, selected).toBeDefined()
  return d!
}
const names = (refs: { name: string }[] | undefined) => (refs ?? []).map((r) => r.name)

describe('policies at an object', () => {
  it('a route: the conflict’s winner and loser, the Gateway-wide policy it replaces, the settings', () => {
    const here = details('Route:HTTPRoute/policy-demo/shop').policiesHere
    expect(here?.map((p) => p.at)).toEqual(['this route'])
    const rows = Object.fromEntries((here?.[0]?.policies ?? []).map((p) => [p.policy.name, p]))
    expect(rows['shop-timeouts']).toMatchObject({ how: 'direct', verdict: 'Accepted', ok: true })
    expect(names(rows['shop-timeouts']?.beats)).toEqual(['shop-timeouts-v2'])
    expect(rows['shop-timeouts-v2']).toMatchObject({ how: 'direct', verdict: 'Conflicted', ok: false })
    expect(rows['shop-timeouts-v2']?.winner?.policy.name).toBe('shop-timeouts')
    expect(rows['shop-timeouts-v2']?.winner?.why).toMatch(/alphabetically/)
    expect(rows['edge-defaults']).toMatchObject({ how: 'inherited', verdict: 'Replaced' })
    expect(rows['edge-defaults']?.replacedBy?.name).toBe('shop-timeouts')
    const settings = here?.[0]?.settings ?? []
    expect(settings.map((s) => [s.policyKind, s.field, s.source.name])).toContainEqual([
      'BackendTrafficPolicy',
      'timeout',
      'shop-timeouts',
    ])
    expect(settings.find((s) => s.field === 'timeout')?.value).toContain('5s')
  })

  it('a listener: its own policy replaces the Gateway-wide one of the same kind', () => {
    const here = details('Listener:Gateway/policy-demo/edge#admin').policiesHere
    expect(here?.map((p) => p.at)).toEqual(['listener admin'])
    const rows = Object.fromEntries((here?.[0]?.policies ?? []).map((p) => [p.policy.name, p]))
    expect(rows['admin-clients']).toMatchObject({ how: 'direct', verdict: 'Accepted' })
    expect(rows['edge-clients']?.replacedBy?.name).toBe('admin-clients')
    const timeout = here?.[0]?.settings.find((s) => s.policyKind === 'ClientTrafficPolicy')
    expect(timeout).toMatchObject({ field: 'timeout', source: { name: 'admin-clients' } })
    expect(timeout?.value).toContain('30s')
  })

  it('the Gateway: its direct policies; a Service: what it inherits from the Gateway', () => {
    const gw = details('Gateway:Gateway/policy-demo/edge').policiesHere?.[0]?.policies ?? []
    expect(
      gw
        .filter((p) => p.how === 'direct')
        .map((p) => p.policy.name)
        .sort(),
    ).toEqual(['edge-clients', 'edge-defaults'])
    const api = details('Backend:Service/policy-demo/api').policiesHere?.[0]
    expect(api?.policies.map((p) => [p.policy.name, p.how])).toContainEqual(['edge-defaults', 'inherited'])
    expect(api?.policies.find((p) => p.policy.name === 'edge-defaults')?.placedAt).toBe(
      'Gateway policy-demo/edge',
    )
  })

  it('an object no policy reaches has no policy section', () => {
    expect(details('GatewayClass:GatewayClass//gatemap-example').policiesHere).toBeUndefined()
  })
})

describe('a policy', () => {
  it('the conflicted one: its target’s verdict, the winner and why, its ancestor’s status', () => {
    const d = details('Policy:BackendTrafficPolicy/policy-demo/shop-timeouts-v2')
    const target = d.policy?.targets[0]
    expect(target).toMatchObject({ path: 'spec.targetRefs[0]', verdict: 'Conflicted', accepted: false })
    expect(target?.winner?.policy.name).toBe('shop-timeouts')
    expect(target?.checks.find((c) => c.rule === 'policy.conflict')?.fix).toMatch(/shop-timeouts/)
    const ancestor = d.policy?.ancestors[0]
    expect(ancestor?.object).toMatchObject({ kind: 'Gateway', namespace: 'policy-demo', name: 'edge' })
    expect(ancestor?.comparison[0]).toMatchObject({
      type: 'Accepted',
      computed: { status: 'False', reason: 'Conflicted' },
      verdict: 'missing',
    })
    expect(d.summary).toContainEqual(['Defined by', 'Envoy Gateway'])
    expect(d.findings.map((f) => f.code)).toContain('Conflicted')
  })

  it('one whose target does not exist: the failed check with its fix, no status expected', () => {
    const d = details('Policy:SecurityPolicy/policy-demo/legacy-auth')
    const target = d.policy?.targets[0]
    expect(target).toMatchObject({ verdict: 'Target not found', target: 'HTTPRoute policy-demo/legacy' })
    expect(target?.checks.find((c) => c.outcome === 'fail')?.fix).toMatch(
      /Create .*HTTPRoute legacy in namespace policy-demo/,
    )
    expect(d.policy?.ancestors[0]?.noStatusExpected).toMatch(/target does not exist/)
  })

  it('a Gateway-wide one lists where it takes effect and where a closer one replaces it', () => {
    const places = details('Policy:ClientTrafficPolicy/policy-demo/edge-clients').policy?.takesEffect ?? []
    expect(places.find((p) => p.at === 'Gateway policy-demo/edge, listener web')?.replacedBy).toBeUndefined()
    expect(places.find((p) => p.at === 'Gateway policy-demo/edge, listener admin')?.replacedBy?.name).toBe(
      'admin-clients',
    )
  })

  it('its problems are listed with the policy’s node', () => {
    const frame = pipeline.frame(EMPTY_VIEW_STATE)
    const rows = frame.problems.filter((p) => p.nodeId.startsWith('Policy:'))
    expect(rows.map((p) => p.nodeId).sort()).toEqual([
      'Policy:BackendTrafficPolicy/policy-demo/shop-timeouts-v2',
      'Policy:SecurityPolicy/policy-demo/legacy-auth',
    ])
    const drawn = new Set(frame.nodes.map((n) => n.id))
    for (const r of rows) expect(drawn.has(r.nodeId)).toBe(true)
  })
})

describe('the controller’s status.ancestors beside the computed one', () => {
  it('a disagreeing, stale ancestor is flagged in the details and on the node', () => {
    const objects = exampleObjects('policies').map((o): KubeObject => {
      if (o.kind !== 'BackendTrafficPolicy' || o.metadata.name !== 'shop-timeouts-v2') return o
      return {
        ...o,
        metadata: { ...o.metadata, generation: 2 },
        status: {
          ancestors: [
            {
              ancestorRef: {
                group: 'gateway.networking.k8s.io',
                kind: 'Gateway',
                namespace: 'policy-demo',
                name: 'edge',
                // The route's parentRef names listener web: the ancestor is reported with it.
                sectionName: 'web',
              },
              controllerName: 'example.com/gateway-controller',
              conditions: [
                {
                  type: 'Accepted',
                  status: 'True',
                  reason: 'Accepted',
                  message: '',
                  observedGeneration: 1,
                  lastTransitionTime: '2026-01-01T00:00:00Z',
                },
              ],
            },
          ],
        },
      }
    })
    const p = new GraphPipeline()
    p.apply(snapshotOf(objects))
    const id = 'Policy:BackendTrafficPolicy/policy-demo/shop-timeouts-v2'
    const frame = p.frame({ ...EMPTY_VIEW_STATE, selected: id })
    const row = frame.details?.policy?.ancestors[0]?.comparison.find((c) => c.type === 'Accepted')
    expect(row).toMatchObject({
      verdict: 'disagree',
      stale: true,
      actual: { status: 'True' },
      computed: { status: 'False', reason: 'Conflicted' },
    })
    const node = frame.nodes.find((n) => n.id === id)
    expect(node?.type === 'object' && [node.node.disagrees, node.node.stale]).toEqual([true, true])
    expect(frame.problems.filter((r) => r.nodeId === id).map((r) => r.code)).toEqual(
      expect.arrayContaining(['Conflicted', 'StatusDisagrees', 'StaleStatus']),
    )
  })
})
