// Policies on a real API server of their own (installing CRDs would disturb the shared one): the
// cluster source finds the experimental channel's XBackendTrafficPolicy at start, picks up Envoy
// Gateway's four policy CRDs (from its Go module) installed while it runs, and any CRD labelled
// gateway.networking.k8s.io/policy; examples/policies goes through the real CRDs' schemas and CEL
// rules, and the analysis of what the source holds gives each policy's ancestors and the effective
// policies, as `gatemap analyze` does for the files.
import { join } from 'node:path'
import { analyze } from '@gatemap/shared'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { KubeHttp } from '../../../server/src/sources/cluster/http.ts'
import { type Cluster, startCluster } from '../../cluster/harness.ts'
import { applyFolder } from '../../cluster/manifests.ts'
import { envoyGatewayPolicyCrds } from '../../cluster/policy-crds.ts'
import { kindState, makeSource, until } from './source-helpers.ts'

const ENVOY = 'gateway.envoyproxy.io'
const EXAMPLE = join(import.meta.dirname, '../../../examples/policies')
const NS = 'policy-demo'

let cluster: Cluster
let source: ReturnType<typeof makeSource>
let admin: KubeHttp

beforeAll(async () => {
  cluster = await startCluster({ channel: 'experimental' })
  admin = new KubeHttp(cluster.admin)
  source = makeSource(cluster.admin)
  await source.source.start()
}, 600_000)

afterAll(async () => {
  await source?.source.stop()
  await cluster?.stop()
})

const analysis = () =>
  analyze(
    [...source.store.all()].map((e) => e.object),
    { assumeAbsentGatewayClasses: false },
  ).policies()

const accepted = (kind: string, name: string) =>
  analysis()
    .statusOf(kind, NS, name)
    ?.ancestors.map(
      (a) =>
        `${a.ancestorRef.kind} ${a.ancestorRef.name}${a.ancestorRef.sectionName ? `/${a.ancestorRef.sectionName}` : ''} ${a.controllerName} ${a.conditions[0]?.status}/${a.conditions[0]?.reason}`,
    )

