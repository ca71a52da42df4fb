// `locate` answers from compact positions (the loader keeps no YAML tree per object), taken from the
// right document and List item whatever precedes it in the file.
import { describe, expect, it } from 'vitest'
import { parseManifests } from '../../src/loader/parse.ts'

const lines = (...ls: string[]) => `${ls.join('\n')}\n`
const route = (name: string) =>
  lines(
    'apiVersion: gateway.networking.k8s.io/v1',
    'kind: HTTPRoute',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  parentRefs:',
    '  - name: gw',
  )

describe('locate from compact positions', () => {
  it('finds the right document past empty, broken and too-deep documents', () => {
    const deep = `${'['.repeat(20)}${']'.repeat(20)}\n`
    const text = [route('a'), lines('# only a comment'), deep, lines('kind: 3'), route('b')].join('---\n')
    const result = parseManifests(text, 'f.yaml', { maxDepth: 10 })
    expect(result.objects.map((o) => o.object.metadata.name)).toEqual(['a', 'b'])
    // route b starts on line 15: 7 lines of a, then four separators and the three documents between.
    const b = result.objects[1]!
    expect(b.source).toEqual({ file: 'f.yaml', line: 15, column: 1 })
    expect(b.locate(['spec', 'parentRefs', 0, 'name'])).toEqual({ file: 'f.yaml', line: 21, column: 5 })
    expect(result.objects[0]!.locate(['metadata', 'name'])).toEqual({ file: 'f.yaml', line: 4, column: 3 })
  })

  it('answers the same when asked again, and for an item of a List in a later document', () => {
    const list = lines(
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- apiVersion: v1',
      '  kind: Service',
      '  metadata: {name: one, namespace: ns}',
      '- apiVersion: v1',
      '  kind: Service',
      '  metadata:',
      '    name: two',
      '    namespace: ns',
    )
    const result = parseManifests(`${route('a')}---\n${list}`, 'g.yaml')
    const two = result.objects.find((o) => o.object.metadata.name === 'two')!
    const first = two.locate(['metadata', 'name'])
    expect(first).toEqual({ file: 'g.yaml', line: 18, column: 5 })
    expect(two.locate(['metadata', 'name'])).toEqual(first)
    // A path that does not exist answers with its deepest existing ancestor.
    expect(two.locate(['metadata', 'labels', 'x'])).toEqual({ file: 'g.yaml', line: 17, column: 3 })
  })
})
