// Hostname matching and intersection, with expectations taken from the Gateway API spec: a wildcard
// is a leading `*.` standing for one or more labels and never for the bare parent domain; unset
// means any hostname.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hostnamesIntersect, intersectingHostnames, wildcardMatches } from '../../src/hostnames.ts'

describe('wildcardMatches', () => {
  it.each([
    ['*.example.com', 'a.example.com', true],
    ['*.example.com', 'a.b.example.com', true],
    ['*.example.com', 'a.b.c.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', '.example.com', false],
    ['*.example.com', 'aexample.com', false],
    ['*.example.com', 'a.example.org', false],
    ['*.example.com', 'a.example.com.evil.org', false],
    ['*.example.com', 'A.EXAMPLE.COM', true],
    ['*.EXAMPLE.com', 'a.example.COM', true],
    ['example.com', 'example.com', true],
    ['example.com', 'EXAMPLE.com', true],
    ['example.com', 'a.example.com', false],
    ['a.example.com', 'example.com', false],
    ['foo.example.com', 'bar.example.com', false],
  ])('%s vs %s -> %s', (pattern, host, expected) => {
    expect(wildcardMatches(pattern, host)).toBe(expected)
  })
})

describe('hostnamesIntersect', () => {
  it.each([
    // both precise
    ['example.com', 'example.com', true],
    ['Example.COM', 'example.com', true],
    ['a.example.com', 'b.example.com', false],
    ['example.com', 'example.org', false],
    ['a.example.com', 'example.com', false],
    // wildcard on either side against a precise name
    ['*.example.com', 'foo.example.com', true],
    ['foo.example.com', '*.example.com', true],
    ['*.example.com', 'foo.bar.example.com', true],
    ['foo.bar.example.com', '*.example.com', true],
    ['*.example.com', 'example.com', false],
    ['example.com', '*.example.com', false],
    ['*.example.com', 'foo.example.org', false],
    ['*.example.com', 'FOO.Example.Com', true],
    ['*.example.com', 'fooexample.com', false],
    // both wildcards: one must contain the other
    ['*.com', '*.example.com', true],
    ['*.example.com', '*.com', true],
    ['*.example.com', '*.example.com', true],
    ['*.example.com', '*.foo.example.com', true],
    ['*.example.com', '*.example.org', false],
    ['*.a.example.com', '*.b.example.com', false],
    ['*.example.com', '*.xample.com', false],
    ['*.ample.com', '*.example.com', false],
    ['*.EXAMPLE.com', '*.foo.example.COM', true],
    // unset means any hostname
    [undefined, 'example.com', true],
    ['example.com', undefined, true],
    [undefined, '*.example.com', true],
    ['*.example.com', undefined, true],
    [undefined, undefined, true],
  ] as const)('%s ∩ %s -> %s', (a, b, expected) => {
    expect(hostnamesIntersect(a, b)).toBe(expected)
    expect(hostnamesIntersect(b, a)).toBe(expected)
  })
})

describe('intersectingHostnames', () => {
  it.each([
    [
      '*.example.com',
      ['a.example.com', 'example.com', 'b.c.example.com', 'x.org'],
      ['a.example.com', 'b.c.example.com'],
    ],
    [
      'a.example.com',
      ['*.example.com', 'a.example.com', 'b.example.com', '*.org'],
      ['*.example.com', 'a.example.com'],
    ],
    ['a.example.com', ['b.example.com', 'example.com'], []],
    ['example.com', ['*.example.com'], []],
    [undefined, ['a.example.com', '*.org'], ['a.example.com', '*.org']],
    ['*.com', ['*.example.com', 'a.com', 'com', '*.org'], ['*.example.com', 'a.com']],
    ['a.example.com', [], []],
  ] as const)('listener %s keeps %j of %j', (listener, route, expected) => {
    expect(intersectingHostnames(listener, route)).toEqual(expected)
  })
})

// Lowercase DNS labels; case is exercised separately below.
const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/)
const domain = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'))
const precise = domain
const wildcard = domain.map((d) => `*.${d}`)
const hostname = fc.oneof(precise, wildcard)
const maybeHostname = fc.option(hostname, { nil: undefined })

describe('hostname properties', () => {
  it('hostnamesIntersect is symmetric', () => {
    fc.assert(
      fc.property(maybeHostname, maybeHostname, (a, b) => {
        expect(hostnamesIntersect(a, b)).toBe(hostnamesIntersect(b, a))
      }),
    )
  })

  it('every hostname intersects itself', () => {
    fc.assert(
      fc.property(hostname, (h) => {
        expect(hostnamesIntersect(h, h)).toBe(true)
      }),
    )
  })

  it('an unset hostname intersects anything', () => {
    fc.assert(
      fc.property(maybeHostname, (h) => {
        expect(hostnamesIntersect(undefined, h)).toBe(true)
        expect(hostnamesIntersect(h, undefined)).toBe(true)
      }),
    )
  })

  it('*.D intersects x.D and x.y.D but never D', () => {
    fc.assert(
      fc.property(domain, label, label, (d, x, y) => {
        const pattern = `*.${d}`
        expect(hostnamesIntersect(pattern, `${x}.${d}`)).toBe(true)
        expect(hostnamesIntersect(pattern, `${x}.${y}.${d}`)).toBe(true)
        expect(hostnamesIntersect(pattern, d)).toBe(false)
        expect(wildcardMatches(pattern, `${x}.${d}`)).toBe(true)
        expect(wildcardMatches(pattern, `${x}.${y}.${d}`)).toBe(true)
        expect(wildcardMatches(pattern, d)).toBe(false)
      }),
    )
  })

  it('*.D intersects the narrower wildcard *.x.D, in either order', () => {
    fc.assert(
      fc.property(domain, label, (d, x) => {
        expect(hostnamesIntersect(`*.${d}`, `*.${x}.${d}`)).toBe(true)
        expect(hostnamesIntersect(`*.${x}.${d}`, `*.${d}`)).toBe(true)
      }),
    )
  })

  it('distinct precise hostnames never intersect', () => {
    fc.assert(
      fc.property(precise, precise, (a, b) => {
        fc.pre(a !== b)
        expect(hostnamesIntersect(a, b)).toBe(false)
      }),
    )
  })

  it('matching ignores case', () => {
    fc.assert(
      fc.property(hostname, precise, (a, b) => {
        expect(hostnamesIntersect(a.toUpperCase(), b)).toBe(hostnamesIntersect(a, b))
        expect(hostnamesIntersect(a, b.toUpperCase())).toBe(hostnamesIntersect(a, b))
      }),
    )
  })

  it('a wildcard matches x.D only when x.D ends in .D (suffix on a label boundary)', () => {
    fc.assert(
      fc.property(domain, precise, (d, h) => {
        expect(wildcardMatches(`*.${d}`, h)).toBe(h.endsWith(`.${d}`))
      }),
    )
  })
})
