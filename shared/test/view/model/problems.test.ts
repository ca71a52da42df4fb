// Findings land on the node of the object they name, errors and warnings only.

import { describe, expect, it } from 'vitest'
import type { Finding } from '../../../src/index.ts'
import { buildView } from '../../../src/view/model/build-view.ts'
import { ID, state, viewNode, world } from './world.ts'

const { topology, findings } = world()

describe('problems per node', () => {
  it.each([
    [ID.refused, 1],
    [ID.lostRoute, 1],
    [ID.rpcRoute, 1],
    [ID.apiRoute, 0],
    [ID.gw, 0],
    [ID.nope, 0],
  ])('%s has %i', (id, problems) => {
    expect(viewNode(buildView(topology, findings, state()), id)?.problems).toBe(problems)
  })

  it('counts errors and warnings but not info, and maps a Service finding to its backend', () => {
    const extra = (
      severity: Finding['severity'],
      kind: string,
      namespace: string,
      name: string,
    ): Finding => ({
      severity,
      code: 'Test',
      object: { group: kind === 'Service' ? '' : 'gateway.networking.k8s.io', kind, namespace, name },
      message: '',
      checks: [],
    })
    const view = buildView(
      topology,
      [
        ...findings,
        extra('warning', 'Service', 'team-a', 'api'),
        extra('error', 'Service', 'team-a', 'api'),
        extra('info', 'Service', 'team-a', 'api'),
        extra('error', 'Gateway', 'infra', 'gw'),
        extra('warning', 'ReferenceGrant', 'team-b', 'allow-a'),
        extra('error', 'HTTPRoute', 'team-a', 'refused'),
        extra('error', 'Service', 'team-a', 'not-in-the-graph'),
      ],
      state(),
    )
    expect([ID.api, ID.gw, ID.grant, ID.refused].map((id) => viewNode(view, id)?.problems)).toEqual([
      2, 1, 1, 2,
    ])
  })
})
