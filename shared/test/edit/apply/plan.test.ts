// The applied configuration of an edit: only the fields Gatemap already owned plus what the edit
// changed; removed fields that another manager also set are marked for the follow-up patch; server
// metadata and kubectl's last-applied record are never sent.
import { describe, expect, it } from 'vitest'
import { crdVersionSchema, type KubeObject, planApply } from '../../../src/index.ts'
import { crdFor } from '../../validation/crds.ts'

const schemaOf = (apiVersion: string, kind: string) => {
  const found = crdFor(apiVersion, kind)
  const version = found && crdVersionSchema(found.crd, apiVersion)
  if (!version?.ok) throw new Error(`no CRD for ${kind}`)
  return version.value.schema
}
const ROUTE = 'gateway.networking.k8s.io/v1'

type Entry = { manager: string; operation: string; fieldsV1: unknown; subresource?: string }

function route(spec: unknown, meta: Record<string, unknown> = {}, managedFields: Entry[] = []): KubeObject {
  return {
    apiVersion: ROUTE,
    kind: 'HTTPRoute',
    metadata: {
      name: 'web',
      namespace: 'apps',
      uid: 'u-1',
      resourceVersion: '42',
      generation: 3,
      creationTimestamp: '2026-01-01T00:00:00Z',
      managedFields,
      ...meta,
    } as KubeObject['metadata'],
    spec,
    status: { parents: [] },
  }
}

const spec = (weight: number, hostnames = ['a.example']) => ({
  parentRefs: [{ name: 'gw' }],
  hostnames,
  rules: [{ backendRefs: [{ name: 'web', port: 80, weight }] }],
})

const gitops: Entry = {
  manager: 'gitops',
  operation: 'Apply',
  fieldsV1: {
    'f:metadata': { 'f:labels': { 'f:team': {} } },
    'f:spec': { 'f:hostnames': {}, 'f:parentRefs': {}, 'f:rules': {} },
  },
}

const identity = { apiVersion: ROUTE, kind: 'HTTPRoute', metadata: { name: 'web', namespace: 'apps' } }
const schema = schemaOf(ROUTE, 'HTTPRoute')

