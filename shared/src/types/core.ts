// The core/v1 objects the analysis needs: namespace labels, Service ports, and that a Secret exists.
// Secret data is never read: only metadata (and the type) are kept.
import type { KubeObject } from './meta.ts'

export interface Namespace extends KubeObject {
  kind: 'Namespace'
}

export interface ServicePort {
  name?: string
  port: number
  protocol?: string
  appProtocol?: string
  targetPort?: number | string
}

export interface Service extends KubeObject {
  kind: 'Service'
  spec: {
    ports?: ServicePort[]
    type?: string
    clusterIP?: string
    externalName?: string
    selector?: Record<string, string>
  }
}

export interface Secret extends KubeObject {
  kind: 'Secret'
  type?: string
  /** Set by the file loader, which drops the data itself; unknown (absent) for cluster Secrets. */
  tlsCertificate?: 'pem' | 'malformed'
}

/** Only the name matters: CA bundles are referenced, never read. */
export interface ConfigMap extends KubeObject {
  kind: 'ConfigMap'
}
