// CEL rule samples for route kinds. Filter rules are generated: each filter type has a field that
// must be set exactly when the type says so.
import {
  grpcRoute,
  httpFilters,
  httpRoute,
  manyMatches,
  type Obj,
  type RuleCase,
  svc,
  tlsRoute,
} from './samples.ts'

const FILTER_FIELDS: Record<string, [field: string, value: Obj, channel: 'standard' | 'experimental']> = {
  RequestHeaderModifier: ['requestHeaderModifier', { add: [{ name: 'x-a', value: 'b' }] }, 'standard'],
  ResponseHeaderModifier: ['responseHeaderModifier', { add: [{ name: 'x-a', value: 'b' }] }, 'standard'],
  RequestMirror: ['requestMirror', { backendRef: svc }, 'standard'],
  ExtensionRef: ['extensionRef', { group: 'example.com', kind: 'Filter', name: 'f' }, 'standard'],
  RequestRedirect: ['requestRedirect', { statusCode: 301 }, 'standard'],
  URLRewrite: ['urlRewrite', { hostname: 'rewritten.example.com' }, 'standard'],
  CORS: ['cors', { allowOrigins: ['https://app.example.com'] }, 'standard'],
  ExternalAuth: [
    'externalAuth',
    { protocol: 'HTTP', backendRef: { name: 'auth', port: 80 }, http: {} },
    'experimental',
  ],
}

export function filter(type: string, extra: Obj = {}): Obj {
  const [field, value] = FILTER_FIELDS[type] ?? ['', {}]
  return { type, [field]: value, ...extra }
}

function filterFieldCases(): RuleCase[] {
  return Object.entries(FILTER_FIELDS).flatMap(([type, [field, value, channel]]): RuleCase[] => {
    const other = type === 'RequestHeaderModifier' ? 'ResponseHeaderModifier' : 'RequestHeaderModifier'
    const at = ['spec', 'rules', 0, 'filters', 0]
    const pass = httpFilters([filter(type)])
    return [
      {
        rule: `!(has(self.${field}) && self.type != '${type}')`,
        channel,
        pass,
        fail: httpFilters([filter(other, { [field]: value })]),
        at,
      },
      {
        rule: `!(!has(self.${field}) && self.type == '${type}')`,
        channel,
        pass,
        fail: httpFilters([{ type }]),
        at,
      },
    ]
  })
}

function repeatCases(): RuleCase[] {
  return ['RequestHeaderModifier', 'ResponseHeaderModifier', 'CORS', 'RequestRedirect', 'URLRewrite'].map(
    (type) => ({
      rule: `self.filter(f, f.type == '${type}').size() <= 1`,
      channel: 'standard',
      pass: httpFilters([filter(type)]),
      fail: httpFilters([filter(type), filter(type)]),
      at: ['spec', 'rules', 0, 'filters'],
    }),
  )
}

