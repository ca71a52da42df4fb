// The policy filters in the address bar: `policies=1` and `pkind=` survive a round trip, and
// leaving them out leaves the view as it was.

import { EMPTY_VIEW_STATE } from '@gatemap/shared/view/model/view-types.ts'
import { describe, expect, it } from 'vitest'
import { type PageState, readPageState, writePageState } from '../../src/app/url-state.ts'

describe('policy filters in the URL', () => {
  it('round-trips has-policies and the policy kinds', () => {
    const state: PageState = {
      view: {
        ...EMPTY_VIEW_STATE,
        hasPolicies: true,
        policyKinds: ['BackendTrafficPolicy', 'SecurityPolicy'],
      },
      tab: 'problems',
    }
    const search = writePageState(state)
    expect(search).toBe('?policies=1&pkind=BackendTrafficPolicy%2CSecurityPolicy')
    expect(readPageState(search)).toEqual(state)
  })

  it('reads no policy filter when the parameters are absent or junk', () => {
    for (const search of ['', '?policies=yes&pkind=,,']) {
      const { view } = readPageState(search)
      expect(view.hasPolicies).toBeUndefined()
      expect(view.policyKinds).toBeUndefined()
    }
  })
})
