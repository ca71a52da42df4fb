// The policy filters and search: "has policies" keeps the policies and what they target with its
// paths, "policy kind" only the chosen kinds' (other kinds on the same objects are left out), and
// search matches a policy's kind as well as its name.

import { describe, expect, it } from 'vitest'
import { analyze, buildTopology, findings, type KubeObject } from '../../../src/index.ts'
import { buildView } from '../../../src/view/model/build-view.ts'
import { EMPTY_VIEW_STATE, type ViewState } from '../../../src/view/model/view-types.ts'
import { backend, gateway, gatewayClass, http, route, service } from '../../analysis/fixtures.ts'
import { objectIds } from './world.ts'

const NS = 'apps'
const GWG = 'gateway.networking.k8s.io'
const policy = (
  apiVersion: string,
  kind: string,
  name: string,
  target: Record<string, string>,
): KubeObject => ({
  apiVersion,
  kind,
  metadata: { namespace: NS, name },
  spec: { targetRefs: [target] },
})

const objects: KubeObject[] = [
  gatewayClass(),
  gateway(NS, 'edge', [http('web'), http('admin', { port: 8080 })]),
  gateway(NS, 'other', [http('plain')]),
  service(NS, 'shop'),
  service(NS, 'api'),
  service(NS, 'plain'),
  route('HTTPRoute', NS, 'shop', {
    parentRefs: [{ name: 'edge', sectionName: 'web' }],
    rules: [{ backendRefs: [backend('shop')] }],
  }),
  route('HTTPRoute', NS, 'api', {
    parentRefs: [{ name: 'edge', sectionName: 'admin' }],
    rules: [{ backendRefs: [backend('api')] }],
  }),
  route('HTTPRoute', NS, 'plain', {
    parentRefs: [{ name: 'other' }],
    rules: [{ backendRefs: [backend('plain')] }],
  }),
  policy('gateway.envoyproxy.io/v1alpha1', 'BackendTrafficPolicy', 'shop-timeouts', {
    group: GWG,
    kind: 'HTTPRoute',
    name: 'shop',
  }),
  policy('gateway.envoyproxy.io/v1alpha1', 'ClientTrafficPolicy', 'admin-clients', {
    group: GWG,
    kind: 'Gateway',
    name: 'edge',
    sectionName: 'admin',
  }),
  policy(`${GWG}/v1`, 'BackendTLSPolicy', 'api-tls', { group: '', kind: 'Service', name: 'api' }),
]
const analyzer = analyze(objects)
const topology = buildTopology(analyzer)
const all = findings(analyzer)
const ids = (filters: Partial<ViewState>) =>
  objectIds(buildView(topology, all, { ...EMPTY_VIEW_STATE, ...filters })).sort()

const ID = {
  gc: 'GatewayClass:GatewayClass//gc',
  edge: `Gateway:Gateway/${NS}/edge`,
  other: `Gateway:Gateway/${NS}/other`,
  web: `Listener:Gateway/${NS}/edge#web`,
  admin: `Listener:Gateway/${NS}/edge#admin`,
  plainListener: `Listener:Gateway/${NS}/other#plain`,
  shopRoute: `Route:HTTPRoute/${NS}/shop`,
  apiRoute: `Route:HTTPRoute/${NS}/api`,
  plainRoute: `Route:HTTPRoute/${NS}/plain`,
  shop: `Backend:Service/${NS}/shop`,
  api: `Backend:Service/${NS}/api`,
  plain: `Backend:Service/${NS}/plain`,
  btp: `Policy:BackendTrafficPolicy/${NS}/shop-timeouts`,
  ctp: `Policy:ClientTrafficPolicy/${NS}/admin-clients`,
  tls: `Policy:BackendTLSPolicy/${NS}/api-tls`,
}

describe('policy filters', () => {
  it.each<[string, Partial<ViewState>, string[]]>([
    [
      'has policies keeps every policy and the paths of what they target, nothing else',
      { hasPolicies: true },
      [ID.gc, ID.edge, ID.web, ID.admin, ID.shopRoute, ID.apiRoute, ID.shop, ID.api, ID.btp, ID.ctp, ID.tls],
    ],
    [
      'a policy kind keeps those policies and their targets’ paths, not other kinds on them',
      { policyKinds: ['ClientTrafficPolicy'] },
      [ID.gc, ID.edge, ID.admin, ID.apiRoute, ID.api, ID.ctp],
    ],
    [
      'several policy kinds add up',
      { policyKinds: ['ClientTrafficPolicy', 'BackendTrafficPolicy'] },
      [ID.gc, ID.edge, ID.web, ID.admin, ID.shopRoute, ID.apiRoute, ID.shop, ID.api, ID.btp, ID.ctp],
    ],
    ['a policy kind nobody uses keeps nothing', { policyKinds: ['SecurityPolicy'] }, []],
    [
      'with a Gateway filter, only what both keep: the class a policy’s path shares with that Gateway',
      { hasPolicies: true, gateways: [`${NS}/other`] },
      [ID.gc],
    ],
    [
      'search matches a policy kind and keeps the path to what it targets',
      { search: 'clienttraffic' },
      [ID.gc, ID.edge, ID.admin, ID.ctp],
    ],
    [
      'search matches a policy name',
      { search: 'api-tls' },
      [ID.gc, ID.edge, ID.admin, ID.apiRoute, ID.api, ID.tls],
    ],
  ])('%s', (_, filters, expected) => {
    expect(ids(filters)).toEqual([...expected].sort())
  })

  it('no policy filter keeps everything', () => {
    expect(ids({})).toContain(ID.plainRoute)
    expect(ids({ hasPolicies: false, policyKinds: [] })).toEqual(ids({}))
  })
})
