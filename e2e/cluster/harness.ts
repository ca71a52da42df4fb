// Test helper around cluster.sh: starts a real etcd + kube-apiserver (or connects to a running one)
// and hands out clients, kubeconfigs and per-test namespaces. Framework-neutral (Vitest now,
// Playwright later); see e2e/test/global-setup.ts for the Vitest wiring.
//
// There is no kube-controller-manager: namespaces never finish deleting, garbage collection does not
// run and no ServiceAccount token Secrets appear. So every test works in namespaces of its own
// (uniqueNamespace) and asks for service-account tokens with TokenRequest (serviceAccountToken).
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ApiException, CoreV1Api, KubeConfig, type KubernetesObject } from '@kubernetes/client-node'
import { type ApplyOptions, applyFolder } from './manifests.ts'
import { type GrantOptions, grantServiceAccount } from './rbac.ts'

export const CLUSTER_SCRIPT = path.join(import.meta.dirname, 'cluster.sh')
/** Env var naming the state file of a running cluster to reuse instead of starting one. */
export const STATE_ENV = 'GATEMAP_CLUSTER_STATE'

/** The JSON that cluster.sh writes once the cluster is ready (`<dir>/state.json`). */
export interface ClusterState {
  ready: boolean
  pid: number
  dir: string
  server: string
  caFile: string
  adminKubeconfig: string
  restrictedKubeconfig: string
  adminUser: string
  restrictedUser: string
  restrictedNamespace: string
  etcdUrl: string
  etcdPid: number
  apiserverPid: number
  restarts: number
  kubernetesVersion: string
  etcdVersion: string
  gatewayApiVersion: string
  gatewayApiChannel: 'standard' | 'experimental' | 'none'
  logs: { etcd: string; apiserver: string; setup: string }
}

export interface StartOptions {
  /** Gateway API CRD channel (default `standard`). */
  channel?: 'standard' | 'experimental' | 'none'
  /** Keep the working folder (logs, etcd data) after stop(). */
  keep?: boolean
  /** Where cluster.sh's progress goes (default: this process's stderr). */
  output?: 'inherit' | 'ignore'
  /** Give up after this long (default 60 min: the first run builds the binaries, about 5 min). */
  timeoutMs?: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function readState(file: string): ClusterState | undefined {
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as ClusterState
    return state.ready ? state : undefined
  } catch {
    return undefined
  }
}

function loadKubeConfig(file: string): KubeConfig {
  const kc = new KubeConfig()
  kc.loadFromFile(file)
  return kc
}

/** A DNS label: `<prefix>-<base36 time>-<random>`, at most 63 characters. */
export function uniqueName(prefix = 't'): string {
  const clean =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .slice(0, 40)
      .replace(/^-+|-+$/g, '') || 't'
  return `${clean}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`
}

export class Cluster {
  readonly stateFile: string
  /** True when this process started the cluster (stop() then stops it). */
  readonly owned: boolean
  #state: ClusterState
  #child: ChildProcess | undefined
  #exited: Promise<void> | undefined

