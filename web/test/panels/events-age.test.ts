// The Events section's ages and request: counted on the server's clock, in words a person reads at
// a glance; the question names the object exactly as the server's query schema reads it.
import { EventsQuerySchema } from '@gatemap/shared'
import { describe, expect, it } from 'vitest'
import { ageOf, eventsUrl } from '../../src/panels/use-object-events.ts'

const at = (iso: string) => Date.parse(iso)

describe('ageOf', () => {
  it('says how long ago, coarser as it grows', () => {
    const now = at('2026-12-02T12:00:00Z')
    expect(ageOf('2026-12-02T11:59:58Z', now)).toBe('just now')
    expect(ageOf('2026-12-02T11:59:15Z', now)).toBe('45s ago')
    expect(ageOf('2026-12-02T11:48:00Z', now)).toBe('12m ago')
    expect(ageOf('2026-12-02T09:00:00Z', now)).toBe('3h ago')
    expect(ageOf('2026-11-30T12:00:00Z', now)).toBe('2d ago')
  })

  it('never counts down for a clock a little ahead, and says unknown for nothing or nonsense', () => {
    const now = at('2026-12-02T12:00:00Z')
    expect(ageOf('2026-12-02T12:00:30Z', now)).toBe('just now')
    expect(ageOf(undefined, now)).toBe('unknown')
    expect(ageOf('yesterday', now)).toBe('unknown')
  })
})

describe('eventsUrl', () => {
  it('asks with the fields the server’s query schema reads', () => {
    const url = eventsUrl({
      kind: 'HTTPRoute',
      name: 'web',
      namespace: 'team-a',
      apiVersion: 'gateway.networking.k8s.io/v1',
    })
    const query = Object.fromEntries(new URL(url, 'http://x').searchParams)
    expect(url.startsWith('/api/events?')).toBe(true)
    expect(EventsQuerySchema.parse(query)).toEqual({
      kind: 'HTTPRoute',
      name: 'web',
      namespace: 'team-a',
      apiVersion: 'gateway.networking.k8s.io/v1',
    })
    expect(
      new URL(eventsUrl({ kind: 'GatewayClass', name: 'eg' }), 'http://x').searchParams.has('namespace'),
    ).toBe(false)
  })
})
