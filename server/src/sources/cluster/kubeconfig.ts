// Which cluster `gatemap serve` talks to, found the way kubectl finds it: --kubeconfig, else the
// $KUBECONFIG list (first definition of a name wins, current-context from the first file that sets
// one), else ~/.kube/config, else the pod's service account. --context picks another context.
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, join } from 'node:path'
import { type Cluster, type Context, KubeConfig, type User } from '@kubernetes/client-node'
import { KubeHttp } from './http.ts'

export interface KubeConfigOptions {
  /** --kubeconfig: one file, used alone. */
  kubeconfig?: string
  /** --context */
  context?: string
  /** For tests; default process.env. */
  env?: NodeJS.ProcessEnv
}

export interface LoadedKubeConfig {
  kc: KubeConfig
  /** The context name, or "in-cluster". */
  context: string
  /** Where it came from: the files read, or the service account folder. */
  from: string[]
}

const SERVICE_ACCOUNT = '/var/run/secrets/kubernetes.io/serviceaccount'

/**
 * True when kubectl's rules would fall through to the pod's service account: no kubeconfig named
 * ($KUBECONFIG, ~/.kube/config) and a pod's environment and token present.
 */
export function runsInCluster(
  env: NodeJS.ProcessEnv = process.env,
  serviceAccount = SERVICE_ACCOUNT,
): boolean {
  return (
    kubeconfigFiles({}, env).length === 0 &&
    !!env.KUBERNETES_SERVICE_HOST &&
    existsSync(join(serviceAccount, 'token'))
  )
}

function firstWins<T extends { name: string }>(lists: T[][]): T[] {
  const byName = new Map<string, T>()
  for (const list of lists) for (const item of list) if (!byName.has(item.name)) byName.set(item.name, item)
  return [...byName.values()]
}

function mergeFiles(files: string[]): KubeConfig {
  const loaded = files.map((file) => {
    const kc = new KubeConfig()
    kc.loadFromFile(file)
    return kc
  })
  const merged = new KubeConfig()
  merged.loadFromOptions({
    clusters: firstWins<Cluster>(loaded.map((kc) => kc.getClusters())),
    users: firstWins<User>(loaded.map((kc) => kc.getUsers())),
    contexts: firstWins<Context>(loaded.map((kc) => kc.getContexts())),
    currentContext: loaded.map((kc) => kc.getCurrentContext()).find((c) => c) ?? '',
  })
  return merged
}

function kubeconfigFiles(options: KubeConfigOptions, env: NodeJS.ProcessEnv): string[] {
  if (options.kubeconfig) return [options.kubeconfig]
  if (env.KUBECONFIG) {
    // kubectl skips listed files that do not exist.
    return env.KUBECONFIG.split(delimiter).filter((file) => file && existsSync(file))
  }
  const home = join(env.HOME ?? homedir(), '.kube', 'config')
  return existsSync(home) ? [home] : []
}

/** Loads the kubeconfig; throws with a readable message when there is none or the context is unknown. */
export function loadKubeConfig(options: KubeConfigOptions = {}): LoadedKubeConfig {
  const env = options.env ?? process.env
  const files = kubeconfigFiles(options, env)
  if (files.length === 0) {
    if (env.KUBERNETES_SERVICE_HOST && existsSync(join(SERVICE_ACCOUNT, 'token'))) {
      const kc = new KubeConfig()
      kc.loadFromCluster()
      return { kc, context: 'in-cluster', from: [SERVICE_ACCOUNT] }
    }
    throw new Error('no kubeconfig: set KUBECONFIG, pass --kubeconfig, or create ~/.kube/config')
  }
  const kc = mergeFiles(files)
  if (options.context) kc.setCurrentContext(options.context)
  const context = kc.getCurrentContext()
  if (!context) throw new Error(`no current context in ${files.join(', ')}; pass --context`)
  if (!kc.getContextObject(context))
    throw new Error(`context ${JSON.stringify(context)} is not in ${files.join(', ')}`)
  if (!kc.getCurrentCluster())
    throw new Error(`context ${JSON.stringify(context)} names a cluster that is not defined`)
  return { kc, context, from: files }
}

/**
 * A KubeConfig that acts as one person: their bearer token and the cluster's address and CA, none of
 * the server's own credentials.
 */
export function kubeConfigForBearer(base: KubeConfig, token: string): KubeConfig {
  const cluster = base.getCurrentCluster()
  if (!cluster) throw new Error('the kubeconfig has no current cluster')
  const kc = new KubeConfig()
  kc.loadFromOptions({
    clusters: [{ ...cluster, name: 'cluster' }],
    users: [{ name: 'bearer', token }],
    contexts: [{ name: 'bearer', cluster: 'cluster', user: 'bearer' }],
    currentContext: 'bearer',
  })
  return kc
}

export interface ProbeResult {
  context?: string
  server?: string
  reachable: boolean
  /** gitVersion from /version when reachable. */
  version?: string
  /** Why not reachable (no kubeconfig, connection refused, 401...). */
  error?: string
}

/** Which context would be used and whether its API server answers (GET /version, short timeout). */
export async function probeCluster(
  options: KubeConfigOptions & { timeoutMs?: number } = {},
): Promise<ProbeResult> {
  let loaded: LoadedKubeConfig
  try {
    loaded = loadKubeConfig(options)
  } catch (error) {
    return { reachable: false, error: (error as Error).message }
  }
  const http = new KubeHttp(loaded.kc)
  const base = { context: loaded.context, server: http.server }
  try {
    const { body } = await http.request('GET', '/version', { timeoutMs: options.timeoutMs ?? 2000 })
    const version = (body as { gitVersion?: string } | undefined)?.gitVersion
    return { ...base, reachable: true, ...(version ? { version } : {}) }
  } catch (error) {
    return { ...base, reachable: false, error: (error as Error).message }
  }
}
