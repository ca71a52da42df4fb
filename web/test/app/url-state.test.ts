// The URL reproduces the view: every field survives a round trip, and junk never breaks the page.

import { EMPTY_VIEW_STATE } from '@gatemap/shared/view/model/view-types.ts'
import { describe, expect, it } from 'vitest'
import { type PageState, readPageState, writePageState } from '../../src/app/url-state.ts'

describe('url state', () => {
  it('round-trips every field', () => {
    const state: PageState = {
      view: {
        namespaces: ['team-a', 'team-b'],
        gateways: ['infra/gw'],
        kinds: ['HTTPRoute'],
        problemsOnly: true,
        search: 'api.example.com /v1',
        expanded: ['ns:team-a:3'],
        collapsed: ['gw:infra/gw'],
        selected: 'Route:HTTPRoute/team-a/web',
      },
      tab: 'yaml',
    }
    expect(readPageState(writePageState(state))).toEqual(state)
  })

  it('writes nothing for the default view and reads the default back', () => {
    const state: PageState = { view: EMPTY_VIEW_STATE, tab: 'problems' }
    expect(writePageState(state)).toBe('')
    expect(readPageState('')).toEqual(state)
  })

  it.each([
    ['?tab=bogus', 'problems'],
    ['?sel=Route:HTTPRoute/a/b&tab=bogus', 'details'],
    ['?sel=Route:HTTPRoute/a/b', 'details'],
    ['?tab=yaml', 'yaml'],
  ])('picks a sensible panel for %s', (search, tab) => {
    expect(readPageState(search).tab).toBe(tab)
  })

  it('ignores empty list entries and unknown parameters', () => {
    const { view } = readPageState('?ns=,a,,b,&problems=yes&zzz=1')
    expect(view.namespaces).toEqual(['a', 'b'])
    expect(view.problemsOnly).toBe(false)
  })

  it('round-trips a trace, with the Trace tab as the link’s default panel', () => {
    const state: PageState = {
      view: { ...EMPTY_VIEW_STATE, selected: 'Gateway:Gateway/routing-demo/edge' },
      tab: 'trace',
      trace: {
        gateway: 'routing-demo/edge',
        mode: 'http',
        target: 'http://shop.example.com/api/v2/items?x=1&y=2',
        method: 'POST',
        headers: ['x-canary: true', 'Cookie: a=b; c=d'],
      },
    }
    const search = writePageState(state)
    expect(search).not.toContain('tab=')
    expect(readPageState(search)).toEqual(state)
    const grpc: PageState = {
      view: EMPTY_VIEW_STATE,
      tab: 'details',
      trace: { gateway: 'a/b', mode: 'grpc', target: 'grpc.example.com:443', method: 'pkg.S/M', headers: [] },
    }
    expect(readPageState(writePageState(grpc))).toEqual(grpc)
  })

  it.each([
    ['?trace=edge&treq=http://a/', undefined],
    ['?trace=a/b/c', undefined],
    ['?treq=http://a/&th=x:1', undefined],
  ])('drops a trace without a namespace/name Gateway: %s', (search, trace) => {
    expect(readPageState(search).trace).toEqual(trace)
    expect(readPageState(search).tab).toBe('problems')
  })

  it('reads an unknown mode as http and leaves the request’s own errors to the form', () => {
    expect(readPageState('?trace=a/b&tmode=carrier-pigeon&treq=%%%&th=&th=no-colon').trace).toEqual({
      gateway: 'a/b',
      mode: 'http',
      target: '%%%',
      method: '',
      headers: ['no-colon'],
    })
  })
})
