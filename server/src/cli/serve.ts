// `gatemap serve`: picks the source (a cluster that answers, else a folder of manifests), builds the
// server, and prints the address to open. Binding beyond loopback requires an auth mode: an explicit
// one, or, in a pod, `bearer`, so that each person's own token and RBAC decide what they may do.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { loadCrdFolder } from '../crds/bundled.ts'
import { CrdRegistry } from '../crds/registry.ts'
import { buildServer } from '../http/app.ts'
import { Auth, type AuthMode, generateToken, MIN_TOKEN_LENGTH } from '../http/auth.ts'
import { loopbackPolicy, type OriginPolicy } from '../http/security.ts'
import { ClusterSource, probeCluster, runsInCluster } from '../sources/cluster/index.ts'
import { FolderSource } from '../sources/folder/index.ts'
import type { Source } from '../sources/source.ts'
import { DEFAULT_EVENT_LOG_BYTES, ResourceStore } from '../store/resource-store.ts'
import { parseNamespaceScope } from './namespace-scope.ts'
import { listenFailure } from './os-errors.ts'

export const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples', import.meta.url))
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])

export interface ServeFlags {
  manifests?: string
  kubeconfig?: string
  context?: string
  host: string
  port: number
  auth?: AuthMode
  tokenFile?: string
  readOnly: boolean
  allowedOrigins: string[]
  crds?: string
  web?: string
  /** Running in a pod with its service account as the source (no kubeconfig, no folder). */
  inCluster: boolean
  /** Namespaced kinds are watched only in these (cluster sources); empty for all namespaces. */
  namespaces: string[]
  /** The event log's budget in bytes (default DEFAULT_EVENT_LOG_BYTES). */
  eventLogBytes?: number
  /** Draw a new tab's first frame here (stream/first-frame.ts); off leaves it to the tab. */
  firstFrames: boolean
}

export class UsageError extends Error {}

/** `serve` could not bind its address (port in use, no permission, not this machine's address). */
export const EXIT_CANNOT_LISTEN = 1

