// Every match field and rule name reaches the details: the gRPC canary's header is named.
import { describe, expect, it } from 'vitest'
import { GraphPipeline } from '../../../src/view/frame/pipeline.ts'
import { ruleRows } from '../../../src/view/frame/rule-rows.ts'
import { EMPTY_VIEW_STATE } from '../../../src/view/model/view-types.ts'
import { exampleObjects, snapshotOf } from '../examples.ts'

function summaryOf(scenario: string, selected: string): Array<[string, string]> {
  const pipeline = new GraphPipeline()
  expect(pipeline.apply(snapshotOf(exampleObjects(scenario)))).toBe('ok')
  return pipeline.frame({ ...EMPTY_VIEW_STATE, selected }).details?.summary ?? []
}

describe('rule rows', () => {
  it('name a GRPCRoute rule and its header match', () => {
    const summary = summaryOf('grpc', 'Route:GRPCRoute/grpc-demo/inventory')
    const canary = summary.find(([label]) => label.includes('(canary)'))
    expect(canary?.[1]).toContain('header x-canary: true')
    expect(canary?.[1]).toContain('store.inventory.v1.InventoryService/')
  })

  it('give every HTTP match field, and nothing for L4 kinds', () => {
    const rows = ruleRows('HTTPRoute', {
      rules: [
        {
          name: 'search',
          matches: [
            {
              path: { type: 'Exact', value: '/s' },
              method: 'GET',
              headers: [{ name: 'x-env', value: 'beta' }],
              queryParams: [{ type: 'RegularExpression', name: 'q', value: '^a' }],
            },
            { path: { value: '/t' } },
          ],
        },
        {},
      ],
    })
    expect(rows).toEqual([
      [
        'Rule 0 (search)',
        'path Exact /s, method GET, header x-env: beta, query q ~ ^a or path PathPrefix /t',
      ],
      ['Rule 1', 'every request (path prefix /)'],
    ])
    expect(ruleRows('TCPRoute', { rules: [{}] })).toEqual([])
  })

  it('leave the hostname row out of mesh, TCP and UDP routes', () => {
    const tcp = summaryOf('tcp', 'Route:TCPRoute/tcp-demo/postgres')
    expect(tcp.length).toBeGreaterThan(0)
    expect(tcp.map(([label]) => label)).not.toContain('Hostnames')
  })
})
