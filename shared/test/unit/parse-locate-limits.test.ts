import { describe, expect, it } from 'vitest'
import { parseManifests } from '../../src/loader/parse.ts'

const lines = (...ls: string[]) => `${ls.join('\n')}\n`
const gateway = (name: string) =>
  lines(
    'apiVersion: gateway.networking.k8s.io/v1',
    'kind: Gateway',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  gatewayClassName: example',
  )

describe('empty documents are not errors', () => {
  it.each([
    ['--- at the end', gateway('a') + lines('---'), 1],
    ['--- at the end, no newline', `${gateway('a')}---`, 1],
    ['two --- in a row', gateway('a') + lines('---', '---') + gateway('b'), 2],
    [
      'a comment-only document between ---',
      gateway('a') + lines('---', '# nothing', '---') + gateway('b'),
      2,
    ],
    ['only ---', lines('---', '---'), 0],
  ])('%s', (_name, text, count) => {
    const result = parseManifests(text, 'f.yaml')
    expect(result.objects).toHaveLength(count)
    expect(result.problems).toEqual([])
  })
})

describe('maxBytes counts bytes', () => {
  it('a UTF-8 input over the byte limit is refused', () => {
    const text = gateway('a') + lines('# é'.repeat(10))
    const bytes = Buffer.byteLength(text, 'utf8')
    expect(bytes).toBeGreaterThan(text.length)
    const result = parseManifests(text, 'f.yaml', { maxBytes: text.length })
    expect(result.objects).toEqual([])
    expect(result.problems.filter((p) => p.severity === 'error')).toHaveLength(1)
  })
})

describe('locate of a missing path = locate of its deepest existing ancestor', () => {
  const text = lines(
    'apiVersion: gateway.networking.k8s.io/v1', // 1
    'kind: HTTPRoute', // 2
    'metadata:', // 3
    '  name: route', // 4
    'spec:', // 5
    '  hostnames: ["a.example.com"]', // 6
    '  parentRefs:', // 7
    '  - name: gw', // 8
    '    port: 8080', // 9
  )
  it.each<[(string | number)[], (string | number)[]]>([
    [['spec', 'rules'], ['spec']],
    [['metadata', 'labels'], ['metadata']],
    [
      ['spec', 'parentRefs', 5, 'name'],
      ['spec', 'parentRefs'],
    ],
    [
      ['spec', 'hostnames', 3],
      ['spec', 'hostnames'],
    ],
    [
      ['spec', 'parentRefs', 0, 'port', 'x'],
      ['spec', 'parentRefs', 0, 'port'],
    ],
    // a segment equal to the last one, earlier in the path, must not end the walk early
    [
      ['spec', 'parentRefs', 0, 'spec'],
      ['spec', 'parentRefs', 0],
    ],
  ])('locate(%j) = locate(%j)', (missing, ancestor) => {
    const [route] = parseManifests(text, 'f.yaml').objects
    expect(route?.locate(missing)).toEqual(route?.locate(ancestor))
  })
})
