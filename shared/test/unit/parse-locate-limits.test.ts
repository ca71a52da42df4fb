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

describe('nesting depth is limited', () => {
  it.each([
    ['flow sequences', (n: number) => `a: ${'['.repeat(n)}${']'.repeat(n)}`],
    ['block sequences', (n: number) => `${'- '.repeat(n)}x`],
    ['flow mappings', (n: number) => `${'{a: '.repeat(n)}1${'}'.repeat(n)}`],
  ])('%s 100 deep are refused with a message; 20 deep are read', (_, make) => {
    const deep = parseManifests(make(100), 'deep.yaml')
    expect(deep.objects).toEqual([])
    expect(deep.problems.map((p) => p.message).join('\n')).toMatch(
      /nested (deeper than 64 levels|too deeply)/,
    )
    const shallow = parseManifests(make(20), 'shallow.yaml')
    expect(shallow.problems.filter((p) => /nested/.test(p.message))).toEqual([])
  })

  it('input deep enough to exhaust the parser stack gives a clear message, not a crash', () => {
    const result = parseManifests(`a: ${'['.repeat(20_000)}${']'.repeat(20_000)}`, 'bomb.yaml')
    expect(result.objects).toEqual([])
    expect(result.problems[0]?.message).toMatch(/nested too deeply|nested deeper/)
  })

  it('the limit is an option', () => {
    const text = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels:\n    x: y\n'
    expect(parseManifests(text, 'n.yaml', { maxDepth: 3 }).problems[0]?.message).toMatch(/deeper than 3/)
    expect(parseManifests(text, 'n.yaml', { maxDepth: 4 }).objects).toHaveLength(1)
  })
})
