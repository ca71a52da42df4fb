// What the cluster serves: for each Gateway API kind Gatemap knows, the version to watch (the group's
// preferred version when it serves the kind, else the newest served one in KNOWN_KINDS order), and
// the resource names needed to build request paths for any kind a writer is handed.
import { GATEWAY_GROUP, type KindInfo, KNOWN_KINDS, splitApiVersion } from '@gatemap/shared'
import { ApiError, type KubeHttp } from './http.ts'

export interface ResourceInfo {
  group: string
  version: string
  kind: string
  /** The URL segment: `httproutes`. */
  plural: string
  namespaced: boolean
}

interface ApiResource {
  name: string
  kind: string
  namespaced: boolean
}

interface ApiGroup {
  versions?: { version: string }[]
  preferredVersion?: { version: string }
}

/**
 * The version to watch: `preferred` if it serves the kind and Gatemap reads it, else the first of the
 * kind's known versions (newest first) that is served; undefined when none is.
 */
export function chooseVersion(
  info: KindInfo,
  served: readonly string[],
  preferred?: string,
): string | undefined {
  if (preferred && served.includes(preferred) && info.versions.includes(preferred)) return preferred
  return info.versions.find((version) => served.includes(version))
}

export const GATEWAY_KINDS: readonly KindInfo[] = KNOWN_KINDS.filter((k) => k.group === GATEWAY_GROUP)
export const CORE_KINDS: readonly KindInfo[] = KNOWN_KINDS.filter((k) => k.group === '')

/** The path of a group version: `/api/v1` or `/apis/<group>/<version>`. */
export function groupVersionPath(group: string, version: string): string {
  return group === '' ? `/api/${version}` : `/apis/${group}/${version}`
}

/** Collection path, namespaced when `namespace` is given and the resource is namespaced. */
export function collectionPath(resource: ResourceInfo, namespace?: string): string {
  const base = groupVersionPath(resource.group, resource.version)
  const ns = resource.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ''
  return `${base}${ns}/${resource.plural}`
}

export function objectPath(resource: ResourceInfo, namespace: string | undefined, name: string): string {
  return `${collectionPath(resource, namespace)}/${encodeURIComponent(name)}`
}

export class Discovery {
  private readonly http: KubeHttp
  private readonly groupVersions = new Map<string, Promise<ApiResource[] | undefined>>()

  constructor(http: KubeHttp) {
    this.http = http
  }

  /** Forget cached answers (a CRD came or went). */
  invalidate(): void {
    this.groupVersions.clear()
  }

  /**
   * The Gateway API kinds the cluster serves, with the version to watch. Kinds missing from the map
   * are not installed. Network and permission errors propagate.
   */
  async gatewayKinds(): Promise<Map<string, ResourceInfo>> {
    this.invalidate()
    const group = await this.getOptional<ApiGroup>(`/apis/${GATEWAY_GROUP}`)
    const result = new Map<string, ResourceInfo>()
    if (!group) return result
    const byVersion = new Map<string, ApiResource[]>()
    for (const { version } of group.versions ?? []) {
      byVersion.set(version, (await this.resources(GATEWAY_GROUP, version)) ?? [])
    }
    for (const info of GATEWAY_KINDS) {
      const served = [...byVersion]
        .filter(([, list]) => list.some((r) => r.kind === info.kind))
        .map(([v]) => v)
      const version = chooseVersion(info, served, group.preferredVersion?.version)
      const resource = version ? byVersion.get(version)?.find((r) => r.kind === info.kind) : undefined
      if (version && resource) result.set(info.kind, toInfo(GATEWAY_GROUP, version, resource))
    }
    return result
  }

  /** Every API group the cluster serves (`/apis`), with its versions. */
  async servedGroups(): Promise<Map<string, string[]>> {
    const list = await this.getOptional<{ groups?: { name: string; versions?: { version: string }[] }[] }>(
      '/apis',
    )
    return new Map((list?.groups ?? []).map((g) => [g.name, (g.versions ?? []).map((v) => v.version)]))
  }

  /** The resource serving `kind` at `apiVersion`, or undefined when the cluster does not serve it. */
  async resource(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    const { group, version } = splitApiVersion(apiVersion)
    const found = (await this.resources(group, version))?.find((r) => r.kind === kind)
    return found ? toInfo(group, version, found) : undefined
  }

  private resources(group: string, version: string): Promise<ApiResource[] | undefined> {
    const key = `${group}/${version}`
    let cached = this.groupVersions.get(key)
    if (!cached) {
      cached = this.getOptional<{ resources?: ApiResource[] }>(groupVersionPath(group, version)).then(
        (list) => list?.resources?.filter((r) => !r.name.includes('/')),
      )
      // A failed lookup is not remembered, so the next call asks again.
      cached.catch(() => this.groupVersions.delete(key))
      this.groupVersions.set(key, cached)
    }
    return cached
  }

  private async getOptional<T>(path: string): Promise<T | undefined> {
    try {
      return (await this.http.request('GET', path, { timeoutMs: 10_000 })).body as T
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined
      throw error
    }
  }
}

function toInfo(group: string, version: string, resource: ApiResource): ResourceInfo {
  return { group, version, kind: resource.kind, plural: resource.name, namespaced: resource.namespaced }
}

/** Core kinds are always served at v1; their resource names are fixed. */
export function coreResource(kind: string): ResourceInfo | undefined {
  const info = CORE_KINDS.find((k) => k.kind === kind)
  if (!info) return undefined
  return { group: '', version: 'v1', kind, plural: `${kind.toLowerCase()}s`, namespaced: info.namespaced }
}
