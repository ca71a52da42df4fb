// Fixture loader: reads YAML/JSON manifests (a file or a folder, recursively; multi-document files are
// fine) and applies them with server-side apply. Namespaces are applied first, then
// CustomResourceDefinitions (awaited until Established), then everything else; namespaces that
// objects live in are created when missing.
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import {
  ApiException,
  ApiextensionsV1Api,
  HttpMethod,
  type KubeConfig,
  type KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node'
import { parseAllDocuments } from 'yaml'

export interface Manifest {
  /** The file the object came from (for error messages). */
  file: string
  object: KubernetesObject
}

export interface ApplyOptions {
  /** Field manager for server-side apply (default `gatemap-e2e`). */
  fieldManager?: string
  /** Namespace for namespaced objects that name none (default `default`). */
  namespace?: string
  /**
   * Renames namespaces: every Namespace object, every metadata.namespace and every other string field
   * called `namespace` (parentRefs, backendRefs, ReferenceGrant `from`, ...) whose value is a key
   * here. Lets a test load shared fixtures into its own unique namespaces.
   */
  namespaceMap?: Record<string, string>
  /**
   * Server-side dry run: validate everything, store nothing. Namespaces are not created either, so
   * objects in namespaces that do not exist yet are rejected (NamespaceLifecycle admission).
   */
  dryRun?: boolean
  /** Take over fields owned by other managers (default true, like `kubectl apply --server-side --force-conflicts`). */
  force?: boolean
  /**
   * Called for each object the server rejects; applying then goes on with the next one. Without it
   * the first rejection throws.
   */
  onError?: (error: Error, manifest: Manifest) => void
  /** How long to wait for CRDs to become Established (default 60 s). */
  crdTimeoutMs?: number
}

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json'])

// Kustomize's own files are not manifests.
const SKIPPED_FILES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization'])

/** All manifest files under `fileOrDir`, recursively, in path order (kustomization files skipped). */
export async function manifestFiles(fileOrDir: string): Promise<string[]> {
  const info = await stat(fileOrDir)
  if (!info.isDirectory()) return [fileOrDir]
  const entries = await readdir(fileOrDir, { withFileTypes: true, recursive: true })
  return entries
    .filter((e) => e.isFile() && MANIFEST_EXTENSIONS.has(path.extname(e.name)) && !SKIPPED_FILES.has(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort()
}

/** Parses every manifest under `fileOrDir`; empty documents and `kind: List` wrappers are flattened. */
export async function readManifests(fileOrDir: string): Promise<Manifest[]> {
  const out: Manifest[] = []
  for (const file of await manifestFiles(fileOrDir)) {
    const text = await readFile(file, 'utf8')
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`)
      const value: unknown = doc.toJS()
      if (value === null || value === undefined) continue
      for (const object of flatten(value, file)) out.push({ file, object })
    }
  }
  return out
}

function flatten(value: unknown, file: string): KubernetesObject[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${file}: a manifest must be an object, got ${JSON.stringify(value)?.slice(0, 80)}`)
  }
  const object = value as KubernetesObject & { items?: unknown[] }
  if (object.kind?.endsWith('List') && Array.isArray(object.items)) {
    return object.items.flatMap((item) => flatten(item, file))
  }
  if (!object.apiVersion || !object.kind || !object.metadata?.name) {
    throw new Error(`${file}: every manifest needs apiVersion, kind and metadata.name`)
  }
  return [object]
}

function rank(object: KubernetesObject): number {
  if (object.kind === 'Namespace' && object.apiVersion === 'v1') return 0
  if (object.kind === 'CustomResourceDefinition') return 1
  return 2
}

/** Returns a copy with namespaces renamed according to `map` (see {@link ApplyOptions.namespaceMap}). */
export function renameNamespaces<T>(value: T, map: Record<string, string>, isNamespace = false): T {
  if (Array.isArray(value)) return value.map((v) => renameNamespaces(v, map)) as T
  if (typeof value !== 'object' || value === null) return value
  const object = value as Record<string, unknown>
  const copy: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(object)) {
    if (key === 'namespace' && typeof v === 'string') copy[key] = map[v] ?? v
    else if (isNamespace && key === 'metadata' && typeof v === 'object' && v !== null) {
      const name = (v as { name?: string }).name
      copy[key] = { ...renameNamespaces(v, map), ...(name ? { name: map[name] ?? name } : {}) }
    } else copy[key] = renameNamespaces(v, map)
  }
  return copy as T
}

/** The message of a Kubernetes API error (the Status message when there is one). */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiException) {
    const body = err.body as unknown
    let status: { message?: string } | undefined
    if (typeof body === 'string') {
      try {
        status = JSON.parse(body) as { message?: string }
      } catch {
        return `HTTP ${err.code}: ${body}`
      }
    } else if (typeof body === 'object' && body !== null) status = body as { message?: string }
    return `HTTP ${err.code}: ${status?.message ?? err.message}`
  }
  return err instanceof Error ? err.message : String(err)
}

