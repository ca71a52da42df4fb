// The Gateway API CRDs are really installed: Established, structural schema and CEL rules enforced,
// and the fixture loader applies folders of manifests with server-side apply.
import path from 'node:path'
import { ApiextensionsV1Api, CustomObjectsApi, type KubernetesObject } from '@kubernetes/client-node'
import { beforeAll, describe, expect, test } from 'vitest'
import { applyFolder, readManifests } from '../../cluster/manifests.ts'
import { sharedCluster } from '../cluster.ts'
import { apiError } from '../util.ts'

const cluster = sharedCluster()
const kc = cluster.admin
const custom = kc.makeApiClient(CustomObjectsApi)
const group = 'gateway.networking.k8s.io'
let ns: string

beforeAll(async () => {
  ns = await cluster.uniqueNamespace('gwapi')
})

const gateway = (name: string, listeners: { name: string; port: number }[]) => ({
  apiVersion: `${group}/v1`,
  kind: 'Gateway',
  metadata: { name, namespace: ns },
  spec: {
    gatewayClassName: 'gatemap-e2e',
    listeners: listeners.map((l) => ({ ...l, protocol: 'HTTP' })),
  },
})

describe('Gateway API CRDs', () => {
  test('the pinned bundle is installed and Established', async () => {
    const crds = await kc.makeApiClient(ApiextensionsV1Api).listCustomResourceDefinition()
    const gatewayCrds = crds.items.filter((crd) => crd.spec.group === group)
    const names = gatewayCrds.map((crd) => crd.spec.names.plural)
    expect(names).toEqual(expect.arrayContaining(['gatewayclasses', 'gateways', 'httproutes', 'grpcroutes']))
    expect(names).toContain('referencegrants')
    for (const crd of gatewayCrds) {
      expect(crd.metadata?.annotations?.['gateway.networking.k8s.io/bundle-version']).toBe('v1.6.1')
      expect(crd.metadata?.annotations?.['gateway.networking.k8s.io/channel']).toBe(
        cluster.state.gatewayApiChannel,
      )
      expect(crd.status?.conditions?.find((c) => c.type === 'Established')?.status).toBe('True')
    }
  })

  test('a valid Gateway is stored and defaulted by the schema', async () => {
    const created = (await custom.createNamespacedCustomObject({
      group,
      version: 'v1',
      namespace: ns,
      plural: 'gateways',
      body: gateway('valid', [{ name: 'http', port: 80 }]),
    })) as KubernetesObject & {
      spec: { listeners: { allowedRoutes?: { namespaces?: { from?: string } } }[] }
    }
    expect(created.metadata?.uid).toBeTruthy()
    // Schema default from the CRD: allowedRoutes.namespaces.from = Same.
    expect(created.spec.listeners[0]?.allowedRoutes?.namespaces?.from).toBe('Same')
  })

  test('the stored CRD keeps its CEL rules and list types', async () => {
    const crd = await kc
      .makeApiClient(ApiextensionsV1Api)
      .readCustomResourceDefinition({ name: `gateways.${group}` })
    const listeners = crd.spec.versions.find((v) => v.name === 'v1')?.schema?.openAPIV3Schema?.properties
      ?.spec?.properties?.listeners
    expect(listeners?.x_kubernetes_list_type).toBe('map')
    expect(listeners?.x_kubernetes_validations?.map((v) => v.message)).toContain(
      'Listener name must be unique within the Gateway',
    )
  })

  test('a CEL rule rejects two listeners with the same name', async () => {
    const message = await apiError(
      custom.createNamespacedCustomObject({
        group,
        version: 'v1',
        namespace: ns,
        plural: 'gateways',
        body: gateway('twins', [
          { name: 'web', port: 80 },
          { name: 'web', port: 8080 },
        ]),
      }),
      422,
    )
    expect(message).toContain('Listener name must be unique within the Gateway')
    // Server-side apply catches the same mistake earlier, while merging (listeners is a map list keyed
    // by name), and answers 500.
    const applyMessage = await apiError(
      applyFolder(kc, path.join(import.meta.dirname, '../fixtures/duplicate-listeners.yaml'), {
        namespace: ns,
      }).catch((err: Error) => Promise.reject(err.cause)),
      500,
    )
    expect(applyMessage).toContain('.spec.listeners: duplicate entries for key [name="web"]')
    await apiError(
      custom.getNamespacedCustomObject({
        group,
        version: 'v1',
        namespace: ns,
        plural: 'gateways',
        name: 'twins',
      }),
      404,
    )
  })

  test('the OpenAPI schema rejects an unknown enum value', async () => {
    const message = await apiError(
      custom.createNamespacedCustomObject({
        group,
        version: 'v1',
        namespace: ns,
        plural: 'httproutes',
        body: {
          apiVersion: `${group}/v1`,
          kind: 'HTTPRoute',
          metadata: { name: 'bad-path', namespace: ns },
          spec: { rules: [{ matches: [{ path: { type: 'Fuzzy', value: '/' } }] }] },
        },
      }),
      422,
    )
    expect(message).toContain('Unsupported value: "Fuzzy"')
  })
})

