// The bar above the graph: kinds in trouble are warnings; the policy kinds of implementations the
// cluster does not run are said once, folded and muted.
import type { KindState } from '@gatemap/shared'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { KindStates } from '../../src/panels/KindStates.tsx'

const state = (group: string, kind: string, s: KindState['state']): KindState =>
  ({ group, kind, state: s }) as KindState

const render = (kinds: KindState[]) => renderToStaticMarkup(createElement(KindStates, { kinds, files: [] }))

describe('KindStates', () => {
  it('folds absent implementations’ policy kinds into one muted line, apart from the warnings', () => {
    const html = render([
      state('gateway.networking.k8s.io', 'HTTPRoute', 'ok'),
      state('gateway.networking.k8s.io', 'TLSRoute', 'not-installed'),
      state('security.istio.io', 'AuthorizationPolicy', 'not-installed'),
      state('kuadrant.io', 'RateLimitPolicy', 'not-installed'),
      state('gateway.envoyproxy.io', 'SecurityPolicy', 'forbidden'),
    ])
    // The route kind and the forbidden policy kind stay warnings of their own.
    expect(html).toContain('<strong>TLSRoute</strong>: CRD not installed')
    expect(html).toContain('<strong>SecurityPolicy</strong>: forbidden for you')
    const absent = html.slice(html.indexOf('kind-absent'))
    expect(absent).toMatch(/Policy kinds of Istio, Kuadrant are not installed \(2 kinds\)/)
    expect(html).not.toContain('<strong>AuthorizationPolicy</strong>')
  })

  it('says nothing when every kind is served and every file reads', () => {
    expect(render([state('gateway.networking.k8s.io', 'Gateway', 'ok')])).toBe('')
  })
})
