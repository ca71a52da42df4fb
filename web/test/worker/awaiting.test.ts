// In cluster mode a route or class no controller has accepted is marked so on its node, before
// what Gatemap computes; in folder mode (no live status) nothing is marked.
import type { KubeObject } from '@gatemap/shared'
import { GraphPipeline } from '@gatemap/shared/view/frame/pipeline.ts'
import { EMPTY_VIEW_STATE } from '@gatemap/shared/view/model/view-types.ts'
import { describe, expect, it } from 'vitest'
import { exampleObjects, snapshotOf } from '../../../shared/test/view/examples.ts'
import { ariaLabel } from '../../src/graph/to-flow.ts'

const withoutStatus = (objects: KubeObject[]) =>
  objects.map((o) => {
    const { status: _dropped, ...rest } = o as KubeObject & { status?: unknown }
    return rest as KubeObject
  })

function frameOf(mode: 'cluster' | 'folder', objects: KubeObject[]) {
  const pipeline = new GraphPipeline()
  pipeline.apply({
    type: 'hello',
    protocol: 1,
    epoch: 'test-epoch',
    source: { mode, name: 'test', readOnly: true },
  } as Parameters<GraphPipeline['apply']>[0])
  expect(pipeline.apply(snapshotOf(objects))).toBe('ok')
  return pipeline.frame(EMPTY_VIEW_STATE)
}

describe('awaiting a controller', () => {
  it('marks routes, Gateways and classes without a controller’s Accepted in a cluster', () => {
    const frame = frameOf('cluster', withoutStatus(exampleObjects('shared-gateway')))
    const route = frame.nodes.find((n) => n.id === 'Route:HTTPRoute/shared-store/storefront')
    expect(route?.type === 'object' && route.node.detail.awaiting).toBe('yes')
    expect(route?.type === 'object' && route.health).toBe('pending')
    expect(ariaLabel(route!)).toContain('no controller has accepted this yet')
    const cls = frame.nodes.find((n) => n.type === 'object' && n.node.role === 'GatewayClass')
    expect(cls?.type === 'object' && cls.node.detail.awaiting).toBe('yes')
    // The flag wraps beside another under a long name: the node is a line taller, so nothing is cut.
    const folder = frameOf('folder', withoutStatus(exampleObjects('shared-gateway')))
    const same = folder.nodes.find((n) => n.id === route?.id)
    expect(route!.height).toBe(same!.height + 16)
  })

  it('marks nothing in folder mode', () => {
    const frame = frameOf('folder', withoutStatus(exampleObjects('shared-gateway')))
    for (const n of frame.nodes) if (n.type === 'object') expect(n.node.detail.awaiting, n.id).toBeUndefined()
  })
})
