import type { KindState } from '@gatemap/shared'
import { describe, expect, it } from 'vitest'
import type { ServerContext } from '../../src/http/context.ts'
import { streamFilterFor, visibilityKey } from '../../src/http/stream-filter.ts'
import type { Visibility } from '../../src/sources/source.ts'

const G = 'gateway.networking.k8s.io'

async function filterFor(visible: Visibility) {
  // Only the source's visibility is read by the filter; the rest of the context is not needed.
  const ctx = { source: { visibility: async () => visible } } as unknown as ServerContext
  const filter = await streamFilterFor(ctx, { bearerToken: 't' })
  if (!filter) throw new Error('no filter')
  return filter
}

const ok = (group: string, kind: string): KindState => ({ group, kind, version: 'v1', state: 'ok', count: 3 })

describe('the bearer-mode stream filter', () => {
  it('a cluster-scoped kind granted only in some namespaces is forbidden, as its objects are hidden', async () => {
    const filter = await filterFor(
      new Map([
        [`${G}/GatewayClass`, new Set(['team-a'])],
        [`${G}/HTTPRoute`, new Set(['team-a'])],
      ]),
    )
    expect(filter.kind(ok(G, 'GatewayClass'))).toMatchObject({ state: 'forbidden', count: 0 })
    expect(filter.kind(ok(G, 'HTTPRoute'))).toMatchObject({ state: 'ok' })
    const gatewayClass = { apiVersion: `${G}/v1`, kind: 'GatewayClass', metadata: { name: 'gc' } }
    expect(filter.object({ object: gatewayClass } as never)).toBe(false)
  })

  it('cluster-wide permission shows a cluster-scoped kind and its objects', async () => {
    const filter = await filterFor(new Map([[`${G}/GatewayClass`, 'all']]))
    expect(filter.kind(ok(G, 'GatewayClass'))).toMatchObject({ state: 'ok', count: 3 })
    const gatewayClass = { apiVersion: `${G}/v1`, kind: 'GatewayClass', metadata: { name: 'gc' } }
    expect(filter.object({ object: gatewayClass } as never)).toBe(true)
  })

  it('a namespaced kind granted in some namespaces carries them, so the analysis knows the rest is hidden', async () => {
    const filter = await filterFor(new Map([[`${G}/Gateway`, new Set(['team-b', 'team-a'])]]))
    expect(filter.kind(ok(G, 'Gateway'))).toMatchObject({ state: 'ok', namespaces: ['team-a', 'team-b'] })
    const all = await filterFor(new Map([[`${G}/Gateway`, 'all']]))
    expect(all.kind(ok(G, 'Gateway'))).not.toHaveProperty('namespaces')
    // A source watching only some namespaces (serve --namespace): the person sees at most those.
    const scoped = { ...ok(G, 'Gateway'), namespaces: ['team-a', 'team-c'] }
    expect(filter.kind(scoped)).toMatchObject({ namespaces: ['team-a'] })
    expect(all.kind(scoped)).toMatchObject({ namespaces: ['team-a', 'team-c'] })
  })

  it('equal visibility gives one key for the analysis of that view, whatever the order', () => {
    const a: Visibility = new Map<string, 'all' | Set<string>>([
      [`${G}/Gateway`, new Set(['x', 'y'])],
      [`${G}/HTTPRoute`, 'all'],
    ])
    const b: Visibility = new Map<string, 'all' | Set<string>>([
      [`${G}/HTTPRoute`, 'all'],
      [`${G}/Gateway`, new Set(['y', 'x'])],
    ])
    expect(visibilityKey(a)).toBe(visibilityKey(b))
    expect(visibilityKey(a)).not.toBe(visibilityKey(new Map([[`${G}/Gateway`, new Set(['x'])]])))
  })

  it('a namespaced kind with no namespace at all is forbidden', async () => {
    const filter = await filterFor(new Map([[`${G}/Gateway`, new Set<string>()]]))
    expect(filter.kind(ok(G, 'Gateway'))).toMatchObject({ state: 'forbidden' })
  })
})
