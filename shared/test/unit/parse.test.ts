// The manifest loader: multi-document YAML and JSON, `kind: List`, source positions, namespace
// defaulting, and every way an input can be bad. Each bad part must give an `error` problem at the
// right file and line, and leave the good documents around it loaded.
import { describe, expect, it } from 'vitest'
import { parseFieldPath, parseManifests } from '../../src/loader/parse.ts'
import type { LoadOptions, LoadResult } from '../../src/loader/types.ts'

const FILE = 'manifests/app.yaml'
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
const GATEWAY_LINES = 6

const summary = (result: LoadResult) =>
  result.objects.map((o) => ({
    kind: o.object.kind,
    name: o.object.metadata.name,
    namespace: o.object.metadata.namespace,
    line: o.source.line,
  }))
const errors = (result: LoadResult) => result.problems.filter((p) => p.severity === 'error')

describe('parseFieldPath', () => {
  it.each<[string, (string | number)[]]>([
    ['spec', ['spec']],
    ['spec.parentRefs[0].name', ['spec', 'parentRefs', 0, 'name']],
    ['spec.rules[2].backendRefs[10].port', ['spec', 'rules', 2, 'backendRefs', 10, 'port']],
    ['spec.listeners[0]', ['spec', 'listeners', 0]],
    ['metadata.labels', ['metadata', 'labels']],
    ['', []],
  ])('%s', (path, expected) => {
    expect(parseFieldPath(path)).toEqual(expected)
  })
})

describe('multi-document input', () => {
  it.each<[string, string, { name: string; line: number }[]]>([
    ['one document', gateway('a'), [{ name: 'a', line: 1 }]],
    [
      '--- between',
      gateway('a') + lines('---') + gateway('b'),
      [
        { name: 'a', line: 1 },
        { name: 'b', line: GATEWAY_LINES + 2 },
      ],
    ],
    ['--- at the start', lines('---') + gateway('a'), [{ name: 'a', line: 2 }]],
    [
      'comments before and between',
      lines('# header', '---') + gateway('a') + lines('# about b', '---') + gateway('b'),
      [
        { name: 'a', line: 3 },
        { name: 'b', line: GATEWAY_LINES + 5 },
      ],
    ],
    ['trailing comment', gateway('a') + lines('# the end'), [{ name: 'a', line: 1 }]],
    [
      'document end marker ...',
      gateway('a') + lines('...', '---') + gateway('b'),
      [
        { name: 'a', line: 1 },
        { name: 'b', line: GATEWAY_LINES + 3 },
      ],
    ],
  ])('%s', (_name, text, expected) => {
    const result = parseManifests(text, FILE)
    expect(result.problems).toEqual([])
    expect(summary(result).map(({ name, line }) => ({ name, line }))).toEqual(expected)
    for (const o of result.objects) expect(o.source.file).toBe(FILE)
  })

  it.each([
    ['an empty file', ''],
    ['only whitespace', '\n\n   \n'],
    ['a comments-only file', lines('# nothing here', '# nor here')],
  ])('%s has no objects and no problems', (_name, text) => {
    expect(parseManifests(text, FILE)).toEqual({ objects: [], problems: [] })
  })
})

describe('empty documents', () => {
  it.each<[string, string, number]>([
    ['--- at the end', gateway('a') + lines('---'), 1],
    ['--- at the end, no newline', `${gateway('a')}---`, 1],
    ['two --- in a row', gateway('a') + lines('---', '---') + gateway('b'), 2],
    [
      'a comment-only document between ---',
      gateway('a') + lines('---', '# nothing', '---') + gateway('b'),
      2,
    ],
    ['a null document (~)', gateway('a') + lines('---', '~', '---') + gateway('b'), 2],
    ['only ---', lines('---', '---'), 0],
  ])('%s is skipped without a problem', (_name, text, count) => {
    const result = parseManifests(text, FILE)
    expect(result.objects).toHaveLength(count)
    expect(result.problems).toEqual([])
  })
})

