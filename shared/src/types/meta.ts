// Kubernetes object metadata and the metav1.Condition shape, as far as Gatemap reads them.

export interface ObjectMeta {
  name: string
  namespace?: string
  labels?: Record<string, string>
  annotations?: Record<string, string>
  generation?: number
  resourceVersion?: string
  uid?: string
  creationTimestamp?: string
}

export type ConditionStatus = 'True' | 'False' | 'Unknown'

/** metav1.Condition */
export interface Condition {
  type: string
  status: ConditionStatus
  reason: string
  message: string
  observedGeneration?: number
  lastTransitionTime?: string
}

/** Any object read from a file or a cluster, before we know its kind. */
export interface KubeObject {
  apiVersion: string
  kind: string
  metadata: ObjectMeta
  spec?: unknown
  status?: unknown
  [extra: string]: unknown
}

export interface LabelSelectorRequirement {
  key: string
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'
  values?: string[]
}

export interface LabelSelector {
  matchLabels?: Record<string, string>
  matchExpressions?: LabelSelectorRequirement[]
}