export function parseServeArgs(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  podServiceAccount: (env: NodeJS.ProcessEnv) => boolean = runsInCluster,
): ServeFlags {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      manifests: { type: 'string' },
      kubeconfig: { type: 'string' },
      context: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '7480' },
      auth: { type: 'string' },
      'token-file': { type: 'string' },
      'read-only': { type: 'boolean', default: false },
      'allowed-origin': { type: 'string', multiple: true, default: [] },
      namespace: { type: 'string', multiple: true, default: [] },
      crds: { type: 'string' },
      web: { type: 'string' },
      'event-log-bytes': { type: 'string' },
      'no-first-frames': { type: 'boolean', default: false },
    },
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port ${values.port} is not a port`)
  if (values.auth !== undefined && values.auth !== 'token' && values.auth !== 'bearer') {
    throw new UsageError(`--auth must be token or bearer, not ${JSON.stringify(values.auth)}`)
  }
  const inCluster = !values.manifests && !values.kubeconfig && !values.context && podServiceAccount(env)
  // In a pod the server's own service account is not who is looking: people sign in as themselves.
  const auth: AuthMode | undefined = values.auth ?? (inCluster ? 'bearer' : undefined)
  if (!LOOPBACK.has(values.host) && auth === undefined) {
    throw new UsageError(
      `binding to ${values.host} (beyond this machine) needs --auth token (with --token-file or $GATEMAP_TOKEN) or --auth bearer`,
    )
  }
  let namespaces: string[]
  try {
    namespaces = parseNamespaceScope(values.namespace)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  if (values.manifests && namespaces.length > 0) {
    throw new UsageError('--namespace scopes the watches of a cluster; a --manifests folder is read whole')
  }
  if (values.manifests && (values.kubeconfig || values.context)) {
    throw new UsageError('--manifests and --kubeconfig/--context choose different sources; pick one')
  }
  const eventLogBytes =
    values['event-log-bytes'] === undefined ? undefined : byteSize(values['event-log-bytes'])
  const crds = values.crds ?? env.GATEMAP_CRDS_DIR
  // The image sets GATEMAP_WEB_DIR, so its web app is served whatever arguments a pod spec gives.
  const web = values.web ?? env.GATEMAP_WEB_DIR
  return {
    host: values.host,
    port,
    readOnly: values['read-only'],
    firstFrames: !values['no-first-frames'],
    allowedOrigins: values['allowed-origin'],
    namespaces,
    inCluster,
    ...(values.manifests ? { manifests: values.manifests } : {}),
    ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}),
    ...(values.context ? { context: values.context } : {}),
    ...(auth ? { auth } : {}),
    ...(values['token-file'] ? { tokenFile: values['token-file'] } : {}),
    ...(crds ? { crds } : {}),
    ...(web ? { web } : {}),
    ...(eventLogBytes !== undefined ? { eventLogBytes } : {}),
  }
}

const UNITS: Record<string, number> = {
  '': 1,
  k: 1024,
  ki: 1024,
  m: 1024 ** 2,
  mi: 1024 ** 2,
  g: 1024 ** 3,
  gi: 1024 ** 3,
}

/** `--event-log-bytes 64Mi`: a whole number of bytes, with an optional k/Ki, M/Mi or G/Gi (powers of 1024). */
function byteSize(text: string): number {
  const match = /^(\d+)\s*([a-z]*)$/i.exec(text.trim())
  const unit = UNITS[(match?.[2] ?? '').toLowerCase()]
  const bytes = match && unit ? Number(match[1]) * unit : Number.NaN
  if (!Number.isSafeInteger(bytes) || bytes < 1024 * 1024) {
    throw new UsageError(
      `--event-log-bytes ${text} is not a size of at least 1Mi (a number of bytes, or with Ki, Mi or Gi; default ${DEFAULT_EVENT_LOG_BYTES / 1024 ** 2}Mi)`,
    )
  }
  return bytes
}

export function sharedToken(flags: Pick<ServeFlags, 'tokenFile'>, env: NodeJS.ProcessEnv): string {
  const from = flags.tokenFile ? `--token-file ${flags.tokenFile}` : '$GATEMAP_TOKEN'
  const token = flags.tokenFile ? readFileSync(flags.tokenFile, 'utf8').trim() : env.GATEMAP_TOKEN?.trim()
  if (token === undefined) throw new UsageError('--auth token needs --token-file FILE or $GATEMAP_TOKEN')
  if (!token) throw new UsageError(`${from} is empty`)
  if (token.length < MIN_TOKEN_LENGTH) {
    throw new UsageError(
      `the token from ${from} has ${token.length} characters; --auth token needs at least ${MIN_TOKEN_LENGTH} (128 bits as base64), e.g. from: head -c 32 /dev/urandom | base64`,
    )
  }
  return token
}

/** Which source, and the line that says why. */
async function chooseSource(
  flags: ServeFlags,
  store: ResourceStore,
  crds: CrdRegistry,
  env: NodeJS.ProcessEnv,
): Promise<{ source: Source; why: string }> {
  const readOnly = flags.readOnly
  if (flags.manifests) {
    return {
      source: new FolderSource({ dir: flags.manifests, store, readOnly, crds }),
      why: `folder ${flags.manifests}`,
    }
  }
  const scope = flags.namespaces.length > 0 ? { namespaces: flags.namespaces } : {}
  const kubeOptions = {
    ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
    ...(flags.context ? { context: flags.context } : {}),
    env,
  }
  const probe = await probeCluster({ ...kubeOptions, timeoutMs: 3000 })
  if (probe.reachable) {
    return {
      source: new ClusterSource({ ...kubeOptions, ...scope, store, crds, readOnly }),
      why: `cluster context ${probe.context} (${probe.server}, Kubernetes ${probe.version ?? 'unknown'})`,
    }
  }
  if (flags.inCluster) {
    // A pod shows its cluster or nothing: the watches retry and /readyz stays false until it answers.
    return {
      source: new ClusterSource({ ...kubeOptions, ...scope, store, crds, readOnly }),
      why: `the cluster of this pod's service account (${probe.server ?? 'unknown'}), which does not answer yet: ${probe.error}`,
    }
  }
  // Asking for a context, or for namespaces of a cluster, means a cluster or nothing.
  if (flags.kubeconfig || flags.context || flags.namespaces.length > 0) {
    throw new UsageError(
      `the cluster of ${flags.context ?? flags.kubeconfig ?? 'the current context'} does not answer: ${probe.error}`,
    )
  }
  return {
    source: new FolderSource({ dir: EXAMPLES_DIR, store, readOnly, crds }),
    why: `the bundled examples (${EXAMPLES_DIR}), because no kubeconfig context answered${probe.error ? `: ${probe.error}` : ''}`,
  }
}

