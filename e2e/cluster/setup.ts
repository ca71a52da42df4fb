// Run by cluster.sh once kube-apiserver is ready: installs the Gateway API CRDs (and the
// ValidatingAdmissionPolicy that ships next to them) and the restricted user's Role and RoleBinding.
//   node setup.ts --kubeconfig FILE [--crds DIR] --restricted-namespace NS --restricted-user USER
import { parseArgs } from 'node:util'
import { KubeConfig } from '@kubernetes/client-node'
import { applyManifests, type Manifest, readManifests } from './manifests.ts'

const { values } = parseArgs({
  options: {
    kubeconfig: { type: 'string' },
    crds: { type: 'string', default: '' },
    'restricted-namespace': { type: 'string' },
    'restricted-user': { type: 'string' },
  },
})
const kubeconfig = values.kubeconfig
const namespace = values['restricted-namespace']
const user = values['restricted-user']
if (!kubeconfig || !namespace || !user) {
  throw new Error(
    'usage: setup.ts --kubeconfig FILE [--crds DIR] --restricted-namespace NS --restricted-user USER',
  )
}

const kc = new KubeConfig()
kc.loadFromFile(kubeconfig)
const fieldManager = 'gatemap-e2e-setup'

let t = Date.now()
if (values.crds) {
  const crds = await readManifests(values.crds)
  await applyManifests(kc, crds, { fieldManager })
  console.log(`applied ${crds.length} objects from ${values.crds} in ${Date.now() - t} ms (CRDs Established)`)
}

t = Date.now()
const rbac: Manifest[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'gatemap-httproute-reader', namespace },
    rules: [
      {
        apiGroups: ['gateway.networking.k8s.io'],
        resources: ['httproutes'],
        verbs: ['get', 'list', 'watch'],
      },
    ],
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'gatemap-httproute-reader', namespace },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'gatemap-httproute-reader' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
  },
].map((object) => ({ file: 'setup.ts', object }))
await applyManifests(kc, rbac, { fieldManager })
console.log(`granted ${user} get/list/watch on httproutes in ${namespace} in ${Date.now() - t} ms`)