function describe(m: KubernetesObject): string {
  const ns = m.metadata?.namespace ? `${m.metadata.namespace}/` : ''
  return `${m.kind} ${ns}${m.metadata?.name}`
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until every named CRD reports the condition Established=True. */
export async function waitForCrdsEstablished(
  kc: KubeConfig,
  names: string[],
  timeoutMs = 60_000,
): Promise<void> {
  const api = kc.makeApiClient(ApiextensionsV1Api)
  const deadline = Date.now() + timeoutMs
  for (const name of names) {
    for (;;) {
      const crd = await api.readCustomResourceDefinition({ name })
      const established = crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')
      if (established) break
      if (Date.now() > deadline) throw new Error(`CRD ${name} is not Established after ${timeoutMs} ms`)
      await sleep(100)
    }
  }
}

/**
 * Applies manifests in dependency order with server-side apply and returns the objects as the server
 * stored them (or would store them, with dryRun).
 */
export async function applyManifests(
  kc: KubeConfig,
  manifests: Manifest[],
  options: ApplyOptions = {},
): Promise<KubernetesObject[]> {
  const fieldManager = options.fieldManager ?? 'gatemap-e2e'
  const defaultNamespace = options.namespace ?? 'default'
  const dryRun = options.dryRun ?? false
  const force = options.force ?? true
  const client = ObjectApi.for(kc)
  const map = options.namespaceMap ?? {}
  const ordered = manifests
    .map((m) => ({
      file: m.file,
      object: renameNamespaces(m.object, map, m.object.kind === 'Namespace' && m.object.apiVersion === 'v1'),
    }))
    .sort((a, b) => rank(a.object) - rank(b.object))

  const present = new Set<string>()
  const ensureNamespace = async (name: string) => {
    if (present.has(name)) return
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }
    try {
      await client.read(ns)
    } catch (err) {
      if (!(err instanceof ApiException && err.code === 404)) throw err
      await client.apply(ns, fieldManager, force, dryRun)
    }
    present.add(name)
  }

  const applied: KubernetesObject[] = []
  let crdsPending: string[] = []
  for (const { file, object } of ordered) {
    if (crdsPending.length > 0 && rank(object) === 2) {
      if (!dryRun) await waitForCrdsEstablished(kc, crdsPending, options.crdTimeoutMs)
      crdsPending = []
    }
    try {
      const resource = await resourceFor(client, object)
      if (resource.namespaced) {
        object.metadata!.namespace ??= defaultNamespace
        await ensureNamespace(object.metadata!.namespace!)
      }
      const result = await client.apply(object, fieldManager, force, dryRun)
      applied.push(result)
      if (object.kind === 'Namespace' && object.apiVersion === 'v1') present.add(object.metadata!.name!)
      if (object.kind === 'CustomResourceDefinition') crdsPending.push(object.metadata!.name!)
    } catch (err) {
      const error = new Error(`${file}: applying ${describe(object)} failed: ${errorMessage(err)}`, {
        cause: err,
      })
      if (!options.onError) throw error
      options.onError(error, { file, object })
    }
  }
  if (crdsPending.length > 0 && !dryRun) await waitForCrdsEstablished(kc, crdsPending, options.crdTimeoutMs)
  return applied
}

// KubernetesObjectApi with its (protected) discovery lookup made usable, and a server-side apply that
// sends the manifest as it is. KubernetesObjectApi.patch serializes built-in kinds through
// client-node's generated models, which expect camelCase property names: fields spelled as in YAML
// (`x-kubernetes-validations`, `x-kubernetes-list-type`, `$ref`, ...) are silently dropped, so a CRD
// applied that way loses its CEL rules and list types.
class ObjectApi extends KubernetesObjectApi {
  static for(kc: KubeConfig): ObjectApi {
    const client = kc.makeApiClient(ObjectApi)
    client.setDefaultNamespace(kc)
    return client
  }
  lookup(apiVersion: string, kind: string) {
    return this.resource(apiVersion, kind)
  }
  async apply(object: KubernetesObject, fieldManager: string, force: boolean, dryRun: boolean) {
    const request = this.configuration.baseServer.makeRequestContext(
      await this.specUriPath(object, 'patch'),
      HttpMethod.PATCH,
    )
    request.setHeaderParam('Accept', 'application/json')
    request.setHeaderParam('Content-Type', PatchStrategy.ServerSideApply)
    request.setQueryParam('fieldManager', fieldManager)
    if (force) request.setQueryParam('force', 'true')
    if (dryRun) request.setQueryParam('dryRun', 'All')
    request.setBody(JSON.stringify(object))
    return this.requestPromise<KubernetesObject>(request)
  }
}

// Discovery right after a CRD became Established can lag by a moment: retry for a few seconds.
async function resourceFor(client: ObjectApi, object: KubernetesObject) {
  const deadline = Date.now() + 10_000
  for (;;) {
    const resource = await client.lookup(object.apiVersion!, object.kind!).catch((err: unknown) => {
      if (err instanceof ApiException && err.code === 404) return undefined
      throw err
    })
    if (resource) return resource
    if (Date.now() > deadline) throw new Error(`the server does not know ${object.apiVersion} ${object.kind}`)
    await sleep(200)
  }
}

/** Reads and applies every manifest under `fileOrDir` (e.g. the repository's `examples/` folder). */
export async function applyFolder(
  kc: KubeConfig,
  fileOrDir: string,
  options: ApplyOptions = {},
): Promise<KubernetesObject[]> {
  return applyManifests(kc, await readManifests(fileOrDir), options)
}
