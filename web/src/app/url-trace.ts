// A traced request in the address bar, so that a link reproduces the trace: `trace=NS/NAME` (the
// Gateway, or the Service with `tto=service` for a mesh request), `tmode=http|grpc|tls|tcp`, `treq=` (URL or HOST:PORT), `tmethod=` and one `th=` per
// header. A malformed Gateway drops the trace and an unknown mode reads as http: never fatal.
import { TRACE_MODES, type TraceMode, type TraceQuery } from '@gatemap/shared/view/model/trace-query.ts'

export function readTrace(params: URLSearchParams): TraceQuery | undefined {
  const gateway = params.get('trace')
  if (!gateway || !/^[^/\s]+\/[^/\s]+$/.test(gateway)) return undefined
  const mode = params.get('tmode') ?? 'http'
  return {
    gateway,
    ...(params.get('tto') === 'service' ? { targetKind: 'Service' as const } : {}),
    mode: TRACE_MODES.includes(mode as TraceMode) ? (mode as TraceMode) : 'http',
    target: params.get('treq') ?? '',
    method: params.get('tmethod') ?? '',
    headers: params.getAll('th').filter((h) => h.trim() !== ''),
  }
}

export function writeTrace(params: URLSearchParams, trace: TraceQuery): void {
  params.set('trace', trace.gateway)
  if (trace.targetKind === 'Service') params.set('tto', 'service')
  if (trace.mode !== 'http') params.set('tmode', trace.mode)
  if (trace.target) params.set('treq', trace.target)
  if (trace.method) params.set('tmethod', trace.method)
  for (const h of trace.headers) if (h.trim() !== '') params.append('th', h)
}
