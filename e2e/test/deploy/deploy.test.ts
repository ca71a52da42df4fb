// deploy/ against the real API server, with the real kubectl built from the same Kubernetes: what
// `kubectl apply -k deploy/` would do (server-side dry run, so the CRD-free core schemas, RBAC's own
// validation and PodSecurity admission all judge it), and what the manifests promise about privilege.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import type { Cluster } from '../../cluster/harness.ts'
import { kubectl } from '../../cluster/kubectl.ts'
import { sharedCluster } from '../cluster.ts'
import { DEPLOY, type Manifest, rendered } from './manifests.ts'

let cluster: Cluster
let docs: Manifest[]
const admin = () => ({ kubeconfig: cluster.adminKubeconfigPath })

beforeAll(async () => {
  cluster = sharedCluster()
  docs = await rendered(DEPLOY, admin())
  // A dry run creates nothing, so the namespace the rest goes into must exist for real first.
  const namespace = docs.filter((d) => d.kind === 'Namespace')
  expect(namespace).toHaveLength(1)
  const created = await kubectl(['apply', '--server-side', '-f', '-'], {
    ...admin(),
    input: JSON.stringify(namespace[0]),
  })
  expect(created.code, created.stderr).toBe(0)
}, 300_000)

function dryRunLines(stdout: string) {
  return stdout.trim().split('\n').filter(Boolean)
}

describe('kubectl apply -k deploy/ --server-side --dry-run=server', () => {
  it('the API server accepts every object, with no warnings (PodSecurity "restricted" included)', async () => {
    const result = await kubectl(['apply', '-k', DEPLOY, '--server-side', '--dry-run=server'], admin())
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).not.toMatch(/warning/i)
    const lines = dryRunLines(result.stdout)
    expect(lines).toHaveLength(docs.length)
    for (const line of lines) expect(line).toMatch(/serverside-applied \(server dry run\)$/)
    const kinds = docs.map((d) => d.kind).sort()
    expect(kinds).toEqual([
      'ClusterRole',
      'ClusterRoleBinding',
      'Deployment',
      'Namespace',
      'Service',
      'ServiceAccount',
    ])
  })

  it('with the opt-in editor component as an overlay would add it', async () => {
    const overlay = mkdtempSync(path.join(tmpdir(), 'gatemap-overlay-'))
    const relative = path.relative(overlay, DEPLOY)
    writeFileSync(
      path.join(overlay, 'kustomization.yaml'),
      `resources: [${relative}]\ncomponents: [${relative}/editor]\n`,
    )
    const result = await kubectl(['apply', '-k', overlay, '--server-side', '--dry-run=server'], admin())
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(
      /clusterrole\.rbac\.authorization\.k8s\.io\/gatemap-route-editor serverside-applied/,
    )
    expect(dryRunLines(result.stdout)).toHaveLength(docs.length + 1)
  })

  it('a broken manifest is refused by the same run, naming the field (the check can fail)', async () => {
    const deployment = docs.find((d) => d.kind === 'Deployment')
    const broken = structuredClone(deployment) as Manifest & { spec: { replicas: unknown } }
    broken.spec.replicas = 'one'
    const result = await kubectl(['apply', '--server-side', '--dry-run=server', '-f', '-'], {
      ...admin(),
      input: JSON.stringify(broken),
    })
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/replicas/)
  })
})

describe('least privilege, as rendered', () => {
  const rulesOf = (name: string) =>
    (docs.find((d) => d.kind === 'ClusterRole' && d.metadata.name === name)?.rules ?? []) as {
      apiGroups: string[]
      resources: string[]
      verbs: string[]
    }[]

  it('the default role reads only: Gateway API kinds, Services, Namespaces, CRDs, Events; no Secrets, no wildcards', () => {
    const rules = rulesOf('gatemap-read')
    expect(rules.length).toBeGreaterThan(0)
    for (const rule of rules) {
      expect(rule.verbs.sort()).toEqual(['get', 'list', 'watch'])
      expect([...rule.apiGroups, ...rule.resources, ...rule.verbs]).not.toContain('*')
    }
    const resources = rules.flatMap((r) => r.resources)
    expect(resources).not.toContain('secrets')
    expect(resources).not.toContain('configmaps')
    expect(resources).toEqual(expect.arrayContaining(['services', 'namespaces', 'customresourcedefinitions']))
    // Events through events.k8s.io only: the same Events core v1 serves, granted once.
    expect(rules.filter((r) => r.resources.includes('events'))).toEqual([
      { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: ['get', 'list', 'watch'] },
    ])
  })

  it('the one binding gives the read role to the service account; nothing is bound to cluster-admin', () => {
    const bindings = docs.filter((d) => d.kind === 'ClusterRoleBinding' || d.kind === 'RoleBinding')
    expect(bindings.map((b) => b.roleRef)).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'gatemap-read' },
    ])
    expect(bindings[0]?.subjects).toEqual([{ kind: 'ServiceAccount', name: 'gatemap', namespace: 'gatemap' }])
  })

  it('the editor role, opt-in, writes route kinds only', async () => {
    const editor = parseAllDocuments(
      (await kubectl(['kustomize', path.join(DEPLOY, 'editor')], admin())).stdout,
    ).map((d) => d.toJS() as Manifest)
    expect(editor.map((d) => d.kind)).toEqual(['ClusterRole'])
    const rules = (editor[0]?.rules ?? []) as { apiGroups: string[]; resources: string[] }[]
    expect(rules.flatMap((r) => r.apiGroups)).toEqual(['gateway.networking.k8s.io'])
    for (const resource of rules.flatMap((r) => r.resources)) expect(resource).toMatch(/routes$/)
  })

  it('the pod: non-root, read-only root filesystem, no privileges, probes and resource requests', () => {
    const deployment = docs.find((d) => d.kind === 'Deployment') as Manifest & {
      spec: { template: { spec: PodSpec } }
    }
    const pod = deployment.spec.template.spec
    expect(pod.serviceAccountName).toBe('gatemap')
    expect(pod.securityContext.runAsNonRoot).toBe(true)
    const [container] = pod.containers
    expect(container?.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    })
    expect(container?.readinessProbe?.httpGet.path).toBe('/readyz')
    expect(container?.livenessProbe?.httpGet.path).toBe('/healthz')
    expect(container?.resources?.requests).toMatchObject({
      cpu: expect.any(String),
      memory: expect.any(String),
    })
    // No --auth: in a pod the server defaults to bearer (each person's token decides).
    expect(container?.args).not.toContain('--auth')
  })
})

interface PodSpec {
  serviceAccountName: string
  securityContext: { runAsNonRoot?: boolean; runAsUser?: number }
  containers: {
    args?: string[]
    securityContext?: Record<string, unknown>
    readinessProbe?: { httpGet: { path: string } }
    livenessProbe?: { httpGet: { path: string } }
    resources?: { requests?: Record<string, string> }
  }[]
}
