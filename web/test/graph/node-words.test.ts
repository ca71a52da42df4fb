// What every node says on every bundled example: its health word never contradicts the problems
// listed for it (errors make it a problem, warnings alone a warning, never ✓), a Gateway answers
// for its listeners, folded groups of warnings are not green, counts have the right plural, kinds
// without hostnames get no hostname line, and the aria-label is the name as written.

import type { Frame, LaidOutNode } from '@gatemap/shared/view/frame/messages.ts'
import { GraphPipeline } from '@gatemap/shared/view/frame/pipeline.ts'
import { EMPTY_VIEW_STATE, type ObjectViewNode } from '@gatemap/shared/view/model/view-types.ts'
import { describe, expect, it } from 'vitest'
import { exampleObjects, snapshotOf } from '../../../shared/test/view/examples.ts'
import { facts } from '../../src/graph/node-facts.ts'
import { ariaLabel } from '../../src/graph/to-flow.ts'

const EXAMPLES = [
  'backend-tls',
  'broken',
  'grpc',
  'listenerset',
  'mesh',
  'shared-gateway',
  'tcp',
  'tls-passthrough',
  'udp',
]

function frameOf(scenario: string, view = EMPTY_VIEW_STATE): Frame {
  const pipeline = new GraphPipeline()
  expect(pipeline.apply(snapshotOf(exampleObjects(scenario)))).toBe('ok')
  return pipeline.frame(view)
}

const objects = (frame: Frame) =>
  frame.nodes.filter((n): n is LaidOutNode & ObjectViewNode => n.type === 'object')

describe.each(EXAMPLES)('nodes of example %s', (scenario) => {
  const frame = frameOf(scenario)

  it('never show OK beside their own problems, and show Problem beside an error', () => {
    for (const n of objects(frame)) {
      const rows = frame.problems.filter((p) => p.nodeId === n.id)
      if (rows.length > 0) expect(n.health, n.id).not.toBe('ok')
      if (rows.some((p) => p.severity === 'error') && n.node.health !== 'missing')
        expect(n.health, n.id).toBe('error')
    }
  })

  it('make a Gateway at least as bad as any of its listeners', () => {
    const rank = { ok: 0, pending: 1, warning: 2, missing: 3, error: 4 }
    for (const gw of objects(frame).filter((n) => n.node.role === 'Gateway')) {
      const { namespace, name } = gw.node.object
      for (const l of objects(frame)) {
        if (l.node.role !== 'Listener') continue
        if (l.node.object.kind !== 'Gateway' || l.node.object.namespace !== namespace) continue
        if (l.node.object.name !== name) continue
        // A pending Gateway stays Pending beside warnings (waiting for its class says more).
        if (l.health === 'warning' && gw.health === 'pending') continue
        expect(rank[gw.health], `${gw.id} vs ${l.id}`).toBeGreaterThanOrEqual(rank[l.health])
      }
    }
  })

  it('have aria-labels with the name as written and no doubled spaces', () => {
    for (const n of frame.nodes) {
      const label = ariaLabel(n)
      expect(label, n.id).not.toMatch(/\s\s/)
      if (n.type === 'object' && n.node.role === 'Listener')
        expect(label).toContain(`Listener ${n.node.label} of ${n.node.object.kind} `)
    }
  })

  it('count with the right plural and give hostnames only to kinds that have them', () => {
    for (const n of objects(frame)) {
      for (const line of facts(n)) expect(line, n.id).not.toMatch(/\b1 (rules|problems)\b/)
      const kind = String(n.node.detail.kind)
      if (n.node.role === 'Route' && (kind === 'TCPRoute' || kind === 'UDPRoute' || n.node.mesh))
        expect(facts(n).join(' | '), n.id).not.toContain('hostname')
    }
  })
})

describe('the broken example', () => {
  it('marks the Gateway whose listeners have problems as a problem, with its word', () => {
    const frame = frameOf('broken')
    const gateways = objects(frame).filter((n) => n.node.role === 'Gateway' && n.node.health !== 'missing')
    const troubled = gateways.filter((g) => g.problems > 0)
    expect(troubled.length).toBeGreaterThan(0)
    for (const g of troubled)
      expect(ariaLabel(g), g.id).toMatch(/, (Problem|Warning|Pending), \d+ problems?$/)
    expect(gateways.find((g) => g.id === 'Gateway:Gateway/broken/misconfigured')?.health).toBe('error')
    // The Gateway whose class does not exist is still said to be pending, not a mere warning.
    expect(gateways.find((g) => g.id === 'Gateway:Gateway/broken/orphan')?.health).toBe('pending')
  })

  it('colours a folded group by its members’ problems, warnings-only included', () => {
    const all = frameOf('broken')
    const namespaces = new Set(
      objects(all)
        .filter((n) => n.node.role === 'Route')
        .map((n) => n.node.object.namespace),
    )
    const collapsed = [...namespaces].map((ns) => `ns:${ns}:3`)
    const folded = frameOf('broken', { ...EMPTY_VIEW_STATE, collapsed })
    const groups = folded.nodes.filter((n) => n.type === 'group')
    expect(groups.length).toBeGreaterThan(0)
    for (const g of groups)
      if (g.type === 'group' && g.group.problems > 0) expect(g.group.health).not.toBe('ok')
  })
})

describe('a route on a listener that cannot serve', () => {
  it('is not green and says its listener cannot serve', () => {
    const frame = frameOf('broken')
    const route = objects(frame).find((n) => n.id === 'Route:HTTPRoute/broken/on-listener-without-cert')
    expect(route?.listenersDown).toBe(1)
    expect(route?.health).toBe('warning')
    expect(ariaLabel(route!)).toMatch(/1 listener cannot serve it$/)
  })
})

describe('a backend whose reference is refused', () => {
  it('is drawn as existing, with the reference not permitted, not as "Not found"', () => {
    const frame = frameOf('broken')
    const payments = objects(frame).find((n) => n.id === 'Backend:Service/broken-other/payments')
    expect(payments?.health).toBe('warning')
    expect(facts(payments!)).toContain('exists; reference not permitted')
    // One that truly does not exist stays "Not found".
    const missing = objects(frame).find((n) => n.id === 'Backend:Service/broken/app-v2')
    expect(missing?.health).toBe('missing')
  })
})
