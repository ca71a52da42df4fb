// CEL rule samples for Gateways, ListenerSets, policies, classes and the experimental x-k8s.io kinds.
import {
  backendTLSPolicy,
  caRefs,
  gateway,
  httpListener,
  listenerSet,
  type Obj,
  object,
  type RuleCase,
  xBackend,
  xBackendTrafficPolicy,
} from './samples.ts'

const cert = { certificateRefs: [{ name: 'cert' }] }
const https = { name: 'https', port: 443, protocol: 'HTTPS', hostname: 'a.example.com', tls: cert }

function listenerCases(): RuleCase[] {
  const gw = (listeners: Obj[]) => gateway({ listeners })
  const at = ['spec', 'listeners']
  return [
    {
      rule: "self.all(l, l.protocol in ['HTTP', 'TCP', 'UDP'] ? !has(l.tls) : true)",
      pass: gw([httpListener]),
      fail: gw([{ ...httpListener, tls: cert }]),
    },
    {
      rule: "(l.tls.mode == '' || l.tls.mode == 'Terminate')",
      pass: gw([https]),
      fail: gw([{ ...https, tls: { mode: 'Passthrough' } }]),
    },
    {
      rule: "self.all(l, (l.protocol == 'TLS' ? has(l.tls) && has(l.tls.mode) && l.tls.mode != '' : true))",
      pass: gw([{ name: 'tls', port: 443, protocol: 'TLS', tls: { mode: 'Passthrough' } }]),
      fail: gw([{ name: 'tls', port: 443, protocol: 'TLS' }]),
    },
    {
      rule: "self.all(l, l.protocol in ['TCP', 'UDP']  ? (!has(l.hostname) || l.hostname == '') : true)",
      pass: gw([{ name: 'tcp', port: 9000, protocol: 'TCP' }]),
      fail: gw([{ name: 'tcp', port: 9000, protocol: 'TCP', hostname: 'a.example.com' }]),
    },
    {
      rule: 'self.all(l1, self.exists_one(l2, l1.name == l2.name))',
      pass: gw([httpListener, { ...httpListener, name: 'other', port: 8080 }]),
      fail: gw([httpListener, { ...httpListener, port: 8080 }]),
    },
    {
      rule: 'self.all(l1, self.exists_one(l2, l1.port == l2.port',
      pass: gw([httpListener, { ...httpListener, name: 'other', hostname: 'b.example.com' }]),
      fail: gw([httpListener, { ...httpListener, name: 'other' }]),
    },
    {
      rule: "self.mode == 'Terminate' ? size(self.certificateRefs) > 0 || size(self.options) > 0 : true",
      pass: gw([https]),
      fail: gw([{ ...https, tls: { certificateRefs: [], options: {} } }]),
      at: [...at, 0, 'tls'],
    },
    {
      rule: 'self.all(l1, !has(l1.port) || self.exists_one(l2, has(l2.port)',
      pass: listenerSet([httpListener, { ...httpListener, name: 'other', hostname: 'b.example.com' }]),
      fail: listenerSet([httpListener, { ...httpListener, name: 'other' }]),
    },
  ].map((c) => ({ at, channel: 'standard', ...c }) as RuleCase)
}

function addressCases(): RuleCase[] {
  const gw = (addresses: Obj[]) => gateway({ addresses })
  const at = ['spec', 'addresses']
  return [
    {
      rule: "a1.type == 'IPAddress' && has(a1.value)",
      pass: gw([{ value: '192.0.2.1' }, { value: '192.0.2.2' }]),
      fail: gw([{ value: '192.0.2.1' }, { value: '192.0.2.1' }]),
    },
    {
      rule: "a1.type == 'Hostname'  && has(a1.value)",
      pass: gw([
        { type: 'Hostname', value: 'a.example.com' },
        { type: 'Hostname', value: 'b.example.com' },
      ]),
      fail: gw([
        { type: 'Hostname', value: 'a.example.com' },
        { type: 'Hostname', value: 'a.example.com' },
      ]),
    },
    {
      rule: "self.type == 'Hostname' ? (!has(self.value) || self.value.matches(",
      pass: gw([{ type: 'Hostname', value: 'a.example.com' }]),
      fail: gw([{ type: 'Hostname', value: 'A_b' }]),
      at: [...at, 0],
    },
  ].map((c) => ({ at, channel: 'standard', ...c }) as RuleCase)
}

