// The worker's pipeline on the bundled examples: the snapshot becomes a drawn graph with problems
// and explanations, a delta changes only what it should, and a gap is reported.

import { describe, expect, it } from 'vitest'
import type { KubeObject, ServerMessage } from '../../../src/index.ts'
import { GraphPipeline } from '../../../src/view/frame/pipeline.ts'
import { EMPTY_VIEW_STATE } from '../../../src/view/model/view-types.ts'
import { exampleObjects, snapshotOf } from '../examples.ts'

function loaded(scenario: string) {
  const pipeline = new GraphPipeline()
  expect(pipeline.apply(snapshotOf(exampleObjects(scenario)))).toBe('ok')
  return pipeline
}

describe('GraphPipeline', () => {
  it('draws the shared-gateway example with positions for every node and no problems', () => {
    const frame = loaded('shared-gateway').frame(EMPTY_VIEW_STATE)
    expect(frame.seq).toBe(1)
    expect(frame.nodes.length).toBeGreaterThan(5)
    for (const n of frame.nodes) expect(Number.isFinite(n.x) && Number.isFinite(n.y)).toBe(true)
    expect(new Set(frame.nodes.map((n) => n.id)).size).toBe(frame.nodes.length)
    const ids = new Set(frame.nodes.map((n) => n.id))
    for (const e of frame.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true)
    expect(frame.problems.filter((p) => p.severity === 'error')).toEqual([])
    expect([frame.namespaces, frame.gatewayKeys, frame.routeKinds]).toEqual([
      ['shared-infra', 'shared-payments', 'shared-store'],
      ['shared-infra/shared-gateway'],
      ['HTTPRoute'],
    ])
  })

  it('lists the broken example’s problems worst first, each pointing at a drawn node', () => {
    const frame = loaded('broken').frame(EMPTY_VIEW_STATE)
    expect(frame.problems.length).toBeGreaterThan(10)
    const ranks = frame.problems.map((p) => (p.severity === 'error' ? 0 : 1))
    expect(ranks).toEqual([...ranks].sort())
    const ids = new Set(frame.nodes.map((n) => n.id))
    for (const p of frame.problems) expect(ids.has(p.nodeId), p.nodeId).toBe(true)
    expect(frame.problems.some((p) => p.nodeId === 'Route:HTTPRoute/broken-other/wrong-namespace')).toBe(true)
  })

  it('explains a rejected parentRef with the failing check naming fields on both objects', () => {
    const pipeline = loaded('broken')
    const frame = pipeline.frame({
      ...EMPTY_VIEW_STATE,
      selected: 'Route:HTTPRoute/broken-other/wrong-namespace',
    })
    const details = frame.details!
    expect(details.exists).toBe(true)
    expect(details.manifest?.metadata.name).toBe('wrong-namespace')
    expect(details.summary).toContainEqual(['Parents', 'Gateway broken/edge, listener http'])
    const parent = details.parents[0]!
    expect(parent.accepted).toMatchObject({ status: 'False', reason: 'NotAllowedByListeners' })
    const failed = parent.checks.find((c) => c.outcome === 'fail')!
    expect(failed.fields.some((f) => f.object.kind === 'Gateway' && f.path.includes('allowedRoutes'))).toBe(
      true,
    )
    expect(failed.fix).toBeTruthy()
  })

  it('applies a delta: the changed route moves, unrelated nodes keep their positions', () => {
    const pipeline = loaded('shared-gateway')
    const before = pipeline.frame(EMPTY_VIEW_STATE)
    const route = exampleObjects('shared-gateway').find((o) => o.kind === 'HTTPRoute')!
    const changed = structuredClone(route) as KubeObject & { spec: { hostnames?: string[] } }
    changed.spec.hostnames = ['changed.example.com']
    const delta: ServerMessage = { type: 'delta', seq: 2, op: 'modified', object: changed }
    expect(pipeline.apply(delta)).toBe('ok')
    const after = pipeline.frame(EMPTY_VIEW_STATE)
    expect(after.seq).toBe(2)
    const id = `Route:HTTPRoute/${route.metadata.namespace}/${route.metadata.name}`
    const node = after.nodes.find((n) => n.id === id)
    expect(node?.type === 'object' && node.node.detail.hostnames).toEqual(['changed.example.com'])
    const pos = (f: typeof before) => new Map(f.nodes.map((n) => [n.id, `${n.x},${n.y}`]))
    const a = pos(before)
    const b = pos(after)
    for (const [nid, p] of a) if (b.has(nid)) expect(b.get(nid), nid).toBe(p)
  })

  it('leaves no blank lane for a column with no node: without ReferenceGrants the policies follow the backends', () => {
    const frame = loaded('policies').frame(EMPTY_VIEW_STATE)
    const roles = (role: string) =>
      frame.nodes.filter((n) => n.type === 'object' && n.node.role === role).map((n) => n.x)
    expect(roles('ReferenceGrant')).toEqual([])
    const backendX = new Set(roles('Backend'))
    const policyX = new Set(roles('Policy'))
    expect(backendX.size).toBe(1)
    expect(policyX.size).toBe(1)
    const columnX = [...new Set(frame.nodes.map((n) => n.x))].sort((a, b) => a - b)
    // Columns sit one step apart, however many of the kinds' columns this view leaves empty.
    const step = columnX[1]! - columnX[0]!
    expect(step).toBeGreaterThan(0)
    expect(columnX).toEqual(columnX.map((_, i) => columnX[0]! + i * step))
    expect([...policyX][0]).toBe([...backendX][0]! + step)
  })

  it('reports a gap when an event is missing, and ignores a replayed one', () => {
    const pipeline = loaded('shared-gateway')
    const object = exampleObjects('shared-gateway')[0]!
    expect(pipeline.apply({ type: 'delta', seq: 1, op: 'modified', object })).toBe('ok')
    expect(pipeline.apply({ type: 'delta', seq: 3, op: 'modified', object })).toBe('gap')
    expect(pipeline.mirror.seq).toBe(1)
  })

  it('stops judging certificate Secrets when Secrets are forbidden', () => {
    const pipeline = loaded('broken')
    const certificateProblems = (p: GraphPipeline) =>
      p.frame(EMPTY_VIEW_STATE).problems.filter((r) => r.code === 'InvalidCertificateRef').length
    const visible = certificateProblems(pipeline)
    expect(visible).toBeGreaterThan(0)
    pipeline.apply({
      type: 'kind-state',
      seq: 2,
      state: { group: '', kind: 'Secret', version: 'v1', state: 'forbidden', count: 0 },
    })
    // A missing Secret can no longer be told from an unreadable one; a ConfigMap is still wrong.
    expect(certificateProblems(pipeline)).toBeLessThan(visible)
  })

  it('lists what the folder source says the API server would refuse, on the object’s node', () => {
    const pipeline = loaded('tcp')
    expect(pipeline.frame(EMPTY_VIEW_STATE).problems.filter((p) => p.code === 'Invalid')).toEqual([])
    const message: ServerMessage = {
      type: 'file-state',
      seq: 2,
      state: {
        file: 'routes.yaml',
        state: 'ok',
        objects: 2,
        invalid: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'TCPRoute',
            namespace: 'tcp-demo',
            name: 'postgres',
            path: 'spec.rules[0].backendRefs[0].port',
            severity: 'error',
            source: 'schema',
            message: 'Invalid value: 0: should be greater than or equal to 1',
            line: 14,
            column: 17,
          },
        ],
      },
    }
    expect(pipeline.apply(message)).toBe('ok')
    const rows = pipeline.frame(EMPTY_VIEW_STATE).problems.filter((p) => p.code === 'Invalid')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      severity: 'error',
      nodeId: 'Route:TCPRoute/tcp-demo/postgres',
      path: 'spec.rules[0].backendRefs[0].port',
    })
    expect(rows[0]?.message).toMatch(/API server would refuse this object .*backendRefs\[0\]\.port/)
    // The file is fixed: the problem goes.
    pipeline.apply({ ...message, seq: 3, state: { file: 'routes.yaml', state: 'ok', objects: 2 } })
    expect(pipeline.frame(EMPTY_VIEW_STATE).problems.filter((p) => p.code === 'Invalid')).toEqual([])
  })
})
