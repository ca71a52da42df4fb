// "Trace a request here" on a Gateway's, a ListenerSet's or a listener's details: opens the Trace tab
// with the form filled in for that Gateway (a ListenerSet's parent; for a listener, also a request its
// port, protocol and hostname take).
import { type ListenerSet, resolveListenerSetParentRef } from '@gatemap/shared'
import type { NodeDetails } from '@gatemap/shared/view/model/details-types.ts'
import type { TraceMode, TraceQuery } from '@gatemap/shared/view/model/trace-query.ts'
import { BLANK_TRACE } from './TracePanel.tsx'

function modeOf(protocol: string): TraceMode {
  if (protocol === 'TLS') return 'tls'
  if (protocol === 'TCP' || protocol === 'UDP') return 'tcp'
  return 'http'
}

/** A request the listener takes: its hostname (a wildcard's first label filled in) and port. */
export function listenerRequest(
  gateway: string,
  listener: { protocol: string; port: number; hostname?: string },
): TraceQuery {
  const mode = modeOf(listener.protocol)
  const host = listener.hostname?.replace(/^\*\./, 'www.') ?? 'example.com'
  if (mode !== 'http')
    return { ...BLANK_TRACE, gateway, mode, method: '', target: `${host}:${listener.port}` }
  const scheme = listener.protocol === 'HTTPS' ? 'https' : 'http'
  const standard =
    (scheme === 'http' && listener.port === 80) || (scheme === 'https' && listener.port === 443)
  return { ...BLANK_TRACE, gateway, target: `${scheme}://${host}${standard ? '' : `:${listener.port}`}/` }
}

/** The Gateway a request to this object goes to: itself, its owner, or a ListenerSet's parent. */
function gatewayOf(details: NodeDetails): string | undefined {
  const { object } = details
  if (object.kind === 'Gateway') return `${object.namespace ?? ''}/${object.name}`
  if (object.kind !== 'ListenerSet') return undefined
  const parentRef = (details.manifest as ListenerSet | undefined)?.spec?.parentRef
  if (!parentRef?.name) return undefined
  const parent = resolveListenerSetParentRef(parentRef, object.namespace ?? '')
  return parent.kind === 'Gateway' ? `${parent.namespace}/${parent.name}` : undefined
}

export function traceHereQuery(details: NodeDetails): TraceQuery | undefined {
  if (!details.exists) return undefined
  const gateway = gatewayOf(details)
  if (!gateway) return undefined
  if (details.role === 'Gateway' || details.role === 'ListenerSet') return { ...BLANK_TRACE, gateway }
  if (details.role === 'Listener' && details.listener) return listenerRequest(gateway, details.listener)
  return undefined
}

export function TraceHere({ details, onTrace }: { details: NodeDetails; onTrace(query: TraceQuery): void }) {
  const query = traceHereQuery(details)
  if (!query) return null
  return (
    <button type="button" data-testid="trace-here" onClick={() => onTrace(query)}>
      Trace a request here
    </button>
  )
}
