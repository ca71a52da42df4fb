// The route form model: the fields of HTTPRoute, GRPCRoute, TLSRoute, TCPRoute and UDPRoute that the
// forms edit, named as in the object. Everything is optional because a draft may lack anything;
// undefined means "not in the object". Which parts a kind has is `routeFeatures(kind)`.
import type { RouteKind } from '../../types/gateway.ts'
import type { Item } from './shape.ts'

export interface ParentRefForm {
  group?: string
  kind?: string
  namespace?: string
  name?: string
  sectionName?: string
  port?: number
}

/** An object reference with a port: a backendRef, a mirror's backendRef. */
export interface BackendObjectRefForm {
  group?: string
  kind?: string
  name?: string
  namespace?: string
  port?: number
}

export interface PathMatchForm {
  type?: string
  value?: string
}

/** A header or query parameter match. */
export interface ValueMatchForm {
  type?: string
  name?: string
  value?: string
}

export interface GrpcMethodMatchForm {
  type?: string
  service?: string
  method?: string
}

export interface MatchForm {
  /** HTTPRoute only. */
  path?: PathMatchForm
  headers?: Item<ValueMatchForm>[]
  /** HTTPRoute only. */
  queryParams?: Item<ValueMatchForm>[]
  /** HTTPRoute: an HTTP method such as GET. GRPCRoute: the service and method to match. */
  method?: string | GrpcMethodMatchForm
}

export interface NameValueForm {
  name?: string
  value?: string
}

export interface HeaderModifierForm {
  set?: Item<NameValueForm>[]
  add?: Item<NameValueForm>[]
  remove?: string[]
}

export interface PathModifierForm {
  type?: string
  replaceFullPath?: string
  replacePrefixMatch?: string
}

export interface RequestRedirectForm {
  scheme?: string
  hostname?: string
  path?: PathModifierForm
  port?: number
  statusCode?: number
}

export interface UrlRewriteForm {
  hostname?: string
  path?: PathModifierForm
}

export interface RequestMirrorForm {
  backendRef?: BackendObjectRefForm
  percent?: number
  fraction?: { numerator?: number; denominator?: number }
}

export interface CorsForm {
  allowOrigins?: string[]
  allowMethods?: string[]
  allowHeaders?: string[]
  exposeHeaders?: string[]
  allowCredentials?: boolean
  maxAge?: number
}

export interface ExtensionRefForm {
  group?: string
  kind?: string
  name?: string
}

export interface FilterForm {
  type?: string
  requestHeaderModifier?: HeaderModifierForm
  responseHeaderModifier?: HeaderModifierForm
  requestRedirect?: RequestRedirectForm
  urlRewrite?: UrlRewriteForm
  requestMirror?: RequestMirrorForm
  cors?: CorsForm
  extensionRef?: ExtensionRefForm
  /** Not edited by the forms; known only so that changing a filter's type can clear it. */
  externalAuth?: unknown
}

export interface BackendRefForm extends BackendObjectRefForm {
  weight?: number
  /** HTTPRoute and GRPCRoute only. */
  filters?: Item<FilterForm>[]
}

export interface TimeoutsForm {
  request?: string
  backendRequest?: string
}

export interface RuleForm {
  name?: string
  /** HTTPRoute and GRPCRoute only. */
  matches?: Item<MatchForm>[]
  /** HTTPRoute and GRPCRoute only. */
  filters?: Item<FilterForm>[]
  backendRefs?: Item<BackendRefForm>[]
  /** HTTPRoute only. */
  timeouts?: TimeoutsForm
}

export interface RouteForm {
  /** From the object; writing never changes it. */
  kind: RouteKind
  parentRefs?: Item<ParentRefForm>[]
  /** Not TCPRoute or UDPRoute. */
  hostnames?: string[]
  rules?: Item<RuleForm>[]
}
