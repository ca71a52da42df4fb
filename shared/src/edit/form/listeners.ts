// A Gateway's (or ListenerSet's) spec.listeners ↔ the listeners form. Everything else in the object,
// and everything in a listener the form does not know, is kept as it is.
import type { Item, Shape } from './shape.ts'
import { readShape, sameValue, writeShape } from './shape.ts'

export const LISTENER_PROTOCOLS = ['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP'] as const
export const TLS_MODES = ['Terminate', 'Passthrough'] as const
export const NAMESPACES_FROM = ['All', 'Same', 'Selector'] as const

export interface CertificateRefForm {
  group?: string
  kind?: string
  name?: string
  namespace?: string
}

export interface ListenerTlsForm {
  mode?: string
  certificateRefs?: Item<CertificateRefForm>[]
  options?: Record<string, string>
}

export interface AllowedRoutesForm {
  namespaces?: {
    from?: string
    selector?: {
      matchLabels?: Record<string, string>
      /** Shown and kept; edited in YAML. */
      matchExpressions?: unknown
    }
  }
  kinds?: Item<{ group?: string; kind?: string }>[]
}

export interface ListenerForm {
  name?: string
  protocol?: string
  port?: number
  hostname?: string
  tls?: ListenerTlsForm
  allowedRoutes?: AllowedRoutesForm
}

export interface ListenersForm {
  listeners?: Item<ListenerForm>[]
}

const LISTENERS_SHAPE: Shape = {
  fields: {
    listeners: {
      items: {
        fields: {
          name: 'string',
          protocol: 'string',
          port: 'number',
          hostname: 'string',
          tls: {
            fields: {
              mode: 'string',
              certificateRefs: {
                items: { fields: { group: 'string', kind: 'string', name: 'string', namespace: 'string' } },
              },
              options: 'record',
            },
          },
          allowedRoutes: {
            fields: {
              namespaces: {
                fields: {
                  from: 'string',
                  selector: { fields: { matchLabels: 'record', matchExpressions: 'any' } },
                },
              },
              kinds: { items: { fields: { group: 'string', kind: 'string' } } },
            },
          },
        },
      },
    },
  },
}

export function readListenersForm(object: object): ListenersForm {
  return (readShape(LISTENERS_SHAPE, (object as { spec?: unknown }).spec) as ListenersForm | undefined) ?? {}
}

/** `original` with the listeners written in; `original` itself when nothing changed. */
export function writeListenersForm<T extends object>(original: T, form: ListenersForm): T {
  const spec = (original as { spec?: unknown }).spec
  if (spec === undefined && sameValue(form, {})) return original
  const next = writeShape(LISTENERS_SHAPE, spec, form)
  if (next === spec) return original
  return { ...original, spec: next }
}

/** A plain HTTP listener with a name none of `listeners` has (names must be unique in a Gateway). */
export function newListener(listeners: readonly ListenerForm[] = []): Item<ListenerForm> {
  const taken = new Set(listeners.map((l) => l.name))
  let n = listeners.length + 1
  while (taken.has(`listener-${n}`)) n++
  return { name: `listener-${n}`, protocol: 'HTTP', port: 80 }
}