describe('planApply', () => {
  const rows: {
    name: string
    current: KubeObject | undefined
    edited: KubeObject
    configuration: unknown
    changed: string[]
    kept?: string[]
    removed?: { path: string; owners: string[]; byPatch: boolean }[]
  }[] = [
    {
      name: 'a new object is sent whole, without server metadata',
      current: undefined,
      edited: route(spec(1), { labels: { team: 'a' } }),
      configuration: {
        ...identity,
        metadata: { ...identity.metadata, labels: { team: 'a' } },
        spec: spec(1),
      },
      changed: ['metadata.labels.team', 'spec.hostnames', 'spec.parentRefs', 'spec.rules'],
    },
    {
      name: "a weight in gitops' route: only the rules (an atomic list), nothing of gitops' else",
      current: route(spec(1), { labels: { team: 'a' } }, [gitops]),
      edited: route(spec(5), { labels: { team: 'a' } }, [gitops]),
      configuration: { ...identity, spec: { rules: spec(5).rules } },
      changed: ['spec.rules'],
      kept: [],
      removed: [],
    },
    {
      name: 'what Gatemap applied before is sent again, so it stays Gatemap’s',
      current: route(spec(1), { labels: { team: 'a', env: 'prod' } }, [
        gitops,
        {
          manager: 'gatemap',
          operation: 'Apply',
          fieldsV1: { 'f:metadata': { 'f:labels': { 'f:env': {} } } },
        },
      ]),
      edited: route(spec(1, ['b.example']), { labels: { team: 'a', env: 'prod' } }),
      configuration: {
        ...identity,
        metadata: { ...identity.metadata, labels: { env: 'prod' } },
        spec: { hostnames: ['b.example'] },
      },
      changed: ['spec.hostnames'],
      kept: ['metadata.labels.env'],
      removed: [],
    },
    {
      name: 'a label gitops set, removed: not sent, and removed by the follow-up patch',
      current: route(spec(1), { labels: { team: 'a' } }, [gitops]),
      edited: route(spec(1), {}),
      configuration: identity,
      changed: [],
      kept: [],
      removed: [{ path: 'metadata.labels', owners: ['gitops'], byPatch: true }],
    },
    {
      name: 'a label only Gatemap applied, removed: leaving it out of the apply removes it',
      current: route(spec(1), { labels: { team: 'a', env: 'prod' } }, [
        gitops,
        {
          manager: 'gatemap',
          operation: 'Apply',
          fieldsV1: { 'f:metadata': { 'f:labels': { 'f:env': {} } } },
        },
      ]),
      edited: route(spec(1), { labels: { team: 'a' } }),
      configuration: identity,
      changed: [],
      kept: [],
      removed: [{ path: 'metadata.labels.env', owners: [], byPatch: false }],
    },
    {
      name: 'a field set by an update (kubectl edit) and by Gatemap: the patch removes it',
      current: route(spec(1), { labels: { env: 'prod' } }, [
        {
          manager: 'kubectl-edit',
          operation: 'Update',
          fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:env': {} } } },
        },
        {
          manager: 'gatemap',
          operation: 'Apply',
          fieldsV1: { 'f:metadata': { 'f:labels': { 'f:env': {} } } },
        },
      ]),
      edited: route(spec(1), { labels: {} }),
      configuration: identity,
      changed: [],
      kept: [],
      removed: [{ path: 'metadata.labels.env', owners: ['kubectl-edit'], byPatch: true }],
    },
    {
      name: 'a field nobody owns (no managedFields): only the patch can remove it',
      current: route(spec(1), { labels: { env: 'prod' } }),
      edited: route(spec(1), {}),
      configuration: identity,
      changed: [],
      kept: [],
      removed: [{ path: 'metadata.labels', owners: [], byPatch: true }],
    },
    {
      name: "server metadata, status and kubectl's last-applied record are never sent, even when Gatemap owned them",
      current: route(spec(1), { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } }, [
        {
          manager: 'gatemap',
          operation: 'Apply',
          fieldsV1: {
            'f:metadata': { 'f:annotations': { 'f:kubectl.kubernetes.io/last-applied-configuration': {} } },
            'f:status': {},
          },
        },
      ]),
      edited: route(spec(2), {
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"changed":1}' },
        resourceVersion: '41',
        uid: 'other',
      }),
      configuration: { ...identity, spec: { rules: spec(2).rules } },
      changed: ['spec.rules'],
      kept: [],
      removed: [],
    },
    {
      name: 'status entries of a controller do not count as owners of spec',
      current: route(spec(1), { labels: { env: 'x' } }, [
        {
          manager: 'controller',
          operation: 'Update',
          subresource: 'status',
          fieldsV1: { 'f:metadata': { 'f:labels': { 'f:env': {} } } },
        },
        {
          manager: 'gatemap',
          operation: 'Apply',
          fieldsV1: { 'f:metadata': { 'f:labels': { 'f:env': {} } } },
        },
      ]),
      edited: route(spec(1), {}),
      configuration: identity,
      changed: [],
      kept: [],
      removed: [{ path: 'metadata.labels', owners: [], byPatch: false }],
    },
  ]
  for (const row of rows) {
    it(row.name, () => {
      const plan = planApply({ current: row.current, edited: row.edited, schema, manager: 'gatemap' })
      expect(plan.configuration).toEqual(row.configuration)
      expect([...plan.changed].sort()).toEqual(row.changed)
      if (row.kept) expect(plan.kept).toEqual(row.kept)
      if (row.removed) expect(plan.removed.map(({ at: _at, ...r }) => r)).toEqual(row.removed)
    })
  }

  it('a Gateway listener: only the changed port, with the key that names the listener', () => {
    const GW = 'gateway.networking.k8s.io/v1'
    const listeners = [
      { name: 'http', port: 80, protocol: 'HTTP' },
      { name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'cert' }] } },
    ]
    const gateway = (ls: unknown[], managedFields: Entry[] = []): KubeObject => ({
      apiVersion: GW,
      kind: 'Gateway',
      metadata: { name: 'gw', namespace: 'infra', managedFields } as KubeObject['metadata'],
      spec: { gatewayClassName: 'c', listeners: ls },
    })
    const owner: Entry = {
      manager: 'platform',
      operation: 'Apply',
      fieldsV1: {
        'f:spec': {
          'f:gatewayClassName': {},
          'f:listeners': {
            'k:{"name":"http"}': { '.': {}, 'f:name': {}, 'f:port': {}, 'f:protocol': {} },
            'k:{"name":"https"}': {
              '.': {},
              'f:name': {},
              'f:port': {},
              'f:protocol': {},
              'f:tls': { 'f:certificateRefs': {} },
            },
          },
        },
      },
    }
    const edited = [{ ...listeners[0], port: 8080 }]
    const plan = planApply({
      current: gateway(listeners, [owner]),
      edited: gateway(edited),
      schema: schemaOf(GW, 'Gateway'),
      manager: 'gatemap',
    })
    expect(plan.configuration.spec).toEqual({ listeners: [{ name: 'http', port: 8080 }] })
    expect(plan.changed).toEqual(['spec.listeners[name=http].port'])
    expect(plan.removed.map((r) => [r.path, r.owners, r.byPatch])).toEqual([
      ['spec.listeners[name=https]', ['platform'], true],
    ])
  })

  it('names the managedFields entry that cannot be read', () => {
    const broken = route(spec(1), {}, [{ manager: 'x', operation: 'Apply', fieldsV1: { nope: {} } }])
    expect(() => planApply({ current: broken, edited: route(spec(2)), schema, manager: 'gatemap' })).toThrow(
      /^metadata\.managedFields\[0\]\.fieldsV1: key "nope"/,
    )
  })

  it('never changes its inputs', () => {
    const current = route(spec(1), { labels: { team: 'a' } }, [gitops])
    const edited = route(spec(5), {})
    const before = structuredClone({ current, edited })
    const plan = planApply({ current, edited, schema, manager: 'gatemap' })
    ;(plan.configuration.spec as { rules: unknown[] }).rules.push('x')
    expect({ current, edited }).toEqual(before)
  })
})