function infrastructureCases(): RuleCase[] {
  const gw = (labels: Record<string, string>) => gateway({ infrastructure: { labels } })
  return [
    { rule: 'self.all(key, key.matches(', pass: gw({ 'example.com/a': 'b' }), fail: gw({ 'a b': 'c' }) },
    {
      rule: 'self.all(key, key.split("/")[0].size() < 253)',
      pass: gw({ 'example.com/a': 'b' }),
      fail: gw({ [`${'a'.repeat(253)}/b`]: 'c' }),
    },
  ].map((c) => ({ at: ['spec', 'infrastructure', 'labels'], channel: 'standard', ...c }) as RuleCase)
}

function policyCases(): RuleCase[] {
  const target = { group: '', kind: 'Service', name: 'svc' }
  const san = (s: Obj) => backendTLSPolicy({}, { subjectAltNames: [s] })
  const sanAt = ['spec', 'validation', 'subjectAltNames', 0]
  const hostnameSan = san({ type: 'Hostname', hostname: 'svc.example.com' })
  const uriSan = san({ type: 'URI', uri: 'spiffe://example.com/svc' })
  return [
    {
      rule: 'self.all(p1, self.all(p2, p1.group == p2.group && p1.kind == p2.kind && p1.name == p2.name ? ((!has(p1.sectionName)',
      pass: backendTLSPolicy({
        targetRefs: [
          { ...target, sectionName: 'a' },
          { ...target, sectionName: 'b' },
        ],
      }),
      fail: backendTLSPolicy({ targetRefs: [target, { ...target, sectionName: 'a' }] }),
      at: ['spec', 'targetRefs'],
    },
    {
      rule: 'self.all(p1, self.exists_one(p2, p1.group == p2.group && p1.kind == p2.kind && p1.name == p2.name && (((!has(p1.sectionName)',
      pass: backendTLSPolicy({
        targetRefs: [
          { ...target, sectionName: 'a' },
          { ...target, sectionName: 'b' },
        ],
      }),
      fail: backendTLSPolicy({
        targetRefs: [
          { ...target, sectionName: 'a' },
          { ...target, sectionName: 'a' },
        ],
      }),
      at: ['spec', 'targetRefs'],
    },
    {
      rule: '!(has(self.caCertificateRefs) && size(self.caCertificateRefs) > 0 && has(self.wellKnownCACertificates)',
      pass: backendTLSPolicy(),
      fail: backendTLSPolicy({}, { wellKnownCACertificates: 'System' }),
      at: ['spec', 'validation'],
    },
    {
      rule: '(has(self.caCertificateRefs) && size(self.caCertificateRefs) > 0 || has(self.wellKnownCACertificates)',
      pass: backendTLSPolicy({}, { caCertificateRefs: undefined, wellKnownCACertificates: 'System' }),
      fail: backendTLSPolicy({}, { caCertificateRefs: [] }),
      at: ['spec', 'validation'],
    },
    {
      rule: '!(self.type == "Hostname" && (!has(self.hostname)',
      pass: hostnameSan,
      fail: san({ type: 'Hostname' }),
      at: sanAt,
    },
    {
      rule: '!(self.type != "Hostname" && has(self.hostname)',
      pass: uriSan,
      fail: san({ type: 'URI', uri: 'spiffe://example.com/svc', hostname: 'svc.example.com' }),
      at: sanAt,
    },
    { rule: '!(self.type == "URI" && (!has(self.uri)', pass: uriSan, fail: san({ type: 'URI' }), at: sanAt },
    {
      rule: '!(self.type != "URI" && has(self.uri)',
      pass: hostnameSan,
      fail: san({ type: 'Hostname', hostname: 'svc.example.com', uri: 'spiffe://example.com/svc' }),
      at: sanAt,
    },
  ].map((c) => ({ channel: 'standard', ...c }) as RuleCase)
}

