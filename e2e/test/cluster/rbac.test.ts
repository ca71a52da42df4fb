// Real authentication and RBAC: a static-token user who may only read HTTPRoutes in one namespace,
// and service-account tokens from the TokenRequest API.
import { AuthenticationV1Api, CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node'
import { beforeAll, describe, expect, test } from 'vitest'
import { sharedCluster } from '../cluster.ts'
import { apiError } from '../util.ts'

const cluster = sharedCluster()
const group = 'gateway.networking.k8s.io'
const admin = cluster.admin.makeApiClient(CustomObjectsApi)
const restricted = cluster.restricted.makeApiClient(CustomObjectsApi)
const readable = cluster.restrictedNamespace
const route = (name: string, namespace: string) => ({
  apiVersion: `${group}/v1`,
  kind: 'HTTPRoute',
  metadata: { name, namespace },
  spec: { hostnames: ['rbac.example.com'] },
})
let routeName: string
let other: string

beforeAll(async () => {
  other = await cluster.uniqueNamespace('rbac')
  routeName = `route-${other}`
  await admin.createNamespacedCustomObject({
    group,
    version: 'v1',
    namespace: readable,
    plural: 'httproutes',
    body: route(routeName, readable),
  })
  await admin.createNamespacedCustomObject({
    group,
    version: 'v1',
    namespace: other,
    plural: 'httproutes',
    body: route('hidden', other),
  })
})

describe('the restricted user', () => {
  test('is who the kubeconfig says', async () => {
    const review = await cluster.restricted
      .makeApiClient(AuthenticationV1Api)
      .createSelfSubjectReview({ body: {} })
    expect(review.status?.userInfo?.username).toBe(cluster.state.restrictedUser)
    expect(review.status?.userInfo?.groups).toEqual(['system:authenticated'])
  })

  test('may get and list HTTPRoutes in its namespace', async () => {
    const list = (await restricted.listNamespacedCustomObject({
      group,
      version: 'v1',
      namespace: readable,
      plural: 'httproutes',
    })) as { items: { metadata: { name: string } }[] }
    expect(list.items.map((r) => r.metadata.name)).toContain(routeName)
    const got = (await restricted.getNamespacedCustomObject({
      group,
      version: 'v1',
      namespace: readable,
      plural: 'httproutes',
      name: routeName,
    })) as { metadata: { name: string } }
    expect(got.metadata.name).toBe(routeName)
  })

  test('gets 403 when writing, even in its namespace', async () => {
    const message = await apiError(
      restricted.createNamespacedCustomObject({
        group,
        version: 'v1',
        namespace: readable,
        plural: 'httproutes',
        body: route(`${routeName}-new`, readable),
      }),
      403,
    )
    expect(message).toContain(`User "${cluster.state.restrictedUser}" cannot create resource "httproutes"`)
    await apiError(
      restricted.deleteNamespacedCustomObject({
        group,
        version: 'v1',
        namespace: readable,
        plural: 'httproutes',
        name: routeName,
      }),
      403,
    )
  })

  test('gets 403 reading in another namespace, another resource, or cluster-wide', async () => {
    const message = await apiError(
      restricted.listNamespacedCustomObject({ group, version: 'v1', namespace: other, plural: 'httproutes' }),
      403,
    )
    expect(message).toContain(`in the namespace "${other}"`)
    await apiError(
      restricted.getNamespacedCustomObject({
        group,
        version: 'v1',
        namespace: other,
        plural: 'httproutes',
        name: 'hidden',
      }),
      403,
    )
    await apiError(
      restricted.listNamespacedCustomObject({
        group,
        version: 'v1',
        namespace: readable,
        plural: 'gateways',
      }),
      403,
    )
    await apiError(
      cluster.restricted.makeApiClient(CoreV1Api).listNamespacedConfigMap({ namespace: readable }),
      403,
    )
    await apiError(restricted.listClusterCustomObject({ group, version: 'v1', plural: 'httproutes' }), 403)
  })
})

describe('service accounts', () => {
  test('get tokens from TokenRequest that authenticate (and are subject to RBAC)', async () => {
    const token = await cluster.serviceAccountToken(other, 'viewer')
    const kc = cluster.kubeConfigForToken(token)
    const review = await kc.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({ body: {} })
    expect(review.status?.userInfo?.username).toBe(`system:serviceaccount:${other}:viewer`)
    await apiError(kc.makeApiClient(CoreV1Api).listNamespace(), 403)
  })
})
