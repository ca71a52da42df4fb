// The follow-up JSON patch: removes what is still there, later list items first, guarded by the
// resourceVersion; the same removal done locally for a dry run's answer.
import { describe, expect, it } from 'vitest'
import { type ApplyFieldPath, locate, removalPatch, withoutPaths } from '../../../src/index.ts'

const object = {
  metadata: {
    resourceVersion: '7',
    labels: { team: 'a', 'app.kubernetes.io/name': 'web' },
    annotations: { 'a~b': 'x' },
    finalizers: ['one', 'two'],
  },
  spec: {
    listeners: [
      { name: 'a', port: 1 },
      { name: 'b', port: 2 },
      { name: 'c', port: 3 },
    ],
  },
}
const f = (field: string) => ({ field })
const listener = (name: string): ApplyFieldPath => [f('spec'), f('listeners'), { key: { name } }]

describe('locate', () => {
  const rows: [string, ApplyFieldPath, (string | number)[] | undefined][] = [
    ['a field', [f('metadata'), f('labels'), f('team')], ['metadata', 'labels', 'team']],
    ['a map list item by key', listener('b'), ['spec', 'listeners', 1]],
    ['a set value', [f('metadata'), f('finalizers'), { value: 'two' }], ['metadata', 'finalizers', 1]],
    ['an index', [f('metadata'), f('finalizers'), { index: 0 }], ['metadata', 'finalizers', 0]],
    ['a missing item', listener('z'), undefined],
    ['an index past the end', [f('metadata'), f('finalizers'), { index: 2 }], undefined],
    ['a field under a scalar', [f('metadata'), f('resourceVersion'), f('x')], undefined],
    ['an item where there is no list', [f('metadata'), f('labels'), { value: 'a' }], undefined],
  ]
  for (const [name, path, tokens] of rows) it(name, () => expect(locate(object, path)).toEqual(tokens))
})

describe('removalPatch', () => {
  it('removes later list items first, escapes pointer tokens, guards with the resourceVersion', () => {
    const patch = removalPatch(
      object,
      [
        listener('a'),
        listener('c'),
        [f('metadata'), f('labels'), f('app.kubernetes.io/name')],
        [f('metadata'), f('annotations'), f('a~b')],
      ],
      '7',
    )
    expect(patch).toEqual([
      { op: 'test', path: '/metadata/resourceVersion', value: '7' },
      { op: 'remove', path: '/spec/listeners/2' },
      { op: 'remove', path: '/spec/listeners/0' },
      { op: 'remove', path: '/metadata/labels/app.kubernetes.io~1name' },
      { op: 'remove', path: '/metadata/annotations/a~0b' },
    ])
  })

  it('leaves out what is gone and what lies inside another removal', () => {
    expect(
      removalPatch(object, [
        listener('z'),
        [f('metadata'), f('labels')],
        [f('metadata'), f('labels'), f('team')],
      ]),
    ).toEqual([{ op: 'remove', path: '/metadata/labels' }])
  })

  it('is nothing when nothing is left to remove', () => {
    expect(removalPatch(object, [listener('z')], '7')).toBeUndefined()
    expect(removalPatch(object, [], '7')).toBeUndefined()
  })
})

describe('withoutPaths', () => {
  it('removes the same fields as the patch, on a copy', () => {
    const result = withoutPaths(object, [
      listener('a'),
      listener('c'),
      [f('metadata'), f('finalizers'), { value: 'one' }],
    ])
    expect(result.spec.listeners).toEqual([{ name: 'b', port: 2 }])
    expect(result.metadata.finalizers).toEqual(['two'])
    expect(object.spec.listeners).toHaveLength(3)
  })
})