function frontendTlsCase(): RuleCase {
  const perPort = (ports: number[]) =>
    gateway({
      tls: {
        frontend: {
          default: { validation: { caCertificateRefs: caRefs } },
          perPort: ports.map((port) => ({ port, tls: { validation: { caCertificateRefs: caRefs } } })),
        },
      },
    })
  return {
    rule: 'self.all(t1, self.exists_one(t2, t1.port == t2.port))',
    channel: 'standard',
    pass: perPort([443, 8443]),
    fail: perPort([443, 443]),
    at: ['spec', 'tls', 'frontend', 'perPort'],
  }
}

function experimentalKindCases(): RuleCase[] {
  const interval = (budget: string, minRate: string) =>
    xBackendTrafficPolicy({
      retryConstraint: { budget: { interval: budget }, minRetryRate: { count: 1, interval: minRate } },
    })
  return [
    {
      rule: "self.type == 'ExternalHostname' ? has(self.externalHostname) : !has(self.externalHostname)",
      pass: xBackend({}),
      fail: xBackend({ externalHostname: undefined }),
      at: ['spec'],
    },
    {
      rule: "!self.endsWith('.cluster.local')",
      pass: xBackend({}),
      fail: xBackend({ externalHostname: { hostname: 'svc.ns.svc.cluster.local' } }),
      at: ['spec', 'externalHostname', 'hostname'],
    },
    {
      // In cel-go an optional never equals null, so any non-empty name fails; see the report.
      rule: 'size(self) == 0 || format.dns1123Label().validate(self) == null',
      pass: xBackend({ port: { port: 443, name: '' } }),
      fail: xBackend({ port: { port: 443, name: 'https' } }),
      at: ['spec', 'port', 'name'],
    },
    {
      rule: "self.mode == 'ClientAndServer' ? has(self.clientCertificateRef) : !has(self.clientCertificateRef)",
      pass: xBackend({ tls: { mode: 'ClientAndServer', clientCertificateRef: { name: 'client' } } }),
      fail: xBackend({ tls: { mode: 'ClientAndServer' } }),
      at: ['spec', 'tls'],
    },
    {
      rule: "!(duration(self) < duration('1s') || duration(self) > duration('1h'))",
      pass: interval('10s', '1s'),
      fail: interval('2h', '1s'),
      at: ['spec', 'retryConstraint', 'budget', 'interval'],
    },
    {
      rule: "!(duration(self) == duration('0s') || duration(self) > duration('1h'))",
      pass: interval('10s', '1s'),
      fail: interval('10s', '0s'),
      at: ['spec', 'retryConstraint', 'minRetryRate', 'interval'],
    },
  ].map((c) => ({ channel: 'experimental', ...c }) as RuleCase)
}

function transitionAndStatusCases(): RuleCase[] {
  const gatewayClass = (controllerName: string) =>
    object('gateway.networking.k8s.io/v1', 'GatewayClass', { controllerName })
  const withStatus = (value: string): Obj => ({
    ...gateway(),
    status: { addresses: [{ type: 'Hostname', value }] },
  })
  return [
    {
      rule: 'self == oldSelf',
      channel: 'standard',
      old: gatewayClass('example.com/a'),
      pass: gatewayClass('example.com/a'),
      fail: gatewayClass('example.com/b'),
      at: ['spec', 'controllerName'],
    },
    {
      rule: "self.type == 'Hostname' ? self.value.matches(",
      channel: 'standard',
      status: true,
      pass: withStatus('a.example.com'),
      fail: withStatus('A_b'),
      at: ['status', 'addresses', 0],
    },
  ]
}

export function otherCases(): RuleCase[] {
  return [
    ...listenerCases(),
    ...addressCases(),
    ...infrastructureCases(),
    ...policyCases(),
    frontendTlsCase(),
    ...experimentalKindCases(),
    ...transitionAndStatusCases(),
  ]
}
