// Arrow keys move within a column and across to connected nodes.

import type { LaidOutNode } from '@gatemap/shared/view/frame/messages.ts'
import type { ViewEdge } from '@gatemap/shared/view/model/view-types.ts'
import { describe, expect, it } from 'vitest'
import { neighbour } from '../../src/graph/keyboard.ts'

const node = (id: string, column: number, y: number): LaidOutNode =>
  ({
    id,
    column,
    x: column * 300,
    y,
    width: 240,
    height: 60,
    type: 'group',
    highlighted: false,
    dimmed: false,
    problems: 0,
  }) as unknown as LaidOutNode
const edge = (source: string, target: string): ViewEdge => ({
  id: `${source}->${target}`,
  source,
  target,
  role: 'attached',
  health: 'ok',
  count: 1,
  highlighted: false,
  dimmed: false,
})

const nodes = [
  node('gw', 1, 0),
  node('l1', 2, 0),
  node('l2', 2, 100),
  node('r1', 3, 0),
  node('r2', 3, 100),
  node('r3', 3, 200),
]
const edges = [edge('gw', 'l1'), edge('gw', 'l2'), edge('l1', 'r1'), edge('l2', 'r3')]

describe('neighbour', () => {
  it.each([
    ['l1', 'down', 'l2'],
    ['l2', 'up', 'l1'],
    ['l1', 'up', undefined],
    ['r3', 'down', undefined],
    ['l2', 'right', 'r3'], // connected, although r2 is nearer by height
    ['r2', 'left', 'l2'], // unconnected: nearest by height
    ['l1', 'left', 'gw'],
    ['gw', 'left', undefined],
    ['unknown', 'down', 'gw'],
  ] as const)('%s %s → %s', (from, direction, expected) => {
    expect(neighbour(nodes, edges, from, direction)).toBe(expected)
  })
})
