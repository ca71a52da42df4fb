// Text-level checks of in-place editing: what changes is exactly the edited entries' characters.

import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { findSite, isEmptyManifest, parseFile, removeAt, replaceAt, valueAt } from '../../src/yaml/edit.ts'

const ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: r   # keep me
  namespace: shop
spec:
    parentRefs:
      - name: gw
        sectionName: http
    rules:
      - matches: [{path: {type: PathPrefix, value: /}}]
        backendRefs:
          - name: a
            port: 80
`

// biome-ignore lint/suspicious/noExplicitAny: the tests reach deep into a free-form spec
type Loose = Record<string, unknown> & { spec: Record<string, any> }

function edit(text: string, change: (value: Loose) => void): string {
  const file = parseFile(text)
  const site = findSite(file, 1, 1)
  if (!site) throw new Error('no object at 1:1')
  const value = structuredClone(valueAt(file, site)) as Loose
  change(value)
  const result = replaceAt(file, site, value)
  expect(parse(result)).toEqual(value)
  return result
}

/** Lines of `after` that are not in `before`, and the other way round. */
function lineDiff(before: string, after: string) {
  const a = before.split('\n')
  const b = after.split('\n')
  return { added: b.filter((line) => !a.includes(line)), removed: a.filter((line) => !b.includes(line)) }
}

describe('in-place YAML editing', () => {
  it('removes exactly the lines of a removed key', () => {
    const after = edit(ROUTE, (v) => {
      delete v.spec.parentRefs[0].sectionName
    })
    expect(after).toBe(ROUTE.replace('        sectionName: http\n', ''))
  })

  it('appends a new key after the last one, at its column, in the file’s indentation', () => {
    const after = edit(ROUTE, (v) => {
      v.spec.hostnames = ['a.example.com']
      v.spec.parentRefs[0].port = 80
    })
    expect(lineDiff(ROUTE, after)).toEqual({
      added: ['        port: 80', '    hostnames:', '      - a.example.com'],
      removed: [],
    })
    expect(after.indexOf('port: 80')).toBeLessThan(after.indexOf('    rules:'))
  })

  it('appends and cuts list items without touching their neighbours', () => {
    const grown = edit(ROUTE, (v) => {
      v.spec.rules[0].backendRefs.push({ name: 'b', port: 81 })
    })
    expect(grown).toBe(`${ROUTE}          - name: b\n            port: 81\n`)
    const shrunk = edit(grown, (v) => {
      v.spec.rules[0].backendRefs.shift()
    })
    expect(shrunk).toBe(
      ROUTE.replace(
        '          - name: a\n            port: 80\n',
        '          - name: b\n            port: 81\n',
      ),
    )
  })

  it('re-renders a changed flow collection on its own line and nothing else', () => {
    const after = edit(ROUTE, (v) => {
      v.spec.rules[0].matches[0].path.value = '/shop'
    })
    expect(lineDiff(ROUTE, after)).toEqual({
      added: ['      - matches: [{path: {type: PathPrefix, value: /shop}}]'],
      removed: ['      - matches: [{path: {type: PathPrefix, value: /}}]'],
    })
  })

  it('quotes a new string value that would read as another type, keeping the trailing comment', () => {
    const after = edit(ROUTE, (v) => {
      ;(v.metadata as { name: string }).name = '8080'
    })
    expect(after).toContain(`  name: "8080"   # keep me\n`)
  })

  it('re-renders a collection left empty, and one whose child changed type', () => {
    const after = edit(ROUTE, (v) => {
      v.spec.parentRefs[0] = 'gw'
      v.spec.rules[0].backendRefs = []
    })
    expect(after).toContain('      - gw\n')
    expect(after).toContain('backendRefs: []')
    expect(after.startsWith(ROUTE.slice(0, ROUTE.indexOf('spec:')))).toBe(true)
  })

  it('cuts one document out of a stream and leaves the rest byte-identical', () => {
    const text = `# a\nkind: A\nmetadata: {name: a}\n---\n# b\nkind: B\nmetadata: {name: b}\n---\nkind: C\nmetadata: {name: c}\n`
    const file = parseFile(text)
    expect(removeAt(file, { doc: 1 })).toBe(
      '# a\nkind: A\nmetadata: {name: a}\nkind: C\nmetadata: {name: c}\n'.replace('kind: C', '---\nkind: C'),
    )
    expect(removeAt(parseFile(text), { doc: 0 })).toBe(text.slice(text.indexOf('---')))
    expect(isEmptyManifest('# only a comment\n---\n')).toBe(true)
    expect(isEmptyManifest(text)).toBe(false)
  })
})