describe('JSON input', () => {
  it.each<[string, string, { kind: string; name: string; line: number }[]]>([
    [
      'a single object',
      JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' } }, null, 2),
      [{ kind: 'Service', name: 'svc', line: 1 }],
    ],
    [
      'a single object on one line',
      JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' } }),
      [{ kind: 'Service', name: 'svc', line: 1 }],
    ],
    [
      'tab-indented',
      JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } }, null, '\t'),
      [{ kind: 'Namespace', name: 'apps', line: 1 }],
    ],
    [
      // kubectl get -o json: 4-space indentation, a List of items
      'a kind: List',
      JSON.stringify(
        {
          apiVersion: 'v1',
          kind: 'List',
          items: [
            { apiVersion: 'v1', kind: 'Service', metadata: { name: 's1', namespace: 'apps' } },
            { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r1' } },
          ],
        },
        null,
        4,
      ),
      [
        { kind: 'Service', name: 's1', line: 5 },
        { kind: 'HTTPRoute', name: 'r1', line: 13 },
      ],
    ],
  ])('%s', (_name, text, expected) => {
    const result = parseManifests(text, FILE)
    expect(result.problems).toEqual([])
    expect(summary(result).map(({ kind, name, line }) => ({ kind, name, line }))).toEqual(expected)
  })
})

describe('kind: List', () => {
  const list = lines(
    'apiVersion: v1', // 1
    'kind: List', // 2
    'items:', // 3
    '- apiVersion: gateway.networking.k8s.io/v1', // 4
    '  kind: Gateway', // 5
    '  metadata:', // 6
    '    name: gw', // 7
    '    namespace: infra', // 8
    '  spec:', // 9
    '    gatewayClassName: example', // 10
    '    listeners:', // 11
    '    - name: http', // 12
    '      port: 80', // 13
    '      protocol: HTTP', // 14
    '- apiVersion: gateway.networking.k8s.io/v1', // 15
    '  kind: HTTPRoute', // 16
    '  metadata:', // 17
    '    name: route', // 18
    '  spec:', // 19
    '    parentRefs:', // 20
    '    - name: gw', // 21
    '      namespace: infra', // 22
    '      sectionName: http', // 23
  )

  it('loads every item with its own source line', () => {
    const result = parseManifests(list, FILE)
    expect(result.problems).toEqual([])
    expect(summary(result)).toEqual([
      { kind: 'Gateway', name: 'gw', namespace: 'infra', line: 4 },
      { kind: 'HTTPRoute', name: 'route', namespace: 'default', line: 15 },
    ])
  })

  it.each<[number, (string | number)[], number, number]>([
    [0, ['metadata', 'name'], 7, 5],
    [0, ['spec', 'listeners', 0, 'port'], 13, 7],
    [0, ['spec', 'listeners', 0, 'protocol'], 14, 7],
    [1, ['spec', 'parentRefs', 0, 'sectionName'], 23, 7],
    [1, ['metadata', 'name'], 18, 5],
    [1, ['kind'], 16, 3],
  ])('item %i: locate(%j) is line %i column %i', (item, path, line, column) => {
    const result = parseManifests(list, FILE)
    expect(result.objects[item]?.locate(path)).toEqual({ file: FILE, line, column })
  })

  it('a typed list (HTTPRouteList) is unpacked too', () => {
    const text = lines(
      'apiVersion: gateway.networking.k8s.io/v1',
      'kind: HTTPRouteList',
      'items:',
      '- apiVersion: gateway.networking.k8s.io/v1',
      '  kind: HTTPRoute',
      '  metadata: {name: r}',
    )
    const result = parseManifests(text, FILE)
    expect(summary(result)).toEqual([{ kind: 'HTTPRoute', name: 'r', namespace: 'default', line: 4 }])
  })

  it('a bad item is an error at its own line; the other items still load', () => {
    const text = lines(
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- apiVersion: v1',
      '  kind: Service',
      '  metadata: {name: ok1}',
      '- apiVersion: v1',
      '  kind: Service',
      '  metadata: {}',
      '- apiVersion: v1',
      '  kind: Service',
      '  metadata: {name: ok2}',
    )
    const result = parseManifests(text, FILE)
    expect(summary(result).map((o) => o.name)).toEqual(['ok1', 'ok2'])
    expect(errors(result)).toHaveLength(1)
    expect(errors(result)[0]).toMatchObject({ file: FILE, line: 7 })
    expect(errors(result)[0]?.message).toMatch(/metadata\.name/)
  })
})

