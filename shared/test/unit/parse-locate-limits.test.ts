import { describe, expect, it } from 'vitest'
import { valueTooDeep } from '../../src/loader/depth.ts'
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
    expect(deep.problems).toHaveLength(1)
    expect(deep.problems[0]).toMatchObject({
      file: 'deep.yaml',
      line: 1,
      message: 'document 1: nesting deeper than 64 levels; it was not read',
    })
    const shallow = parseManifests(make(20), 'shallow.yaml')
    expect(shallow.problems.filter((p) => /nest/.test(p.message))).toEqual([])
  })

  it.each([
    ['JSON objects', (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`],
    ['flow sequences', (n: number) => `a: ${'['.repeat(n)}${']'.repeat(n)}`],
    ['block sequences', (n: number) => `${'- '.repeat(n)}x`],
  ])('%s deep enough to exhaust a recursive parser give one clear message at the place', (_, make) => {
    const result = parseManifests(make(20_000), 'bomb.json')
    expect(result.objects).toEqual([])
    expect(result.problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([
      'bomb.json:1: document 1: nesting deeper than 64 levels; it was not read',
    ])
    // The place is where level 65 begins, whatever the stack size.
    expect(result.problems[0]!.column).toBeGreaterThan(64)
    expect(result.problems[0]!.column).toBeLessThan(64 * 6)
  })

  it('a deep document among others is named by its number and line; the others are read', () => {
    const ok = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`
    const text = `${ok('a')}---\n${ok('b')}  labels: ${'['.repeat(100)}${']'.repeat(100)}\n---\n${ok('c')}`
    const result = parseManifests(text, 'three.yaml')
    expect(result.objects.map((o) => o.object.metadata.name)).toEqual(['a', 'c'])
    expect(result.problems).toMatchObject([
      { file: 'three.yaml', line: 10, message: 'document 2: nesting deeper than 64 levels; it was not read' },
    ])
    expect(result.objects[1]!.source.line).toBe(12)
  })

  it('parsed values (a JSON request body) are measured without recursion, naming the path', () => {
    let value: unknown = 1
    for (let i = 0; i < 100_000; i++) value = { a: value }
    const path = valueTooDeep({ spec: value }, 64)
    expect(path).toHaveLength(64)
    expect(path?.slice(0, 3)).toEqual(['spec', 'a', 'a'])
    expect(valueTooDeep({ spec: { rules: [{ matches: [{ path: { value: '/' } }] }] } }, 64)).toBeUndefined()
    expect(valueTooDeep({ a: { b: [1] } }, 3)).toEqual(['a', 'b', 0])
  })

  it('the limit is an option', () => {
    const text = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels:\n    x: y\n'
    expect(parseManifests(text, 'n.yaml', { maxDepth: 3 }).problems[0]?.message).toMatch(/deeper than 3/)
    expect(parseManifests(text, 'n.yaml', { maxDepth: 4 }).objects).toHaveLength(1)
  })
})
