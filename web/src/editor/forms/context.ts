// What every part of a route form needs besides its own value: the kind's features, the route's
// namespace (the default for references), and where Service name suggestions are.
import type { RouteFeatures, RouteKind } from '@gatemap/shared'

export interface RouteFormContext {
  kind: RouteKind
  features: RouteFeatures
  /** The route's namespace: a reference without a namespace points here. */
  namespace: string
  /** The id of the <datalist> of Service names in a namespace, when there are any. */
  servicesList(namespace: string | undefined): string | undefined
}