describe('locate', () => {
  const text =
    gateway('gw') +
    lines(
      '---', // 7
      '# a route', // 8
      'apiVersion: gateway.networking.k8s.io/v1', // 9
      'kind: HTTPRoute', // 10
      'metadata:', // 11
      '  name: route', // 12
      'spec:', // 13
      '  hostnames: ["a.example.com", "b.example.com"]', // 14
      '  parentRefs:', // 15
      '  - name: gw', // 16
      '    sectionName: http', // 17
      '  - name: other', // 18
      '    port: 8080', // 19
    )

  it.each<[(string | number)[], number, number]>([
    [['spec', 'parentRefs', 0, 'sectionName'], 17, 5],
    [['spec', 'parentRefs', 0, 'name'], 16, 5],
    [['spec', 'parentRefs', 1, 'name'], 18, 5],
    [['spec', 'parentRefs', 1, 'port'], 19, 5],
    [['spec', 'parentRefs'], 15, 3],
    [['spec', 'hostnames'], 14, 3],
    [['spec', 'hostnames', 1], 14, 32],
    [['metadata', 'name'], 12, 3],
    [['spec'], 13, 1],
    [['kind'], 10, 1],
    [[], 9, 1],
    // missing: the deepest existing ancestor (here a list item, which has no key of its own)
    [['spec', 'parentRefs', 0, 'port'], 16, 5],
    [['spec', 'parentRefs', 1, 'sectionName'], 18, 5],
  ])('locate(%j) is line %i column %i', (path, line, column) => {
    const route = parseManifests(text, FILE).objects[1]
    expect(route?.object.kind).toBe('HTTPRoute')
    expect(route?.source).toEqual({ file: FILE, line: 9, column: 1 })
    expect(route?.locate(path)).toEqual({ file: FILE, line, column })
  })

  it('locate works with parseFieldPath', () => {
    const route = parseManifests(text, FILE).objects[1]
    expect(route?.locate(parseFieldPath('spec.parentRefs[1].port'))).toEqual({
      file: FILE,
      line: 19,
      column: 5,
    })
  })
})

describe('namespaces', () => {
  const doc = (apiVersion: string, kind: string, namespace?: string) =>
    lines(
      `apiVersion: ${apiVersion}`,
      `kind: ${kind}`,
      'metadata:',
      '  name: x',
      ...(namespace === undefined ? [] : [`  namespace: ${namespace}`]),
    )
  it.each<[string, string, string | undefined, LoadOptions, string | undefined]>([
    ['gateway.networking.k8s.io/v1', 'HTTPRoute', undefined, {}, 'default'],
    ['gateway.networking.k8s.io/v1', 'HTTPRoute', 'apps', {}, 'apps'],
    ['gateway.networking.k8s.io/v1', 'HTTPRoute', undefined, { defaultNamespace: 'team-a' }, 'team-a'],
    ['gateway.networking.k8s.io/v1', 'HTTPRoute', 'apps', { defaultNamespace: 'team-a' }, 'apps'],
    ['gateway.networking.k8s.io/v1', 'Gateway', undefined, {}, 'default'],
    ['gateway.networking.k8s.io/v1beta1', 'ReferenceGrant', undefined, { defaultNamespace: 'b' }, 'b'],
    ['v1', 'Service', undefined, {}, 'default'],
    ['v1', 'Secret', undefined, { defaultNamespace: 'certs' }, 'certs'],
    ['gateway.networking.k8s.io/v1', 'GatewayClass', undefined, {}, undefined],
    ['gateway.networking.k8s.io/v1', 'GatewayClass', undefined, { defaultNamespace: 'x' }, undefined],
    ['gateway.networking.k8s.io/v1', 'GatewayClass', 'stray', {}, undefined],
    ['v1', 'Namespace', undefined, { defaultNamespace: 'x' }, undefined],
  ])('%s %s namespace %s with %j -> %s', (apiVersion, kind, namespace, options, expected) => {
    const result = parseManifests(doc(apiVersion, kind, namespace), FILE, options)
    expect(result.problems).toEqual([])
    expect(result.objects).toHaveLength(1)
    expect(result.objects[0]?.object.metadata.namespace).toBe(expected)
  })
})

describe('kinds Gatemap does not read', () => {
  it.each<[string, string, RegExp]>([
    ['apps/v1', 'Deployment', /Deployment/],
    ['gateway.networking.k8s.io/v9', 'HTTPRoute', /v9/],
    ['example.io/v1', 'Gateway', /Gateway/],
    ['v1', 'Pod', /Pod/],
  ])('%s %s is ignored with a note at its line', (apiVersion, kind, mentions) => {
    const text =
      gateway('a') + lines('---', `apiVersion: ${apiVersion}`, `kind: ${kind}`, 'metadata:', '  name: x')
    const result = parseManifests(text, FILE)
    expect(summary(result).map((o) => o.name)).toEqual(['a'])
    expect(result.problems).toHaveLength(1)
    expect(result.problems[0]).toMatchObject({ file: FILE, line: GATEWAY_LINES + 2, severity: 'note' })
    expect(result.problems[0]?.message).toMatch(mentions)
  })

  it('an unknown version of a known kind names the versions Gatemap knows', () => {
    const text = lines(
      'apiVersion: gateway.networking.k8s.io/v9',
      'kind: HTTPRoute',
      'metadata:',
      '  name: r',
    )
    const [note] = parseManifests(text, FILE).problems
    expect(note?.severity).toBe('note')
    expect(note?.message).toMatch(/v1\b/)
  })
})

