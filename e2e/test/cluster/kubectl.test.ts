// The kubectl that build.sh builds next to kube-apiserver: same pinned version as the server, and it
// sees what a user's kubectl would (CEL rejections with their field, RBAC answers).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { kubectl } from '../../cluster/kubectl.ts'
import { sharedCluster } from '../cluster.ts'

const cluster = sharedCluster()
const admin = { kubeconfig: cluster.adminKubeconfigPath }
const restricted = { kubeconfig: cluster.restrictedKubeconfigPath }
const pinned = /^require k8s\.io\/kubernetes (v\S+)$/m.exec(
  readFileSync(path.join(import.meta.dirname, '../../cluster/go.mod'), 'utf8'),
)?.[1]
let ns: string

beforeAll(async () => {
  ns = await cluster.uniqueNamespace('kubectl')
})

const route = (name: string, pathValue: string) => `
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  rules:
  - matches:
    - path:
        type: PathPrefix
        value: ${pathValue}
`

test('client and server are the pinned Kubernetes', async () => {
  expect(pinned).toMatch(/^v1\.\d+\.\d+$/)
  const { code, stdout, stderr } = await kubectl(['version', '-o', 'json'], admin)
  expect(stderr).toBe('')
  expect(code).toBe(0)
  const version = JSON.parse(stdout) as {
    clientVersion: { gitVersion: string }
    serverVersion?: { gitVersion: string }
  }
  expect(version.clientVersion.gitVersion).toBe(pinned)
  expect(version.serverVersion?.gitVersion).toBe(pinned)
})

describe('server-side dry-run apply from stdin', () => {
  test('accepts a valid HTTPRoute and stores nothing', async () => {
    const applied = await kubectl(['apply', '--server-side', '--dry-run=server', '-f', '-'], {
      ...admin,
      input: route('valid', '/shop'),
    })
    expect(applied).toMatchObject({ code: 0, stderr: '' })
    expect(applied.stdout).toContain(
      'httproute.gateway.networking.k8s.io/valid serverside-applied (server dry run)',
    )
    const got = await kubectl(['get', 'httproute', 'valid', '-n', ns], admin)
    expect(got.code).toBe(1)
    expect(got.stderr).toContain('NotFound')
  })

  test('refuses a path without a leading slash (a CEL rule of the CRD), naming the field', async () => {
    const { code, stdout, stderr } = await kubectl(
      ['apply', '--server-side', '--dry-run=server', '-f', '-'],
      {
        ...admin,
        input: route('invalid', 'shop'),
      },
    )
    expect(code).not.toBe(0)
    expect(stdout).toBe('')
    expect(stderr).toContain('spec.rules[0].matches[0].path')
    expect(stderr).toContain(
      "value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']",
    )
  })
})

describe('auth can-i', () => {
  const readable = cluster.restrictedNamespace

  test('the restricted user may list HTTPRoutes in its namespace', async () => {
    const { code, stdout } = await kubectl(
      ['auth', 'can-i', 'list', 'httproutes.gateway.networking.k8s.io', '-n', readable],
      restricted,
    )
    expect({ code, stdout: stdout.trim() }).toEqual({ code: 0, stdout: 'yes' })
  })

  test.each([
    ['create', 'httproutes.gateway.networking.k8s.io', readable],
    ['list', 'httproutes.gateway.networking.k8s.io', 'default'],
    ['get', 'secrets', readable],
  ])('the restricted user may not %s %s in %s', async (verb, resource, namespace) => {
    const { code, stdout } = await kubectl(['auth', 'can-i', verb, resource, '-n', namespace], restricted)
    expect({ code, stdout: stdout.trim() }).toEqual({ code: 1, stdout: 'no' })
  })
})

test('a KubeConfig object works as the kubeconfig (service-account token)', async () => {
  const token = await cluster.serviceAccountToken(ns, 'kubectl-user')
  const { code, stdout } = await kubectl(['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}'], {
    kubeconfig: cluster.kubeConfigForToken(token),
  })
  expect({ code, stdout }).toEqual({ code: 0, stdout: `system:serviceaccount:${ns}:kubectl-user` })
})
