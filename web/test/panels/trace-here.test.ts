// "Trace a request here" fills the form with a request the listener itself takes.
import { describe, expect, it } from 'vitest'
import { parseTraceQuery } from '../../src/model/trace-query.ts'
import { listenerRequest } from '../../src/panels/TraceHere.tsx'

describe('listenerRequest', () => {
  it.each([
    [{ protocol: 'HTTP', port: 80 }, 'http', 'http://example.com/'],
    [{ protocol: 'HTTPS', port: 443, hostname: 'shop.example.com' }, 'http', 'https://shop.example.com/'],
    [{ protocol: 'HTTP', port: 8080, hostname: '*.example.com' }, 'http', 'http://www.example.com:8080/'],
    [{ protocol: 'TLS', port: 8443, hostname: 'secure.example.com' }, 'tls', 'secure.example.com:8443'],
    [{ protocol: 'TCP', port: 5432 }, 'tcp', 'example.com:5432'],
    [{ protocol: 'UDP', port: 53 }, 'tcp', 'example.com:53'],
  ])('%o → %s %s, which the shared parser reads', (listener, mode, target) => {
    const query = listenerRequest('infra/gw', listener)
    expect(query).toMatchObject({ gateway: 'infra/gw', mode, target })
    const parsed = parseTraceQuery(query)
    expect(parsed.ok).toBe(true)
    if (parsed.ok) expect(parsed.request.port).toBe(listener.port)
  })
})
