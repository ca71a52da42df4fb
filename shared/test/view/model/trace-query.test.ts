import { describe, expect, it } from 'vitest'
import { sameTraceQuery, type TraceQuery } from '../../../src/view/model/trace-query.ts'

const query: TraceQuery = {
  gateway: 'infra/edge',
  mode: 'http',
  target: 'http://shop.example.com/cart',
  method: 'GET',
  headers: ['x-env: canary'],
}

describe('sameTraceQuery', () => {
  it('takes no trace as the same as no trace, and as different from any trace', () => {
    expect(sameTraceQuery(undefined, undefined)).toBe(true)
    expect(sameTraceQuery(undefined, query)).toBe(false)
    expect(sameTraceQuery(query, undefined)).toBe(false)
  })

  it('takes the same request as the same, blank header lines aside', () => {
    expect(sameTraceQuery(query, { ...query, headers: ['', ...query.headers, '  '] })).toBe(true)
  })

  it('tells apart requests that differ in any field', () => {
    for (const other of [
      { ...query, gateway: 'infra/other' },
      { ...query, mode: 'grpc' as const },
      { ...query, target: 'http://shop.example.com/' },
      { ...query, method: 'POST' },
      { ...query, headers: [] },
      { ...query, targetKind: 'Service' as const },
    ])
      expect(sameTraceQuery(query, other)).toBe(false)
  })
})