describe('policy kinds on a real API server', () => {
  test('the experimental channel serves XBackendTrafficPolicy: watched from the start; known kinds never installed say so', () => {
    expect(kindState(source.store, 'XBackendTrafficPolicy', 'gateway.networking.x-k8s.io')).toMatchObject({
      state: 'ok',
      version: 'v1alpha1',
    })
    expect(kindState(source.store, 'BackendTrafficPolicy', ENVOY)).toMatchObject({
      state: 'not-installed',
      version: null,
      count: 0,
    })
    expect(kindState(source.store, 'AuthPolicy', 'kuadrant.io')).toMatchObject({ state: 'not-installed' })
    expect(kindState(source.store, 'AuthorizationPolicy', 'security.istio.io')).toMatchObject({
      state: 'not-installed',
    })
  })

  test("Envoy Gateway's policy CRDs installed while running are watched without a restart", async () => {
    await applyFolder(cluster.admin, envoyGatewayPolicyCrds())
    for (const kind of [
      'BackendTrafficPolicy',
      'ClientTrafficPolicy',
      'SecurityPolicy',
      'EnvoyExtensionPolicy',
    ]) {
      await until(
        source.store,
        () => kindState(source.store, kind, ENVOY)?.state === 'ok',
        `${kind} watched`,
        60_000,
      )
      expect(kindState(source.store, kind, ENVOY)?.version).toBe('v1alpha1')
    }
  }, 120_000)

  test('examples/policies passes the real CRDs; its policies get their ancestors and effective policies', async () => {
    const rejected: string[] = []
    // Applied in file order: shop-timeouts is created no later than shop-timeouts-v2, so it wins by
    // age or, within the same second, by name.
    await applyFolder(cluster.admin, EXAMPLE, {
      onError: (e, m) => rejected.push(`${m.object.kind} ${m.object.metadata?.name}: ${e.message}`),
    })
    expect(rejected).toEqual([])
    await until(
      source.store,
      () => source.store.get('SecurityPolicy', NS, 'legacy-auth') !== undefined,
      'the policies in the store',
      60_000,
    )
    await until(
      source.store,
      () => source.store.get('BackendTrafficPolicy', NS, 'shop-timeouts-v2') !== undefined,
      'the last BackendTrafficPolicy',
      60_000,
    )

    const controller = 'example.com/gateway-controller'
    expect(accepted('ClientTrafficPolicy', 'edge-clients')).toEqual([
      `Gateway edge ${controller} True/Accepted`,
    ])
    expect(accepted('ClientTrafficPolicy', 'admin-clients')).toEqual([
      `Gateway edge/admin ${controller} True/Accepted`,
    ])
    expect(accepted('BackendTrafficPolicy', 'edge-defaults')).toEqual([
      `Gateway edge ${controller} True/Accepted`,
    ])
    expect(accepted('BackendTrafficPolicy', 'shop-timeouts')).toEqual([
      `Gateway edge/web ${controller} True/Accepted`,
    ])
    expect(accepted('BackendTrafficPolicy', 'shop-timeouts-v2')).toEqual([
      `Gateway edge/web ${controller} False/Conflicted`,
    ])
    expect(accepted('SecurityPolicy', 'legacy-auth')).toEqual([
      'HTTPRoute legacy gatemap.dev/analysis False/TargetNotFound',
    ])

    const effective = Object.fromEntries(
      analysis()
        .effectiveList()
        .map((e) => [
          `${e.target.kind} ${e.target.name}${e.target.sectionName ? `/${e.target.sectionName}` : ''}`,
          e.policies.map((p) => p.name),
        ]),
    )
    expect(effective).toEqual({
      'Gateway edge': ['edge-defaults', 'edge-clients'],
      'Gateway edge/web': ['edge-defaults', 'edge-clients'],
      'Gateway edge/admin': ['edge-defaults', 'admin-clients'],
      'HTTPRoute shop': ['shop-timeouts'],
      'HTTPRoute api': ['edge-defaults'],
      'Service shop': ['shop-timeouts'],
      'Service api': ['edge-defaults'],
    })
  }, 120_000)

  test('a controller status that disagrees is compared with the computed one', async () => {
    const path = `/apis/${ENVOY}/v1alpha1/namespaces/${NS}/backendtrafficpolicies/shop-timeouts-v2/status`
    const { body } = await admin.request('GET', path.replace(/\/status$/, ''))
    const current = body as { metadata: { generation: number } }
    await admin.request('PUT', path, {
      body: {
        ...(body as object),
        status: {
          ancestors: [
            {
              ancestorRef: {
                group: 'gateway.networking.k8s.io',
                kind: 'Gateway',
                name: 'edge',
                namespace: NS,
                sectionName: 'web',
              },
              controllerName: 'example.com/gateway-controller',
              conditions: [
                {
                  type: 'Accepted',
                  status: 'True',
                  reason: 'Accepted',
                  message: 'Policy has been accepted.',
                  observedGeneration: current.metadata.generation,
                  lastTransitionTime: new Date().toISOString(),
                },
              ],
            },
          ],
        },
      },
    })
    await until(
      source.store,
      () =>
        (
          source.store.get('BackendTrafficPolicy', NS, 'shop-timeouts-v2')?.object.status as
            | { ancestors?: unknown[] }
            | undefined
        )?.ancestors?.length === 1,
      'the written status in the store',
      60_000,
    )
    const verdict = analysis().policy('BackendTrafficPolicy', NS, 'shop-timeouts-v2')
    expect(verdict?.ancestors[0]?.comparison?.map((c) => `${c.type} ${c.verdict}`)).toEqual([
      'Accepted disagree',
    ])
  }, 120_000)

  test('a CRD labelled gateway.networking.k8s.io/policy is discovered; without the label it is no longer watched', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: {
        name: 'widgetpolicies.example.com',
        labels: { 'gateway.networking.k8s.io/policy': 'Inherited' },
      },
      spec: {
        group: 'example.com',
        names: {
          kind: 'WidgetPolicy',
          plural: 'widgetpolicies',
          singular: 'widgetpolicy',
          listKind: 'WidgetPolicyList',
        },
        scope: 'Namespaced',
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
        ],
      },
    }
    await admin.request('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { body: crd })
    await until(
      source.store,
      () => kindState(source.store, 'WidgetPolicy', 'example.com')?.state === 'ok',
      'WidgetPolicy watched',
      60_000,
    )
    await admin.request('POST', `/apis/example.com/v1/namespaces/${NS}/widgetpolicies`, {
      body: {
        apiVersion: 'example.com/v1',
        kind: 'WidgetPolicy',
        metadata: { name: 'widgets' },
        spec: {
          targetRefs: [
            { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', sectionName: 'nowhere' },
          ],
        },
      },
    })
    await until(
      source.store,
      () => source.store.get('WidgetPolicy', NS, 'widgets') !== undefined,
      'the WidgetPolicy in the store',
      60_000,
    )
    expect(accepted('WidgetPolicy', 'widgets')).toEqual([
      'Gateway edge/nowhere example.com/gateway-controller False/TargetNotFound',
    ])

    await admin.request(
      'PATCH',
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgetpolicies.example.com',
      {
        body: [{ op: 'remove', path: '/metadata/labels/gateway.networking.k8s.io~1policy' }],
        headers: { 'content-type': 'application/json-patch+json' },
      },
    )
    await until(
      source.store,
      () => kindState(source.store, 'WidgetPolicy', 'example.com')?.state === 'not-installed',
      'WidgetPolicy no longer watched',
      60_000,
    )
    expect(source.store.get('WidgetPolicy', NS, 'widgets')).toBeUndefined()
  }, 120_000)
})
