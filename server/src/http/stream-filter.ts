// Bearer mode: each person sees in the stream only what Kubernetes RBAC lets them list, and is told
// what is hidden (kinds they may not list at all are `forbidden`; kinds they may list only in some
// namespaces carry those namespaces), so their analysis says "cannot check" instead of "not found".
// Validate and the computed status analyse the same view (analysis/views.ts).
import { kindInfo, splitApiVersion } from '@gatemap/shared'
import type { ViewSpec } from '../analysis/views.ts'
import type { Credentials, Visibility } from '../sources/source.ts'
import { kindKey } from '../store/resource-store.ts'
import type { StreamFilter } from '../stream/hub.ts'
import type { ServerContext } from './context.ts'

export async function streamFilterFor(
  ctx: ServerContext,
  credentials: Credentials | undefined,
): Promise<StreamFilter | undefined> {
  return (await personalView(ctx, credentials))?.filter
}

/** The person's view: their stream filter, keyed by what it lets them see. */
export async function personalView(
  ctx: ServerContext,
  credentials: Credentials | undefined,
): Promise<ViewSpec | undefined> {
  if (!credentials?.bearerToken || !ctx.source.visibility) return undefined
  const visible = await ctx.source.visibility(credentials)
  return { key: visibilityKey(visible), filter: filterOf(visible) }
}

/** Equal for equal visibility, whatever order the reviews answered in. */
export function visibilityKey(visible: Visibility): string {
  return JSON.stringify(
    [...visible]
      .map(([kind, scope]) => [kind, scope === 'all' ? 'all' : [...scope].sort()] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  )
}

export function filterOf(visible: Visibility): StreamFilter {
  return {
    object(entry) {
      const { group } = splitApiVersion(entry.object.apiVersion)
      const scope = visible.get(kindKey(group, entry.object.kind))
      if (scope === undefined) return false
      if (scope === 'all') return true
      const info = kindInfo(group, entry.object.kind)
      // A cluster-scoped kind is only visible with cluster-wide permission.
      return info?.namespaced !== false && scope.has(entry.object.metadata.namespace ?? '')
    },
    kind(state) {
      const scope = visible.get(kindKey(state.group, state.kind))
      // As for objects: a cluster-scoped kind is visible only with cluster-wide permission, so a
      // person allowed to list GatewayClasses in some namespace still sees none, and is told.
      const namespaced = kindInfo(state.group, state.kind)?.namespaced !== false
      const some = scope === 'all' || (namespaced && scope !== undefined && scope.size > 0)
      if (!some && state.state === 'ok')
        return { ...state, state: 'forbidden', message: 'your Kubernetes user may not list these', count: 0 }
      if (scope instanceof Set && some) {
        // Within what the source itself watches (gatemap serve --namespace), if it is limited.
        const namespaces = [...scope].filter((ns) => !state.namespaces || state.namespaces.includes(ns))
        return { ...state, namespaces: namespaces.sort() }
      }
      return state
    },
  }
}