export async function runServe(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const flags = parseServeArgs(args, env)
  const store = new ResourceStore(flags.eventLogBytes ? { logBytes: flags.eventLogBytes } : {})
  const crds = new CrdRegistry()
  const { source, why } = await chooseSource(flags, store, crds, env)
  const log = (line: string) => process.stderr.write(`gatemap serve: ${line}\n`)
  log(`showing ${why}`)
  if (flags.namespaces.length > 0 && source.info.mode === 'cluster') {
    log(
      `namespaced kinds are watched only in ${flags.namespaces.join(', ')}; other namespaces are out of scope`,
    )
  }
  if (source.info.mode === 'folder') {
    // A folder has no API server to ask for CRDs: the Gateway API module's own stand in.
    if (flags.crds) {
      const loaded = loadCrdFolder(flags.crds)
      for (const crd of loaded.crds) crds.set(crd)
      for (const problem of loaded.problems) log(`CRDs: ${problem}`)
      log(`validating against ${loaded.crds.length} Gateway API CRDs from ${flags.crds}`)
    } else {
      log('no Gateway API CRDs found (--crds DIR or $GATEMAP_CRDS_DIR): schema and CEL checks are off')
    }
  }
  const mode: AuthMode = flags.auth ?? 'local'
  const token = mode === 'local' ? generateToken() : mode === 'token' ? sharedToken(flags, env) : undefined
  const auth = new Auth(mode, token)
  const origins: OriginPolicy = LOOPBACK.has(flags.host)
    ? loopbackPolicy(flags.allowedOrigins)
    : { allowedOrigins: new Set(flags.allowedOrigins) }
  const { app } = await buildServer({
    source,
    store,
    crds,
    auth,
    origins,
    readOnly: flags.readOnly,
    firstFrames: flags.firstFrames,
    ...(flags.web ? { webRoot: flags.web } : {}),
  })
  let address: string
  try {
    address = await app.listen({ host: flags.host, port: flags.port })
  } catch (error) {
    const why = listenFailure(error, flags.host, flags.port)
    if (why === undefined) throw error
    process.stderr.write(`gatemap: ${why}\n`)
    await app.close()
    return EXIT_CANNOT_LISTEN
  }
  const base = address.replace('://[::1]', '://localhost')
  if (mode === 'local') log(`open ${base}/login?token=${token}`)
  else if (mode === 'token')
    log(`open ${base}/ and sign in with the token from ${flags.tokenFile ?? '$GATEMAP_TOKEN'}`)
  else log(`open ${base}/ and sign in with your own Kubernetes bearer token`)
  if (flags.inCluster)
    log(
      `in a pod: the service account's RBAC decides what Gatemap watches; in ${mode} mode ${mode === 'bearer' ? "each person's own token decides what they see and change" : 'everyone acts as the service account'}`,
    )
  if (flags.readOnly) log('read-only: every write is refused')
  // Listening first lets probes see the server while a large cluster is still being listed.
  source.start().then(
    () => log(`in sync: ${store.size} objects`),
    (error: unknown) => log(`the source failed to start: ${(error as Error).message}`),
  )
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  log('stopping')
  await app.close()
  await source.stop()
  return 0
}