describe('fixture loader', () => {
  const fixtures = path.join(import.meta.dirname, '../fixtures/shop')

  test('reads nested folders and multi-document files, skipping empty documents', async () => {
    const manifests = await readManifests(fixtures)
    expect(manifests.map((m) => `${m.object.kind}/${m.object.metadata?.name}`)).toEqual([
      'Namespace/shop-infra',
      'Namespace/shop-apps',
      'Gateway/shop',
      'ConfigMap/loose',
      'HTTPRoute/storefront',
      'Service/storefront',
    ])
  })

  test('applies a folder into fresh namespaces with server-side apply', async () => {
    const infra = `${ns}-infra`
    const apps = `${ns}-apps`
    const options = {
      namespaceMap: { 'shop-infra': infra, 'shop-apps': apps },
      namespace: ns,
      fieldManager: 'gatemap-fixtures',
    }
    // Dry run first (into the test's namespace, which exists: admission rejects objects in namespaces
    // that do not): everything validates, nothing is stored.
    const dry = await applyFolder(kc, fixtures, {
      ...options,
      namespaceMap: { 'shop-infra': ns, 'shop-apps': ns },
      dryRun: true,
    })
    expect(dry.map((o) => o.kind)).toEqual([
      'Namespace',
      'Namespace',
      'Gateway',
      'ConfigMap',
      'HTTPRoute',
      'Service',
    ])
    await apiError(
      custom.getNamespacedCustomObject({
        group,
        version: 'v1',
        namespace: ns,
        plural: 'gateways',
        name: 'shop',
      }),
      404,
    )

    const applied = await applyFolder(kc, fixtures, options)
    expect(applied.map((o) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name}`)).toEqual([
      `/${infra}`,
      `/${apps}`,
      `${infra}/shop`,
      `${ns}/loose`,
      `${apps}/storefront`,
      `${apps}/storefront`,
    ])
    const route = (await custom.getNamespacedCustomObject({
      group,
      version: 'v1',
      namespace: apps,
      plural: 'httproutes',
      name: 'storefront',
    })) as KubernetesObject & { spec: { parentRefs: { namespace: string }[] } }
    expect(route.spec.parentRefs[0]?.namespace).toBe(infra)
    expect(route.metadata?.managedFields?.map((f) => `${f.manager}:${f.operation}`)).toContain(
      'gatemap-fixtures:Apply',
    )

    // Applying again converges: the third apply changes nothing. (The second one may still write once
    // for objects the server completed at creation: the Namespace label kubernetes.io/metadata.name,
    // the Gateway's schema-defaulted status. Plain objects do not change at all.)
    const again = await applyFolder(kc, fixtures, options)
    const third = await applyFolder(kc, fixtures, options)
    const versions = (objects: KubernetesObject[]) => objects.map((o) => o.metadata?.resourceVersion)
    expect(versions(third)).toEqual(versions(again))
    const plain = (objects: KubernetesObject[]) =>
      objects
        .filter((o) => o.kind === 'ConfigMap' || o.kind === 'Service')
        .map((o) => o.metadata?.resourceVersion)
    expect(plain(again)).toEqual(plain(applied))
  })

  test('reports the file and object when the server rejects one', async () => {
    const broken = path.join(import.meta.dirname, '../fixtures/broken.yaml')
    await expect(applyFolder(kc, broken, { namespace: ns })).rejects.toThrow(
      /broken\.yaml: applying Gateway .*\/tcp-with-hostname failed: HTTP 422: .*hostname must not be specified for protocols \['TCP', 'UDP'\]/,
    )
  })
})