  constructor(stateFile: string, state: ClusterState, child?: ChildProcess) {
    this.stateFile = stateFile
    this.#state = state
    this.#child = child
    this.owned = child !== undefined
    if (child) {
      this.#exited = new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve()
        else child.once('exit', () => resolve())
      })
    }
  }

  get state(): ClusterState {
    return this.#state
  }
  get server(): string {
    return this.#state.server
  }
  get adminKubeconfigPath(): string {
    return this.#state.adminKubeconfig
  }
  get restrictedKubeconfigPath(): string {
    return this.#state.restrictedKubeconfig
  }
  /** The namespace where the restricted user may get/list/watch HTTPRoutes (and nothing else). */
  get restrictedNamespace(): string {
    return this.#state.restrictedNamespace
  }
  /** A fresh KubeConfig for the admin user (group system:masters). */
  get admin(): KubeConfig {
    return loadKubeConfig(this.#state.adminKubeconfig)
  }
  /** A fresh KubeConfig for the restricted user. */
  get restricted(): KubeConfig {
    return loadKubeConfig(this.#state.restrictedKubeconfig)
  }

  /** Creates a namespace of its own for a test and returns its name. */
  async uniqueNamespace(prefix = 't'): Promise<string> {
    const name = uniqueName(prefix)
    await this.admin.makeApiClient(CoreV1Api).createNamespace({
      body: { metadata: { name, labels: { 'gatemap.dev/e2e': 'true' } } },
    })
    return name
  }

  /**
   * A bearer token for a service account (created when missing) via the TokenRequest API; with no
   * controller-manager there are no token Secrets.
   */
  async serviceAccountToken(namespace: string, name: string, expirationSeconds = 3600): Promise<string> {
    const core = this.admin.makeApiClient(CoreV1Api)
    try {
      await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name } } })
    } catch (err) {
      if (!(err instanceof ApiException && err.code === 409)) throw err
    }
    const request = await core.createNamespacedServiceAccountToken({
      namespace,
      name,
      body: { spec: { audiences: [], expirationSeconds } },
    })
    const token = request.status?.token
    if (!token) throw new Error(`no token for service account ${namespace}/${name}`)
    return token
  }

  /** As the admin, gives a ServiceAccount a role (see rbac.ts). */
  grant(account: { namespace: string; name: string }, options: GrantOptions): Promise<void> {
    return grantServiceAccount(this.admin, account, options)
  }

  /** A KubeConfig that authenticates with a bearer token (e.g. from serviceAccountToken). */
  kubeConfigForToken(token: string, user = 'token-user'): KubeConfig {
    const kc = new KubeConfig()
    kc.loadFromOptions({
      clusters: [{ name: 'gatemap-e2e', server: this.server, caFile: this.#state.caFile }],
      users: [{ name: user, token }],
      contexts: [{ name: user, cluster: 'gatemap-e2e', user }],
      currentContext: user,
    })
    return kc
  }

  /** Applies a folder (or file) of manifests as the admin user; see manifests.ts. */
  applyFolder(fileOrDir: string, options?: ApplyOptions): Promise<KubernetesObject[]> {
    return applyFolder(this.admin, fileOrDir, options)
  }

  /** Resolves once /readyz answers `ok`. */
  async waitReady(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const ok = await this.#readyz().catch(() => false)
      if (ok) return
      if (Date.now() > deadline) throw new Error(`kube-apiserver at ${this.server} is not ready`)
      await sleep(100)
    }
  }

  async #readyz(): Promise<boolean> {
    const token = this.admin.getCurrentUser()?.token
    // fetch cannot take a CA per request; use node:https with the cluster CA instead.
    const { request } = await import('node:https')
    const ca = await readFile(this.#state.caFile)
    return new Promise((resolve) => {
      const req = request(
        `${this.server}/readyz`,
        { ca, headers: { authorization: `Bearer ${token}` } },
        (res) => {
          let body = ''
          res.on('data', (chunk: Buffer) => {
            body += chunk.toString()
          })
          res.on('end', () => resolve(res.statusCode === 200 && body === 'ok'))
        },
      )
      req.on('error', () => resolve(false))
      req.setTimeout(2000, () => req.destroy())
      req.end()
    })
  }

  /**
   * Kills kube-apiserver (SIGKILL) and starts it again on the same port with the same etcd; resolves
   * when it is ready again. Open watches break; stored data stays. With `downSeconds` it stays down
   * that long first, so that clients can be seen noticing the outage.
   */
  async restartApiServer(timeoutMs = 120_000, downSeconds = 0): Promise<void> {
    const stateFile = path.join(this.#state.dir, 'state.json')
    const before = this.#state.restarts
    if (downSeconds > 0)
      writeFileSync(path.join(this.#state.dir, 'restart-down-seconds'), String(downSeconds))
    process.kill(this.#state.pid, 'SIGUSR1')
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const state = readState(stateFile)
      if (state && state.restarts > before) {
        this.#state = state
        break
      }
      if (this.#child && this.#child.exitCode !== null) throw new Error('cluster.sh exited during a restart')
      if (Date.now() > deadline) throw new Error(`kube-apiserver did not restart within ${timeoutMs} ms`)
      await sleep(100)
    }
    await this.waitReady()
  }

  /** Stops the cluster if this process started it (all processes, working folder); else does nothing. */
  async stop(): Promise<void> {
    const child = this.#child
    if (child?.pid && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      let timer: NodeJS.Timeout | undefined
      const killed = await Promise.race([
        this.#exited!.then(() => true),
        new Promise<false>((resolve) => {
          timer = setTimeout(() => resolve(false), 20_000)
        }),
      ])
      clearTimeout(timer)
      if (!killed) {
        try {
          process.kill(-child.pid, 'SIGKILL')
        } catch {}
      }
    }
  }
}

/** Starts a new cluster (building the binaries first if needed) and waits until it is ready. */
export async function startCluster(options: StartOptions = {}): Promise<Cluster> {
  // cluster.sh writes the state file once the cluster is ready and removes it when it stops.
  const stateFile = path.join(tmpdir(), `gatemap-state-${process.pid}-${randomBytes(4).toString('hex')}.json`)
  const args = [CLUSTER_SCRIPT, 'start', '--state-file', stateFile, '--watch-pid', String(process.pid)]
  args.push('--channel', options.channel ?? 'standard')
  if (options.keep) args.push('--keep')
  const out = options.output === 'ignore' ? 'ignore' : 2
  // detached: its own process group, so stop() can take down the whole tree (including a build).
  const child = spawn('bash', args, { detached: true, stdio: ['ignore', out, out] })
  const stopOnExit = () => {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {}
    }
  }
  process.once('exit', stopOnExit)
  child.once('exit', () => process.off('exit', stopOnExit))

  let exit: string | undefined
  child.once('exit', (code, signal) => {
    exit = signal ? `signal ${signal}` : `exit code ${code}`
  })
  const deadline = Date.now() + (options.timeoutMs ?? 60 * 60_000)
  for (;;) {
    const state = readState(stateFile)
    if (state) return new Cluster(stateFile, state, child)
    if (exit) {
      throw new Error(`cluster.sh start failed (${exit}); its output above says why`)
    }
    if (Date.now() > deadline) {
      stopOnExit()
      throw new Error('the cluster did not become ready in time')
    }
    await sleep(100)
  }
}

/** Connects to a cluster that is already running, given its state file. */
export function connectCluster(stateFile: string): Cluster {
  const state = readState(stateFile)
  if (!state) throw new Error(`${stateFile} is not the state file of a ready cluster`)
  try {
    process.kill(state.pid, 0)
  } catch {
    throw new Error(`the cluster of ${stateFile} is not running (pid ${state.pid})`)
  }
  return new Cluster(stateFile, state)
}

/**
 * The cluster named by $GATEMAP_CLUSTER_STATE if set, else a new one. Call stop() when done (a no-op
 * for a reused cluster).
 */
export async function useCluster(options: StartOptions = {}): Promise<Cluster> {
  const file = process.env[STATE_ENV]
  if (!file) return startCluster(options)
  if (!existsSync(file))
    throw new Error(`${STATE_ENV}=${file}, but there is no such file (is the cluster running?)`)
  return connectCluster(file)
}