const prefixMatch = { matches: [{ path: { type: 'PathPrefix', value: '/a' } }] }
const exactMatch = { matches: [{ path: { type: 'Exact', value: '/a' } }] }
const replacePrefix = { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/b' } }

function pathCases(): RuleCase[] {
  const route = (value: string, type = 'Exact') => httpRoute({ matches: [{ path: { type, value } }] })
  const at = ['spec', 'rules', 0, 'matches', 0, 'path']
  const bad: [string, string][] = [
    ["self.value.startsWith('/')", 'a'],
    ["!self.value.contains('//')", '/a//b'],
    ["!self.value.contains('/./')", '/a/./b'],
    ["!self.value.contains('/../')", '/a/../b'],
    ["!self.value.contains('%2f')", '/a%2fb'],
    ["!self.value.contains('%2F')", '/a%2Fb'],
    ["!self.value.contains('#')", '/a#b'],
    ["!self.value.endsWith('/..')", '/a/..'],
    ["!self.value.endsWith('/.')", '/a/.'],
    ['self.value.matches(r"""^(?:[-A-Za-z0-9/._~!$&', '/a b'],
  ]
  return [
    ...bad.map(
      ([rule, value]): RuleCase => ({
        rule,
        channel: 'standard',
        pass: route('/a/b'),
        fail: route(value),
        at,
      }),
    ),
    {
      rule: "self.type in ['Exact','PathPrefix'] || self.type == 'RegularExpression'",
      channel: 'standard',
      pass: route('/a.*', 'RegularExpression'),
      fail: route('/a', 'Prefix'),
      at: [...at, 'type'],
      shadowedBy: 'NotSupported',
    },
  ]
}

function modifierCases(): RuleCase[] {
  const redirect = (path: Obj) => httpFilters([{ type: 'RequestRedirect', requestRedirect: { path } }])
  const at = ['spec', 'rules', 0, 'filters', 0, 'requestRedirect', 'path']
  const pass = redirect({ type: 'ReplaceFullPath', replaceFullPath: '/x' })
  return [
    ["self.type == 'ReplaceFullPath' ? has(self.replaceFullPath) : true", { type: 'ReplaceFullPath' }],
    [
      "has(self.replaceFullPath) ? self.type == 'ReplaceFullPath' : true",
      { type: 'ReplacePrefixMatch', replacePrefixMatch: '/x', replaceFullPath: '/y' },
    ],
    [
      "self.type == 'ReplacePrefixMatch' ? has(self.replacePrefixMatch) : true",
      { type: 'ReplacePrefixMatch' },
    ],
    [
      "has(self.replacePrefixMatch) ? self.type == 'ReplacePrefixMatch' : true",
      { type: 'ReplaceFullPath', replaceFullPath: '/x', replacePrefixMatch: '/y' },
    ],
  ].map(
    ([rule, path]): RuleCase => ({
      rule: rule as string,
      channel: 'standard',
      pass,
      fail: redirect(path as Obj),
      at,
    }),
  )
}

function parentRefCases(): RuleCase[] {
  const route = (refs: Obj[]) => httpRoute({}, { parentRefs: refs })
  const at = ['spec', 'parentRefs']
  const a = { name: 'gw', sectionName: 'a' }
  const b = { name: 'gw', sectionName: 'b' }
  return [
    {
      rule: 'p2.__namespace__ )) ? ((!has(p1.sectionName)',
      channel: 'standard',
      pass: route([a, b]),
      fail: route([{ name: 'gw' }, a]),
      at,
    },
    {
      rule: "p2.__namespace__ )) && (((!has(p1.sectionName) || p1.sectionName == '') && (!has(p2.sectionName) || p2.sectionName == '')) || (has(p1.sectionName)",
      channel: 'standard',
      pass: route([a, b]),
      fail: route([a, a]),
      at,
    },
    {
      rule: '(!has(p1.port) || p1.port == 0) == (!has(p2.port) || p2.port == 0)): true))',
      channel: 'experimental',
      pass: route([a, { ...a, sectionName: 'c' }]),
      fail: route([a, { ...a, port: 80 }]),
      at,
    },
    {
      rule: '(has(p1.port) && has(p2.port) && p1.port == p2.port))))',
      channel: 'experimental',
      pass: route([a, b]),
      fail: route([a, a]),
      at,
    },
  ]
}

export function routeCases(): RuleCase[] {
  const rulesAt = ['spec', 'rules', 0]
  return [
    ...filterFieldCases(),
    ...repeatCases(),
    ...pathCases(),
    ...modifierCases(),
    ...parentRefCases(),
    {
      rule: '(self.size() > 0 ? self[0].matches.size() : 0)',
      channel: 'standard',
      pass: httpRoute({}, { rules: manyMatches(2, 64, { path: { value: '/' } }) }),
      fail: httpRoute({}, { rules: manyMatches(3, 43, { path: { value: '/' } }) }),
      at: ['spec', 'rules'],
    },
    {
      rule: '(self.size() > 0 ? (has(self[0].matches) ? self[0].matches.size() : 0) : 0)',
      channel: 'standard',
      pass: grpcRoute({}, { rules: manyMatches(2, 64, { method: { service: 's' } }) }),
      fail: grpcRoute({}, { rules: manyMatches(3, 43, { method: { service: 's' } }) }),
      at: ['spec', 'rules'],
    },
    {
      rule: "(size(self.group) == 0 && self.kind == 'Service') ? has(self.port) : true",
      channel: 'standard',
      pass: httpRoute(),
      fail: httpRoute({ backendRefs: [{ name: 'svc' }] }),
      at: [...rulesAt, 'backendRefs', 0],
    },
    {
      rule: '!(has(self.percent) && has(self.fraction))',
      channel: 'standard',
      pass: httpFilters([filter('RequestMirror')]),
      fail: httpFilters([
        { type: 'RequestMirror', requestMirror: { backendRef: svc, percent: 5, fraction: { numerator: 1 } } },
      ]),
      at: [...rulesAt, 'filters', 0, 'requestMirror'],
    },
    {
      rule: 'self.numerator <= self.denominator',
      channel: 'standard',
      pass: httpFilters([
        { type: 'RequestMirror', requestMirror: { backendRef: svc, fraction: { numerator: 1 } } },
      ]),
      fail: httpFilters([
        {
          type: 'RequestMirror',
          requestMirror: { backendRef: svc, fraction: { numerator: 5, denominator: 2 } },
        },
      ]),
      at: [...rulesAt, 'filters', 0, 'requestMirror', 'fraction'],
    },
    {
      rule: 'has(self.type) ? has(self.service) || has(self.method) : true',
      channel: 'standard',
      pass: grpcRoute({ matches: [{ method: { service: 'a.B' } }] }),
      fail: grpcRoute({ matches: [{ method: { type: 'Exact' } }] }),
      at: [...rulesAt, 'matches', 0, 'method'],
    },
    {
      rule: 'self.service.matches(',
      channel: 'standard',
      pass: grpcRoute({ matches: [{ method: { service: 'a.B' } }] }),
      fail: grpcRoute({ matches: [{ method: { service: 'a-b' } }] }),
      at: [...rulesAt, 'matches', 0, 'method'],
    },
    {
      rule: 'self.method.matches(',
      channel: 'standard',
      pass: grpcRoute({ matches: [{ method: { method: 'Get' } }] }),
      fail: grpcRoute({ matches: [{ method: { method: 'get-it' } }] }),
      at: [...rulesAt, 'matches', 0, 'method'],
    },
    {
      rule: 'self.filters.all(f, !has(f.requestRedirect))): true',
      channel: 'standard',
      pass: httpFilters([filter('RequestRedirect')]),
      fail: httpRoute({ filters: [filter('RequestRedirect')] }),
      at: rulesAt,
    },
    {
      rule: '(has(self.filters) && self.filters.exists_one(f, has(f.requestRedirect)',
      channel: 'standard',
      pass: httpFilters([{ type: 'RequestRedirect', requestRedirect: replacePrefix }], prefixMatch),
      fail: httpFilters([{ type: 'RequestRedirect', requestRedirect: replacePrefix }], exactMatch),
      at: rulesAt,
    },
    {
      rule: '(has(self.filters) && self.filters.exists_one(f, has(f.urlRewrite)',
      channel: 'standard',
      pass: httpFilters([{ type: 'URLRewrite', urlRewrite: replacePrefix }], prefixMatch),
      fail: httpFilters([{ type: 'URLRewrite', urlRewrite: replacePrefix }], exactMatch),
      at: rulesAt,
    },
    {
      rule: 'b.filters.exists_one(f, has(f.requestRedirect)',
      channel: 'standard',
      pass: httpRoute({
        ...prefixMatch,
        backendRefs: [{ ...svc, filters: [filter('RequestHeaderModifier')] }],
      }),
      fail: httpRoute({
        ...exactMatch,
        backendRefs: [{ ...svc, filters: [{ type: 'RequestRedirect', requestRedirect: replacePrefix }] }],
      }),
      at: rulesAt,
    },
    {
      rule: 'b.filters.exists_one(f, has(f.urlRewrite)',
      channel: 'standard',
      pass: httpRoute({
        ...prefixMatch,
        backendRefs: [{ ...svc, filters: [{ type: 'URLRewrite', urlRewrite: replacePrefix }] }],
      }),
      fail: httpRoute({
        ...exactMatch,
        backendRefs: [{ ...svc, filters: [{ type: 'URLRewrite', urlRewrite: replacePrefix }] }],
      }),
      at: rulesAt,
    },
    {
      rule: "!(self.exists(f, f.type == 'RequestRedirect') && self.exists(f, f.type == 'URLRewrite'))",
      channel: 'standard',
      pass: httpFilters([filter('URLRewrite')]),
      fail: httpFilters([filter('RequestRedirect'), filter('URLRewrite')]),
      at: [...rulesAt, 'filters'],
    },
    {
      rule: "!('*' in self && self.size() > 1)",
      channel: 'standard',
      pass: httpFilters([filter('CORS')]),
      fail: httpFilters([{ type: 'CORS', cors: { allowOrigins: ['*', 'https://app.example.com'] } }]),
      at: [...rulesAt, 'filters', 0, 'cors', 'allowOrigins'],
    },
    {
      rule: 'duration(self.backendRequest) > duration(self.request)',
      channel: 'standard',
      pass: httpRoute({ timeouts: { request: '2s', backendRequest: '1s' } }),
      fail: httpRoute({ timeouts: { request: '1s', backendRequest: '2s' } }),
      at: [...rulesAt, 'timeouts'],
    },
    {
      rule: 'self.all(h, !isIP(h))',
      channel: 'standard',
      pass: tlsRoute(['tls.example.com']),
      fail: tlsRoute(['192.0.2.1']),
      at: ['spec', 'hostnames'],
    },
    {
      rule: "self.all(h, !h.contains('*') ? h.matches(",
      channel: 'standard',
      pass: tlsRoute(['tls.example.com']),
      fail: tlsRoute(['tls_example.com']),
      at: ['spec', 'hostnames'],
    },
    {
      rule: "self.all(h, h.contains('*') ? (h.startsWith('*.')",
      channel: 'standard',
      pass: tlsRoute(['*.example.com']),
      fail: tlsRoute(['a.*.example.com']),
      at: ['spec', 'hostnames'],
    },
    {
      rule: 'self.all(l1, !has(l1.name) || self.exists_one(l2, has(l2.name) && l1.name == l2.name))',
      channel: 'experimental',
      pass: httpRoute(
        {},
        {
          rules: [
            { name: 'a', backendRefs: [svc] },
            { name: 'b', backendRefs: [svc] },
          ],
        },
      ),
      fail: httpRoute(
        {},
        {
          rules: [
            { name: 'a', backendRefs: [svc] },
            { name: 'a', backendRefs: [svc] },
          ],
        },
      ),
      at: ['spec', 'rules'],
    },
    ...sessionAndAuthCases(),
  ]
}

function sessionAndAuthCases(): RuleCase[] {
  const session = (s: Obj) => httpRoute({ sessionPersistence: { sessionName: 's', ...s } })
  const auth = (a: Obj) =>
    httpFilters([{ type: 'ExternalAuth', externalAuth: { backendRef: { name: 'auth', port: 80 }, ...a } }])
  const authAt = ['spec', 'rules', 0, 'filters', 0, 'externalAuth']
  const grpc = { protocol: 'GRPC', grpc: {} }
  const http = { protocol: 'HTTP', http: {} }
  return [
    {
      rule: "self.cookieConfig.lifetimeType != 'Permanent' || has(self.absoluteTimeout)",
      channel: 'experimental',
      pass: session({ type: 'Cookie', cookieConfig: { lifetimeType: 'Permanent' }, absoluteTimeout: '1h' }),
      fail: session({ type: 'Cookie', cookieConfig: { lifetimeType: 'Permanent' } }),
      at: ['spec', 'rules', 0, 'sessionPersistence'],
    },
    {
      rule: "!has(self.cookieConfig) || self.type == 'Cookie'",
      channel: 'experimental',
      pass: session({ type: 'Cookie', cookieConfig: { lifetimeType: 'Session' } }),
      fail: session({ type: 'Header', cookieConfig: { lifetimeType: 'Session' } }),
      at: ['spec', 'rules', 0, 'sessionPersistence'],
    },
    {
      rule: "self.protocol == 'GRPC' ? has(self.grpc) : true",
      channel: 'experimental',
      pass: auth(grpc),
      fail: auth({ protocol: 'GRPC' }),
      at: authAt,
    },
    {
      rule: "has(self.grpc) ? self.protocol == 'GRPC' : true",
      channel: 'experimental',
      pass: auth(grpc),
      fail: auth({ ...http, grpc: {} }),
      at: authAt,
    },
    {
      rule: "self.protocol == 'HTTP' ? has(self.http) : true",
      channel: 'experimental',
      pass: auth(http),
      fail: auth({ protocol: 'HTTP' }),
      at: authAt,
    },
    {
      rule: "has(self.http) ? self.protocol == 'HTTP' : true",
      channel: 'experimental',
      pass: auth(http),
      fail: auth({ ...grpc, http: {} }),
      at: authAt,
    },
  ]
}
