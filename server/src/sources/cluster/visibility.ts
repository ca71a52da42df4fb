// What one caller may read, as RBAC says: for every watched kind, 'all' when they may list it
// cluster-wide (SelfSubjectAccessReview), else the namespaces where a SelfSubjectRulesReview grants
// `list`. Answers are cached briefly per identity so a burst of tabs costs one round of reviews.
import { createHash } from 'node:crypto'
import type { Visibility } from '../source.ts'
import type { ResourceInfo } from './discovery.ts'
import type { KubeHttp } from './http.ts'

const AUTHZ = '/apis/authorization.k8s.io/v1'

interface ResourceRule {
  verbs?: string[]
  apiGroups?: string[]
  resources?: string[]
  resourceNames?: string[]
}

export interface VisibilityOptions {
  /** The kinds being watched. */
  resources: () => ResourceInfo[]
  /** The namespaces to ask about. */
  namespaces: () => string[]
  ttlMs?: number
  /** Namespaces reviewed at once. */
  concurrency?: number
}

/** True when one of `rules` lets its holder list every object of `resource`. */
export function rulesAllowList(
  rules: readonly ResourceRule[],
  resource: Pick<ResourceInfo, 'group' | 'plural'>,
) {
  const has = (list: string[] | undefined, value: string) =>
    !!list && (list.includes('*') || list.includes(value))
  return rules.some(
    (rule) =>
      has(rule.verbs, 'list') &&
      has(rule.apiGroups, resource.group) &&
      has(rule.resources, resource.plural) &&
      !rule.resourceNames?.length,
  )
}

export class VisibilityResolver {
  private readonly options: VisibilityOptions
  private readonly cache = new Map<string, { expires: number; value: Promise<Visibility> }>()

  constructor(options: VisibilityOptions) {
    this.options = options
  }

  /** `identity` keys the cache (a bearer token, or '' for the server's own). */
  visibility(http: KubeHttp, identity: string): Promise<Visibility> {
    const key = createHash('sha256').update(identity).digest('hex')
    const now = Date.now()
    const hit = this.cache.get(key)
    if (hit && hit.expires > now) return hit.value
    for (const [k, entry] of this.cache) if (entry.expires <= now) this.cache.delete(k)
    const value = this.compute(http)
    this.cache.set(key, { expires: now + (this.options.ttlMs ?? 30_000), value })
    value.catch(() => this.cache.delete(key))
    return value
  }

  private async compute(http: KubeHttp): Promise<Visibility> {
    const result: Visibility = new Map()
    const partial: ResourceInfo[] = []
    await Promise.all(
      this.options.resources().map(async (resource) => {
        const key = `${resource.group}/${resource.kind}`
        if (await canList(http, resource)) result.set(key, 'all')
        else {
          result.set(key, new Set())
          partial.push(resource)
        }
      }),
    )
    if (partial.length === 0) return result
    const namespaces = [...this.options.namespaces()]
    const worker = async () => {
      for (let namespace = namespaces.shift(); namespace !== undefined; namespace = namespaces.shift()) {
        const review = await rulesIn(http, namespace)
        for (const resource of partial) {
          const allowed = review.incomplete
            ? rulesAllowList(review.rules, resource) || (await canList(http, resource, namespace))
            : rulesAllowList(review.rules, resource)
          const set = result.get(`${resource.group}/${resource.kind}`)
          if (allowed && set instanceof Set) set.add(namespace)
        }
      }
    }
    await Promise.all(Array.from({ length: this.options.concurrency ?? 8 }, worker))
    return result
  }
}

async function canList(http: KubeHttp, resource: ResourceInfo, namespace?: string): Promise<boolean> {
  const { body } = await http.request('POST', `${AUTHZ}/selfsubjectaccessreviews`, {
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: {
        resourceAttributes: { verb: 'list', group: resource.group, resource: resource.plural, namespace },
      },
    },
  })
  return (body as { status?: { allowed?: boolean } }).status?.allowed === true
}

async function rulesIn(http: KubeHttp, namespace: string) {
  const { body } = await http.request('POST', `${AUTHZ}/selfsubjectrulesreviews`, {
    body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace } },
  })
  const status = (body as { status?: { resourceRules?: ResourceRule[]; incomplete?: boolean } }).status
  return { rules: status?.resourceRules ?? [], incomplete: status?.incomplete === true }
}
