// Gateway API resource shapes (v1.6). Older versions (v1beta1, v1alpha2) are read into these
// newest shapes: the fields Gatemap reads did not change between them.
import type { RouteKind } from '../route-kinds.ts'
import type { Condition, KubeObject, LabelSelector, ObjectMeta } from './meta.ts'

export const GATEWAY_GROUP = 'gateway.networking.k8s.io'

export interface ParentReference {
  group?: string
  kind?: string
  namespace?: string
  name: string
  sectionName?: string
  port?: number
}

export interface BackendObjectReference {
  group?: string
  kind?: string
  name: string
  namespace?: string
  port?: number
}

export interface BackendRef extends BackendObjectReference {
  weight?: number
  filters?: unknown[]
}

export interface SecretObjectReference {
  group?: string
  kind?: string
  name: string
  namespace?: string
}

export interface RouteGroupKind {
  group?: string
  kind: string
}

export interface AllowedRoutes {
  namespaces?: { from?: 'All' | 'Same' | 'Selector' | 'None'; selector?: LabelSelector }
  kinds?: RouteGroupKind[]
}

export interface GatewayTLSConfig {
  mode?: 'Terminate' | 'Passthrough'
  certificateRefs?: SecretObjectReference[]
  options?: Record<string, string>
}

export type ProtocolType = 'HTTP' | 'HTTPS' | 'TLS' | 'TCP' | 'UDP' | (string & {})

export interface Listener {
  name: string
  hostname?: string
  port: number
  protocol: ProtocolType
  tls?: GatewayTLSConfig
  allowedRoutes?: AllowedRoutes
}

export interface ListenerStatus {
  name: string
  supportedKinds: RouteGroupKind[]
  attachedRoutes: number
  conditions: Condition[]
}

export interface GatewayStatus {
  addresses?: { type?: string; value: string }[]
  conditions?: Condition[]
  listeners?: ListenerStatus[]
  attachedListenerSets?: number
}

export interface GatewaySpec {
  gatewayClassName: string
  listeners?: Listener[]
  addresses?: { type?: string; value?: string }[]
  allowedListeners?: {
    namespaces?: { from?: 'All' | 'Same' | 'Selector' | 'None'; selector?: LabelSelector }
  }
  infrastructure?: {
    parametersRef?: { group: string; kind: string; name: string }
    labels?: Record<string, string>
  }
  tls?: GatewayTLS
}

export interface FrontendValidation {
  mode?: 'AllowValidOnly' | 'AllowInsecureFallback'
  caCertificateRefs?: { group?: string; kind?: string; name: string; namespace?: string }[]
}

/** spec.tls: client certificates towards backends, and client-certificate validation at the front. */
export interface GatewayTLS {
  backend?: { clientCertificateRef?: SecretObjectReference }
  frontend?: {
    default?: { validation?: FrontendValidation }
    perPort?: { port: number; tls?: { validation?: FrontendValidation } }[]
  }
}

export interface Gateway extends KubeObject {
  kind: 'Gateway'
  metadata: ObjectMeta
  spec: GatewaySpec
  status?: GatewayStatus
}

export interface GatewayClass extends KubeObject {
  kind: 'GatewayClass'
  spec: { controllerName: string; parametersRef?: unknown; description?: string }
  status?: { conditions?: Condition[] }
}

export interface ListenerSetSpec {
  parentRef: { group?: string; kind?: string; name: string; namespace?: string }
  listeners: Listener[]
}

export interface ListenerSet extends KubeObject {
  kind: 'ListenerSet'
  spec: ListenerSetSpec
  status?: { conditions?: Condition[]; listeners?: ListenerStatus[] }
}

export interface RouteParentStatus {
  parentRef: ParentReference
  controllerName: string
  conditions: Condition[]
}

export interface RouteStatus {
  parents?: RouteParentStatus[]
}

export interface RouteRule {
  name?: string
  matches?: unknown[]
  filters?: unknown[]
  backendRefs?: BackendRef[]
  [extra: string]: unknown
}

export interface RouteSpec {
  parentRefs?: ParentReference[]
  hostnames?: string[]
  rules?: RouteRule[]
  [extra: string]: unknown
}

// The route kinds and their facts live in one registry (route-kinds.ts).
export { ROUTE_KINDS, type RouteKind } from '../route-kinds.ts'

export interface Route extends KubeObject {
  kind: RouteKind
  spec: RouteSpec
  status?: RouteStatus
}

export interface ReferenceGrant extends KubeObject {
  kind: 'ReferenceGrant'
  spec: {
    from: { group: string; kind: string; namespace: string }[]
    to: { group: string; kind: string; name?: string }[]
  }
}

export interface BackendTLSPolicy extends KubeObject {
  kind: 'BackendTLSPolicy'
  spec: {
    targetRefs: { group: string; kind: string; name: string; sectionName?: string }[]
    validation: {
      caCertificateRefs?: { group: string; kind: string; name: string }[]
      wellKnownCACertificates?: string
      hostname: string
      subjectAltNames?: unknown[]
    }
    options?: Record<string, string>
  }
  status?: { ancestors?: { ancestorRef: ParentReference; controllerName: string; conditions: Condition[] }[] }
}
