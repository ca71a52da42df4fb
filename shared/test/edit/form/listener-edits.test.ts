// One edit through the listeners form changes exactly its path; the rest of the Gateway, and
// unknown keys inside listeners, stay as they were and where they were.
import { describe, expect, it } from 'vitest'
import { type ListenersForm, newListener, readListenersForm, writeListenersForm } from '../../../src/index.ts'
import { applyChanges, type Change, REMOVE } from './expect-edit.ts'

const gateway = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'edge', namespace: 'infra' },
  spec: {
    gatewayClassName: 'example',
    listeners: [
      {
        name: 'http',
        protocol: 'HTTP',
        port: 80,
        xListener: { vendor: true },
        allowedRoutes: { namespaces: { from: 'Same' }, xAllowed: 1 },
      },
      {
        name: 'https',
        hostname: '*.example.com',
        protocol: 'HTTPS',
        port: 443,
        tls: {
          mode: 'Terminate',
          certificateRefs: [{ kind: 'Secret', name: 'cert', xCert: 1 }],
          options: { a: 'b' },
        },
        allowedRoutes: {
          kinds: [{ kind: 'HTTPRoute' }],
          namespaces: {
            from: 'Selector',
            selector: { matchExpressions: [{ key: 'k', operator: 'Exists' }] },
          },
        },
      },
    ],
    addresses: [{ value: '10.0.0.1' }],
  },
  status: { conditions: [] },
}

const L = ['spec', 'listeners']
type Case = [name: string, edit: (form: ListenersForm) => void, changes: Change[]]

const cases: Case[] = [
  [
    'a port',
    (f) => {
      f.listeners![0]!.port = 8080
    },
    [[[...L, 0, 'port'], 8080]],
  ],
  [
    'an out-of-range port is still written (validation is elsewhere)',
    (f) => {
      f.listeners![0]!.port = 70000
    },
    [[[...L, 0, 'port'], 70000]],
  ],
  [
    'a port cleared',
    (f) => {
      f.listeners![1]!.port = undefined
    },
    [[[...L, 1, 'port'], REMOVE]],
  ],
  [
    'namespaces from Same to Selector with labels',
    (f) => {
      f.listeners![0]!.allowedRoutes!.namespaces = {
        from: 'Selector',
        selector: { matchLabels: { team: 'a' } },
      }
    },
    [
      [[...L, 0, 'allowedRoutes', 'namespaces', 'from'], 'Selector'],
      [[...L, 0, 'allowedRoutes', 'namespaces', 'selector'], { matchLabels: { team: 'a' } }],
    ],
  ],
  [
    'matchLabels added beside kept matchExpressions',
    (f) => {
      f.listeners![1]!.allowedRoutes!.namespaces!.selector!.matchLabels = { env: 'prod' }
    },
    [[[...L, 1, 'allowedRoutes', 'namespaces', 'selector', 'matchLabels'], { env: 'prod' }]],
  ],
  [
    'a route kind added',
    (f) => {
      f.listeners![1]!.allowedRoutes!.kinds!.push({ kind: 'GRPCRoute' })
    },
    [[[...L, 1, 'allowedRoutes', 'kinds', 1], { kind: 'GRPCRoute' }]],
  ],
  [
    'TLS mode and a second certificate',
    (f) => {
      const tls = f.listeners![1]!.tls!
      tls.mode = 'Passthrough'
      tls.certificateRefs!.push({ name: 'cert-2', namespace: 'certs' })
    },
    [
      [[...L, 1, 'tls', 'mode'], 'Passthrough'],
      [[...L, 1, 'tls', 'certificateRefs', 1], { name: 'cert-2', namespace: 'certs' }],
    ],
  ],
  [
    'a hostname added to a listener without one goes after its existing keys',
    (f) => {
      f.listeners![0]!.hostname = 'a.example.com'
    },
    [[[...L, 0, 'hostname'], 'a.example.com']],
  ],
  [
    'the first listener removed: the second keeps everything',
    (f) => {
      f.listeners!.shift()
    },
    [[[...L, 0], REMOVE]],
  ],
  [
    'a listener added',
    (f) => {
      f.listeners!.push(newListener(f.listeners))
    },
    [[[...L, 2], { name: 'listener-3', protocol: 'HTTP', port: 80 }]],
  ],
  [
    'a protocol Gatemap does not list',
    (f) => {
      f.listeners![0]!.protocol = 'example.com/QUIC'
    },
    [[[...L, 0, 'protocol'], 'example.com/QUIC']],
  ],
]

describe('writeListenersForm after one edit', () => {
  it.each(cases)('%s', (_name, edit, changes) => {
    const before = JSON.stringify(gateway)
    const form = structuredClone(readListenersForm(gateway))
    edit(form)
    expect(JSON.stringify(writeListenersForm(gateway, form))).toBe(
      JSON.stringify(applyChanges(gateway, changes)),
    )
    expect(JSON.stringify(gateway)).toBe(before)
  })

  it('reads a ListenerSet the same way', () => {
    const set = {
      kind: 'ListenerSet',
      spec: { parentRef: { name: 'edge' }, listeners: [{ name: 'a', port: 1 }] },
    }
    expect(readListenersForm(set).listeners).toEqual([{ name: 'a', port: 1, origin: 0 }])
    expect(writeListenersForm(set, readListenersForm(set))).toBe(set)
  })

  it('new listener names do not collide', () => {
    expect(newListener([{ name: 'listener-2' }, { name: 'listener-3' }]).name).toBe('listener-4')
    expect(newListener().name).toBe('listener-1')
  })
})
