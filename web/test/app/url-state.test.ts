// The URL reproduces the view: every field survives a round trip, and junk never breaks the page.
import { describe, expect, it } from 'vitest'
import { type PageState, readPageState, writePageState } from '../../src/app/url-state.ts'
import { EMPTY_VIEW_STATE } from '../../src/model/view-types.ts'

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
})
