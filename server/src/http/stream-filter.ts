// Bearer mode: each person sees in the stream only what Kubernetes RBAC lets them list.
import { kindInfo, splitApiVersion } from '@gatemap/shared'
import type { Credentials } from '../sources/source.ts'
import { kindKey } from '../store/resource-store.ts'
import type { StreamFilter } from '../stream/hub.ts'
import type { ServerContext } from './context.ts'

export async function streamFilterFor(
  ctx: ServerContext,
  credentials: Credentials | undefined,
): Promise<StreamFilter | undefined> {
  if (!credentials?.bearerToken || !ctx.source.visibility) return undefined
  const visible = await ctx.source.visibility(credentials)
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
      if (some || state.state !== 'ok') return state
      return { ...state, state: 'forbidden', message: 'your Kubernetes user may not list these', count: 0 }
    },
  }
}
