// The writer's promises on awkward input: values the form cannot represent are kept while the form
// edits around them, `null` and `[]` are not confused with absence, and nothing is aliased.
import { describe, expect, it } from 'vitest'
import { appendItem, readRouteForm, removeItem, replaceItem, writeRouteForm } from '../../../src/index.ts'

describe('values the form cannot represent', () => {
  const odd = {
    kind: 'HTTPRoute',
    spec: {
      parentRefs: [{ name: 'gw', port: '80' }],
      hostnames: [],
      rules: [
        null,
        { matches: [{ path: null, headers: 'nonsense' }], backendRefs: [{ name: 'a', weight: 'heavy' }] },
      ],
    },
  }

  it('round-trips them unchanged', () => {
    expect(JSON.stringify(writeRouteForm(odd, readRouteForm(odd)))).toBe(JSON.stringify(odd))
  })

  it('reads them as unset and keeps them while other fields change', () => {
    const form = structuredClone(readRouteForm(odd))
    expect(form.parentRefs?.[0]?.port).toBeUndefined()
    expect(form.hostnames).toEqual([])
    expect(form.rules?.[0]).toEqual({ origin: 0 })
    form.rules![1]!.backendRefs![0]!.name = 'b'
    const out = writeRouteForm(odd, form) as typeof odd
    expect(out.spec.rules[0]).toBeNull()
    expect(out.spec.rules[1]).toEqual({
      matches: [{ path: null, headers: 'nonsense' }],
      backendRefs: [{ name: 'b', weight: 'heavy' }],
    })
    expect(out.spec.parentRefs).toBe(odd.spec.parentRefs)
  })

  it('replaces one when the person sets a value', () => {
    const form = structuredClone(readRouteForm(odd))
    form.rules![1]!.backendRefs![0]!.weight = 2
    const out = writeRouteForm(odd, form) as typeof odd
    expect(out.spec.rules[1]?.backendRefs[0]).toEqual({ name: 'a', weight: 2 })
  })

  it('an emptied list stays [] when the form says [], and goes when the form unsets it', () => {
    const route = { kind: 'HTTPRoute', spec: { hostnames: ['a'], rules: [] } }
    expect(writeRouteForm(route, { kind: 'HTTPRoute', hostnames: [], rules: [] })).toEqual({
      kind: 'HTTPRoute',
      spec: { hostnames: [], rules: [] },
    })
    expect(writeRouteForm(route, { kind: 'HTTPRoute', rules: [] })).toEqual({
      kind: 'HTTPRoute',
      spec: { rules: [] },
    })
  })

  it('the form does not alias the object', () => {
    const route = { kind: 'HTTPRoute', spec: { hostnames: ['a'] } }
    readRouteForm(route).hostnames?.push('b')
    expect(route.spec.hostnames).toEqual(['a'])
  })
})

describe('list helpers', () => {
  it('replace, append, and remove (the last removal unsets the list)', () => {
    expect(replaceItem(['a', 'b'], 1, 'c')).toEqual(['a', 'c'])
    expect(appendItem(undefined, 'a')).toEqual(['a'])
    expect(removeItem(['a', 'b'], 0)).toEqual(['b'])
    expect(removeItem(['a'], 0)).toBeUndefined()
  })
})
