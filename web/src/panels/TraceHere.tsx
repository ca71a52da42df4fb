// "Trace a request here" on a Gateway's or a listener's details: opens the Trace tab with the form
// filled in for that Gateway (and, for a listener, a request its port, protocol and hostname take).
import type { NodeDetails } from '../model/details-types.ts'
import type { TraceMode, TraceQuery } from '../model/trace-query.ts'
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

export function traceHereQuery(details: NodeDetails): TraceQuery | undefined {
  const { object } = details
  if (object.kind !== 'Gateway' || !details.exists) return undefined
  const gateway = `${object.namespace ?? ''}/${object.name}`
  if (details.role === 'Gateway') return { ...BLANK_TRACE, gateway }
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