// Each bad document sits between two good Gateways, at BAD_START.
const BAD_START = GATEWAY_LINES + 2
const sandwich = (bad: string) => gateway('before') + lines('---') + bad + lines('---') + gateway('after')
const billionLaughs = lines(
  'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
  'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
  'g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]',
  'h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]',
  'i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]',
)

describe('bad documents among good ones', () => {
  // [name, bad document, first error line range (inclusive), message]
  it.each<[string, string, [number, number], RegExp]>([
    [
      'unclosed flow sequence',
      lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: s', '  labels: [a, b'),
      // the YAML library notices at the next line (the `---`), not at the `[`
      [BAD_START + 4, BAD_START + 5],
      /./,
    ],
    [
      'bad indentation',
      lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: s', '   namespace: x'),
      [BAD_START + 3, BAD_START + 4],
      /./,
    ],
    [
      'duplicate keys',
      lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: s', '  name: t'),
      [BAD_START + 4, BAD_START + 4],
      /unique|duplicate/i,
    ],
    // a document-level error may point at the document's `---` marker
    ['a YAML alias bomb', billionLaughs, [BAD_START - 1, BAD_START], /alias/i],
    ['a list document', lines('- apiVersion: v1', '- kind: Service'), [BAD_START, BAD_START], /list/i],
    ['a scalar document', lines('just a string'), [BAD_START, BAD_START], /string/i],
    ['a number document', lines('42'), [BAD_START, BAD_START], /number/i],
    [
      'missing apiVersion',
      lines('kind: Service', 'metadata:', '  name: s'),
      [BAD_START, BAD_START],
      /apiVersion/,
    ],
    [
      'empty apiVersion',
      lines('apiVersion: ""', 'kind: Service', 'metadata:', '  name: s'),
      [BAD_START, BAD_START],
      /apiVersion/,
    ],
    ['missing kind', lines('apiVersion: v1', 'metadata:', '  name: s'), [BAD_START, BAD_START], /kind/],
    ['missing metadata', lines('apiVersion: v1', 'kind: Service'), [BAD_START, BAD_START], /metadata/],
    [
      'metadata a string',
      lines('apiVersion: v1', 'kind: Service', 'metadata: s'),
      [BAD_START, BAD_START],
      /metadata/,
    ],
    [
      'missing metadata.name',
      lines('apiVersion: v1', 'kind: Service', 'metadata:', '  namespace: x'),
      [BAD_START, BAD_START],
      /metadata\.name/,
    ],
    [
      'metadata.name a list',
      lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: [a]'),
      [BAD_START, BAD_START],
      /metadata\.name/,
    ],
    [
      'metadata.namespace a map',
      lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: s', '  namespace: {a: b}'),
      [BAD_START, BAD_START],
      /namespace/,
    ],
    [
      'spec a string',
      lines(
        'apiVersion: gateway.networking.k8s.io/v1',
        'kind: HTTPRoute',
        'metadata:',
        '  name: r',
        'spec: hello',
      ),
      [BAD_START, BAD_START],
      /spec/,
    ],
    [
      'spec a list',
      lines(
        'apiVersion: gateway.networking.k8s.io/v1',
        'kind: HTTPRoute',
        'metadata:',
        '  name: r',
        'spec: [1]',
      ),
      [BAD_START, BAD_START],
      /spec/,
    ],
  ])('%s: error at its line, neighbours loaded', (_name, bad, [from, to], message) => {
    const result = parseManifests(sandwich(bad), FILE)
    expect(summary(result).map((o) => o.name)).toEqual(['before', 'after'])
    const errs = errors(result)
    expect(errs.length).toBeGreaterThan(0)
    expect(errs[0]).toMatchObject({ file: FILE, severity: 'error' })
    expect(errs[0]?.line).toBeGreaterThanOrEqual(from)
    expect(errs[0]?.line).toBeLessThanOrEqual(to)
    expect(errs.every((e) => e.file === FILE && e.line >= BAD_START - 1 && e.line <= to)).toBe(true)
    expect(errs.some((e) => message.test(e.message))).toBe(true)
  })

  it('an alias bomb does not blow up memory or time', () => {
    const started = performance.now()
    parseManifests(billionLaughs, FILE)
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it.each([
    ['maxAliasCount lowered', { maxAliasCount: 2 }, 1],
    ['default allows a few anchors', {}, 0],
  ])('a document with ordinary anchors: %s', (_name, options, errorCount) => {
    const text = lines(
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: s',
      '  labels: &l {app: x}',
      '  annotations: *l',
      'spec:',
      '  selector: *l',
      '  ports: [{port: 80, name: &n http}, {port: 81, name: *n}]',
    )
    expect(errors(parseManifests(text, FILE, options))).toHaveLength(errorCount)
  })
})

describe('size and depth limits', () => {
  it.each([
    ['at the limit', 0, 1, 0],
    ['one over the limit', -1, 0, 1],
  ])('maxBytes %s', (_name, delta, objectCount, errorCount) => {
    const text = gateway('a')
    const result = parseManifests(text, FILE, { maxBytes: text.length + delta })
    expect(result.objects).toHaveLength(objectCount)
    expect(errors(result)).toHaveLength(errorCount)
    for (const e of errors(result)) expect(e).toMatchObject({ file: FILE, line: 1 })
  })

  it('an oversized input is refused whole', () => {
    const text = `${gateway('a')}---\n${gateway('b')}`
    const result = parseManifests(text, FILE, { maxBytes: 100 })
    expect(result.objects).toEqual([])
    expect(errors(result)).toHaveLength(1)
    expect(errors(result)[0]?.message).toMatch(/limit/)
  })

  it.each([
    ['10,000 nested [', '['.repeat(10_000)],
    ['10,000 nested [ closed', `${'['.repeat(10_000)}${']'.repeat(10_000)}`],
    ['10,000 nested {', `${'{a: '.repeat(10_000)}`],
    [
      '10,000 nested block sequences',
      Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i)}-`).join('\n'),
    ],
  ])('%s does not crash', (_name, text) => {
    let result: LoadResult | undefined
    expect(() => {
      result = parseManifests(text, FILE)
    }).not.toThrow()
    expect(result?.objects).toEqual([])
    expect(errors(result!).length).toBeGreaterThan(0)
    expect(errors(result!).every((e) => e.file === FILE && e.line >= 1)).toBe(true)
  })

  it('deep nesting in one document leaves the others loaded', () => {
    const result = parseManifests(sandwich(`a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`), FILE)
    expect(summary(result).map((o) => o.name)).toEqual(['before', 'after'])
    expect(errors(result).length).toBeGreaterThan(0)
    expect(errors(result).every((e) => e.line === BAD_START)).toBe(true)
  })
})

describe('Secrets', () => {
  const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'
  const secret = (type: string, data: Record<string, string>, field = 'data') =>
    JSON.stringify({ apiVersion: 'v1', kind: 'Secret', type, metadata: { name: 's' }, [field]: data })
  it.each<[string, string, string | undefined]>([
    [
      'TLS Secret with a PEM certificate',
      secret('kubernetes.io/tls', { 'tls.crt': btoa(PEM), 'tls.key': 'a2V5' }),
      'pem',
    ],
    [
      'TLS Secret with a PEM in stringData',
      secret('kubernetes.io/tls', { 'tls.crt': PEM }, 'stringData'),
      'pem',
    ],
    ['TLS Secret with garbage', secret('kubernetes.io/tls', { 'tls.crt': btoa('not a cert') }), 'malformed'],
    ['TLS Secret with invalid base64', secret('kubernetes.io/tls', { 'tls.crt': '%%%' }), 'malformed'],
    ['Opaque Secret', secret('Opaque', { password: btoa('hunter2') }), undefined],
  ])('%s: data dropped, certificate summarized as %s', (_name, text, expected) => {
    const result = parseManifests(text, FILE)
    expect(result.problems).toEqual([])
    const object = result.objects[0]?.object
    expect(object?.data).toBeUndefined()
    expect(object?.stringData).toBeUndefined()
    expect(object?.tlsCertificate).toBe(expected)
    expect(JSON.stringify(object)).not.toMatch(/hunter2|aHVudGVyMg|MIIB/)
  })
})
