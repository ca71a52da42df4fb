import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { KubeConfig } from '@kubernetes/client-node'
import { describe, expect, it } from 'vitest'
import {
  kubeConfigForBearer,
  loadKubeConfig,
  probeCluster,
  runsInCluster,
} from '../../src/sources/cluster/kubeconfig.ts'

const dir = mkdtempSync(join(tmpdir(), 'gatemap-kubeconfig-'))
interface FileSpec {
  clusters: string[]
  users: string[]
  contexts: [string, string, string][]
  current?: string
  server?: string
}
function file(name: string, config: FileSpec) {
  const path = join(dir, name)
  const lines = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    ...config.clusters.map(
      (c) => `- name: ${c}\n  cluster: { server: "${config.server ?? `https://${c}.${name}:6443`}" }`,
    ),
    'users:',
    ...config.users.map((u) => `- name: ${u}\n  user: { token: "${u}-${name}" }`),
    'contexts:',
    ...config.contexts.map(([n, c, u]) => `- name: ${n}\n  context: { cluster: ${c}, user: ${u} }`),
    ...(config.current ? [`current-context: ${config.current}`] : []),
  ]
  writeFileSync(path, `${lines.join('\n')}\n`)
  return path
}

const a = file('a', { clusters: ['one'], users: ['u'], contexts: [['ctx-a', 'one', 'u']] })
const b = file('b', {
  clusters: ['one', 'two'],
  users: ['u', 'v'],
  contexts: [['ctx-b', 'two', 'v']],
  current: 'ctx-b',
})
const c = file('c', {
  clusters: ['three'],
  users: ['w'],
  contexts: [['ctx-c', 'three', 'w']],
  current: 'ctx-c',
})

describe('runsInCluster', () => {
  const account = mkdtempSync(join(tmpdir(), 'gatemap-sa-'))
  writeFileSync(join(account, 'token'), 'token')
  const home = mkdtempSync(join(tmpdir(), 'gatemap-home-'))
  const pod = { KUBERNETES_SERVICE_HOST: '10.0.0.1', HOME: home }
  it('is true with a pod environment, a token and no kubeconfig', () => {
    expect(runsInCluster(pod, account)).toBe(true)
  })
  it.each([
    ['no KUBERNETES_SERVICE_HOST', { HOME: home }, account],
    ['no token file', pod, join(account, 'missing')],
    ['a $KUBECONFIG that exists', { ...pod, KUBECONFIG: a }, account],
  ])('is false with %s', (_why, env, folder) => {
    expect(runsInCluster(env, folder)).toBe(false)
  })
})

describe('loadKubeConfig', () => {
  it('merges $KUBECONFIG like kubectl: first definition wins, first current-context wins, missing files skipped', () => {
    const env = { KUBECONFIG: [a, join(dir, 'missing'), b, c].join(':') }
    const loaded = loadKubeConfig({ env })
    expect(loaded.context).toBe('ctx-b')
    expect(loaded.kc.getCluster('one')?.server).toBe('https://one.a:6443')
    expect(loaded.kc.getCurrentCluster()?.server).toBe('https://two.b:6443')
    expect(loaded.from).toEqual([a, b, c])
  })

  it('--kubeconfig replaces $KUBECONFIG, --context overrides current-context', () => {
    const loaded = loadKubeConfig({ kubeconfig: c, env: { KUBECONFIG: b } })
    expect(loaded.context).toBe('ctx-c')
    const other = loadKubeConfig({ env: { KUBECONFIG: `${a}:${b}` }, context: 'ctx-a' })
    expect(other.kc.getCurrentUser()?.token).toBe('u-a')
  })

  it('explains an unknown context or a missing kubeconfig', () => {
    expect(() => loadKubeConfig({ env: { KUBECONFIG: b }, context: 'nope' })).toThrow(/context "nope"/)
    expect(() => loadKubeConfig({ env: { KUBECONFIG: a } })).toThrow(/no current context/)
    expect(() => loadKubeConfig({ env: { HOME: dir } })).toThrow(/no kubeconfig/)
  })
})

describe('kubeConfigForBearer', () => {
  it('keeps the cluster and nothing of the original user', () => {
    const base = new KubeConfig()
    base.loadFromOptions({
      clusters: [{ name: 'c', server: 'https://k:6443', caData: 'Q0E=' }],
      users: [{ name: 'admin', token: 'server-token', certData: 'Y2VydA==', keyData: 'a2V5' }],
      contexts: [{ name: 'x', cluster: 'c', user: 'admin' }],
      currentContext: 'x',
    })
    const kc = kubeConfigForBearer(base, 'person-token')
    expect(kc.getCurrentCluster()).toMatchObject({ server: 'https://k:6443', caData: 'Q0E=' })
    expect(kc.getUsers()).toEqual([{ name: 'bearer', token: 'person-token' }])
  })
})

describe('probeCluster', () => {
  it('says which context and that nothing answers on a closed port', async () => {
    const spec: FileSpec = {
      clusters: ['gone'],
      users: ['u'],
      contexts: [['ctx', 'gone', 'u']],
      current: 'ctx',
    }
    const closed = file('closed', { ...spec, server: 'https://127.0.0.1:9' })
    const result = await probeCluster({ kubeconfig: closed, timeoutMs: 1000 })
    expect(result).toMatchObject({ context: 'ctx', server: 'https://127.0.0.1:9', reachable: false })
    expect(result.error).toBeTruthy()
  })
  it('reports a missing kubeconfig as unreachable with the reason', async () => {
    const result = await probeCluster({ env: { HOME: dir } })
    expect(result.reachable).toBe(false)
    expect(result.error).toMatch(/no kubeconfig/)
  })
})
