// What the person asked the editor to open. Small and free of the editor's dependencies, so the
// page can say it before the editor's chunk is loaded.
import type { KubeObject } from '@gatemap/shared'

export interface ListenerIntentTarget {
  kind: string
  namespace: string
  name: string
  listener: string
  protocol: string
}

export type EditIntent =
  | { type: 'edit'; object: KubeObject }
  | { type: 'clone'; object: KubeObject }
  | { type: 'new'; target: ListenerIntentTarget }
  | { type: 'open'; key: string }
